// The edit page's file forms. The upload is a multipart POST to the edit page itself
// (/my/{results,needs}/:id/edit): a refused file comes back as the upload form's conform reply, its
// message under the file (or caption) field; an added file redirects to the page with a notice.
// The remove button (intent=remove with a fileId) posts to /my/{results,needs}/:id/files and
// redirects back (?file=removed, or ?fileError= with a key of listings:files.errors). Both work
// without JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { ApiError } from "../api/api.server.ts";
import { requireUser } from "../auth/session.server.ts";
import { formId, formIntent } from "../components/form-intent.ts";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import type { ListingKind } from "../listings/workflow.server.ts";
import { getEnv } from "../env.server.ts";
import { addFile, assertMayAddFiles, removeFile } from "./files.server.ts";
import { FILE_MESSAGES, fileTooLargeMessage, fileUploadFormSchema } from "./form-schemas.ts";
import { uploadBodyLimit } from "./limits.ts";

export type FileErrorKey = "missing" | "empty" | "type" | "image" | "caption" | "tooLarge" | "tooMany" | "failed";

/** Which message of listings:files.errors a refused upload shows. */
export function fileErrorKey(error: ApiError): FileErrorKey {
  if (error.status === 413) return "tooLarge";
  if (error.code === "too_many_files") return "tooMany";
  if (error.fields?.caption) return "caption";
  const message = error.fields?.file;
  const known = (Object.keys(FILE_MESSAGES) as Array<keyof typeof FILE_MESSAGES>).find(
    (k) => FILE_MESSAGES[k] === message,
  );
  return known && known !== "caption" ? known : "failed";
}

/**
 * Is this POST to the edit page the upload form's (intent=upload)? Only a multipart body can be;
 * it is read on a copy, within the upload's body limit (docs/decisions/0012), by a signed-in user.
 */
export async function isUpload(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return false;
  try {
    return (await request.clone().formData()).get("intent") === "upload";
  } catch {
    return false;
  }
}

/** The upload form's POST to the edit page: a redirect with the notice, or the form's reply. */
export async function uploadPageAction(kind: ListingKind, request: Request, listingId: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const edit = `/my/${kind}s/${encodeURIComponent(listingId)}/edit`;
  const maxBytes = getEnv().FILE_MAX_BYTES;
  try {
    // who may, before the file is taken: another organization gets its 403/404
    await assertMayAddFiles(kind, listingId, user);
  } catch (error) {
    return pageError(error, locale);
  }
  const tooLarge = {
    status: "error" as const,
    initialValue: { intent: "upload" },
    error: { file: [fileTooLargeMessage(maxBytes)] },
  };
  // the HTTP server cuts longer bodies off while they stream in (docs/decisions/0012)
  if (Number(request.headers.get("Content-Length") ?? "0") > uploadBodyLimit()) return data(tooLarge, 413);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return data({ ...tooLarge, error: { file: [FILE_MESSAGES.missing] } }, 400);
  }
  const submission = parseWithZod(form, { schema: fileUploadFormSchema(maxBytes) });
  if (submission.status !== "success") {
    const big = submission.error?.file?.includes(fileTooLargeMessage(maxBytes));
    return data(submission.reply(), big ? 413 : 400);
  }
  const { file, caption } = submission.value;
  try {
    await addFile(kind, listingId, user, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      caption: caption ?? "",
    });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 409 || error.status === 413)) {
      // the content's refusal (type, picture, size, count) under the field it is about
      const field = error.fields?.caption ? "caption" : "file";
      return data(
        submission.reply({ fieldErrors: { [field]: [error.fields?.[field] ?? error.message] } }),
        error.status,
      );
    }
    return pageError(error, locale);
  }
  return redirect(`${edit}?file=added#files`);
}

/** The remove button's POST to /my/{results,needs}/:id/files. */
export async function filesPageAction(kind: ListingKind, request: Request, listingId: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const edit = `/my/${kind}s/${encodeURIComponent(listingId)}/edit`;
  try {
    // the remove button carries only its intent and the file's id
    const form = await request.formData();
    const fileId = formId(form, "fileId") ?? "";
    const belongs = await prisma.listingFile.findFirst({
      where: { id: fileId, ...(kind === "result" ? { resultId: listingId } : { needId: listingId }) },
      select: { id: true },
    });
    if (formIntent(form, ["remove"]) !== "remove" || !belongs) {
      throw new ApiError(404, "not_found", "文件不存在 / File not found");
    }
    await removeFile(fileId, user);
    return redirect(`${edit}?file=removed#files`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
      return redirect(`${edit}?fileError=${fileErrorKey(error)}#files`);
    }
    return pageError(error, locale);
  }
}
