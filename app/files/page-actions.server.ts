// The edit page's file form (POST /my/{results,needs}/:id/files): a multipart upload, or
// intent=remove with a fileId. Plain HTML forms, so it works without JavaScript: every outcome
// is a redirect back to the edit page, which shows the notice or the error in the reader's
// language (errors as keys of listings:files.errors).
import { redirect } from "react-router";
import { ApiError } from "../api/api.server.ts";
import { requireUser } from "../auth/session.server.ts";
import { formId, formIntent } from "../components/form-intent.ts";
import { prisma } from "../db/db.server.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import type { ListingKind } from "../listings/workflow.server.ts";
import { readUpload } from "./api.server.ts";
import { addFile, assertMayAddFiles, FILE_MESSAGES, removeFile } from "./files.server.ts";

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

export async function filesPageAction(kind: ListingKind, request: Request, listingId: string) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const edit = `/my/${kind}s/${encodeURIComponent(listingId)}/edit`;
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  try {
    if (multipart) {
      // who may, before the body is read; the upload (file and caption) is read by the API's own
      // reader, the one home of its rules (size limit first, unknown fields, content type), so
      // the page and POST /api/v1/…/files cannot drift apart
      await assertMayAddFiles(kind, listingId, user);
      await addFile(kind, listingId, user, await readUpload(request));
      return redirect(`${edit}?file=added#files`);
    }
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
    if (error instanceof ApiError && (error.status === 400 || error.status === 409 || error.status === 413)) {
      return redirect(`${edit}?fileError=${fileErrorKey(error)}#files`);
    }
    return pageError(error, locale);
  }
}
