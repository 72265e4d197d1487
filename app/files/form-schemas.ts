// A listing's file upload as the edit page's form sends it (multipart: intent, file, caption), and
// the messages the API and the page share for a refused file. The page checks what it can before
// sending (a file chosen, its size); the server reads the same schema, then addFile checks the
// content (app/files/files.server.ts), the one home of the type and picture rules. Client-safe.
import { z } from "zod";

export const CAPTION_MAX = 200;

export const FILE_MESSAGES = {
  missing: "请选择要上传的文件 / Choose a file to upload",
  empty: "文件是空的 / The file is empty",
  type: "只接受 JPEG、PNG、WebP 图片，PDF，以及 Word（DOCX）和 Excel（XLSX）文档 / Only JPEG, PNG or WebP pictures, PDF, and Word (.docx) or Excel (.xlsx) documents are accepted",
  image: "图片已损坏或无法读取 / The picture is damaged or cannot be read",
  caption: `说明最多 ${CAPTION_MAX} 个字符 / The caption is at most ${CAPTION_MAX} characters`,
};

export function fileTooLargeMessage(maxBytes: number) {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return `文件不能超过 ${mb} MB / The file must be at most ${mb} MB`;
}

/** The edit page's upload form; `maxBytes` is FILE_MAX_BYTES (the page's loader passes it on). */
export function fileUploadFormSchema(maxBytes: number) {
  return z.object({
    intent: z.literal("upload"),
    // conform reads a file input left empty as no value
    file: z
      .instanceof(File, { error: FILE_MESSAGES.missing })
      .refine((f) => f.size > 0, FILE_MESSAGES.empty)
      .refine((f) => f.size <= maxBytes, fileTooLargeMessage(maxBytes)),
    caption: z.string().trim().max(CAPTION_MAX, FILE_MESSAGES.caption).optional(),
  });
}
export type FileUploadFields = { intent?: string; file?: File; caption?: string };
