// The historical import page's form (/bureau/import): one .jsonl file. The page checks it before
// sending and the action again on what arrived; then every line goes through importLineSchema
// (app/contracts/import.server.ts). Client-safe.
import { z } from "zod";

/** The page's file limit; the HTTP server's body limit for the page is a little above it (ADR 0012). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_LINES = 20_000;

export const IMPORT_MESSAGES = {
  missing: "请选择要导入的文件 / Choose a file to import",
  tooLarge: "文件过大（上限 20 MB） / The file is too large (20 MB at most)",
  noLines: "文件中没有数据行 / The file has no data lines",
  tooManyLines: "一次最多导入 20000 条 / At most 20,000 contracts per import",
};

export const importFormSchema = z.object({
  // conform reads an empty file input as no value
  file: z
    .instanceof(File, { error: IMPORT_MESSAGES.missing })
    .refine((f) => f.size > 0, IMPORT_MESSAGES.noLines)
    .refine((f) => f.size <= IMPORT_MAX_BYTES, IMPORT_MESSAGES.tooLarge),
});
