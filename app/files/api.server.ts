// The listing files' HTTP handlers: /api/v1/{results,needs}/:id/files (list, upload),
// DELETE /api/v1/files/:id, and the downloads /files/:id and /files/:id/thumb.
import { apiJson, ApiError, errors, handleApi, optionalApiUser, requireApiUser } from "../api/api.server.ts";
import { noLoader, refuseBadAddress, requireMethod, type RouteArgs } from "../api/http.server.ts";
import type { ListingKind } from "../listings/workflow.server.ts";
import {
  addFile,
  assertMayAddFiles,
  fileTooLarge,
  listFiles,
  readFile,
  removeFile,
  type Upload,
} from "./files.server.ts";
import { FILE_MESSAGES } from "./form-schemas.ts";
import { uploadBodyLimit } from "./limits.ts";
import { fileJson } from "./serialize.ts";

const notMultipart = () =>
  new ApiError(
    415,
    "unsupported_media_type",
    "请以 multipart/form-data 上传，文件放在字段 file 中 / Upload as multipart/form-data, the file in the field file",
  );

/**
 * The upload in a multipart body: the field `file` and an optional `caption`. The body is read only
 * within the limit (the server already cut longer ones off while they streamed in).
 */
export async function readUpload(request: Request): Promise<Upload> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) throw notMultipart();
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > uploadBodyLimit()) throw fileTooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw notMultipart();
  }
  for (const key of form.keys()) {
    if (key !== "file" && key !== "caption") {
      const message = `未知字段 / Unknown field: ${key}`;
      throw errors.invalid(message, { [key]: message });
    }
  }
  const file = form.get("file");
  if (!file || typeof file === "string") throw errors.invalid(FILE_MESSAGES.missing, { file: FILE_MESSAGES.missing });
  const caption = form.get("caption");
  return {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    caption: typeof caption === "string" ? caption : "",
  };
}

/** GET (list) and POST (upload) /api/v1/{results|needs}/:id/files */
export function listingFilesLoader(kind: ListingKind) {
  return ({ request, params }: RouteArgs) =>
    handleApi(async () => {
      refuseBadAddress(request, params);
      const viewer = await optionalApiUser(request);
      const rows = await listFiles(kind, params.id!, viewer);
      return apiJson({ items: rows.map(fileJson) });
    });
}

export function listingFilesAction(kind: ListingKind) {
  return ({ request, params }: RouteArgs) =>
    handleApi(async () => {
      requireMethod(request, "POST");
      refuseBadAddress(request, params);
      const user = await requireApiUser(request);
      // who may is checked before the body is read: another organization gets its 403/404 first
      await assertMayAddFiles(kind, params.id!, user);
      const upload = await readUpload(request);
      const row = await addFile(kind, params.id!, user, upload);
      return apiJson(fileJson(row), 201);
    });
}

/** DELETE /api/v1/files/:id */
export const fileItemLoader = noLoader;

export function fileItemAction({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "DELETE");
    refuseBadAddress(request, params);
    const user = await requireApiUser(request);
    const { kind, listingId } = await removeFile(params.id!, user);
    return apiJson({ id: params.id!, listingKind: kind, listingId, deleted: true });
  });
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
export function contentDisposition(disposition: "inline" | "attachment", filename: string) {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** GET /files/:id and /files/:id/thumb */
export async function downloadResponse(request: Request, fileId: string, variant: "file" | "thumb") {
  const notFound = (message = "文件不存在 / File not found", status = 404) =>
    new Response(message, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  try {
    const viewer = await optionalApiUser(request);
    const { file, bytes, published } = await readFile(fileId, viewer, variant);
    const etag = `"${file.sha256.slice(0, 32)}${variant === "thumb" ? "-t" : ""}"`;
    const headers: Record<string, string> = {
      "Content-Type": variant === "thumb" ? "image/webp" : file.mimeType,
      // X-Content-Type-Options: nosniff comes from helmet on every response (app/server/express-app.ts)
      // pictures are shown in the page; documents are saved, never rendered in the site's origin
      "Content-Disposition": contentDisposition(
        file.kind === "image" ? "inline" : "attachment",
        variant === "thumb" ? file.filename.replace(/\.[a-z0-9]+$/, ".webp") : file.filename,
      ),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      // published files may be kept by caches but are revalidated each time (a withdrawal must
      // take effect at once); the others never leave the browser's private cache
      "Cache-Control": published ? "public, no-cache" : "private, no-store",
      ETag: etag,
    };
    if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
    headers["Content-Length"] = String(bytes.byteLength);
    return new Response(request.method === "HEAD" ? null : new Uint8Array(bytes), { headers });
  } catch (error) {
    if (error instanceof ApiError) return notFound(error.message, error.status === 401 ? 401 : 404);
    console.error("file download failed", error);
    return notFound("服务器内部错误 / Internal server error", 500);
  }
}
