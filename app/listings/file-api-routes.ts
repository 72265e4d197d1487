// The listing files' endpoints for the OpenAPI document (docs/decisions/0022-listing-files.md).
import { z } from "zod";
import { dateTime, ok, readErrors, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";

export const ListingFile = z
  .object({
    id: z.string(),
    listingKind: z.enum(["result", "need"]),
    listingId: z.string(),
    kind: z.enum(["image", "document"]).describe("image: shown in the gallery; document: in the list of documents"),
    mimeType: z.string().describe("what the content is, judged by its bytes"),
    filename: z.string().describe("the uploaded name, made safe, ending in the content's real extension"),
    caption: z.string(),
    bytes: z.number().int().min(0).describe("stored size (pictures: after re-encoding without metadata)"),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string().describe("download: GET /files/{id}"),
    thumbUrl: z.string().nullable().describe("pictures: a WebP thumbnail, GET /files/{id}/thumb"),
    createdAt: dateTime(),
  })
  .meta({ id: "ListingFile" });

const FileUpload = z
  .object({
    file: z.string().meta({ format: "binary" }).describe("the file: JPEG, PNG or WebP picture, PDF, DOCX or XLSX"),
    caption: z.string().max(200).optional().describe("shown as the picture's alt text and under it"),
  })
  .meta({ id: "FileUpload" });

function listingFileRoutes(kind: "result" | "need"): ApiRoute[] {
  const Name = kind === "result" ? "Result" : "Need";
  const path = `/api/v1/${kind}s/{id}/files`;
  const tag = kind === "result" ? "Results" : "Needs";
  return [
    {
      method: "get",
      path,
      operationId: `list${Name}Files`,
      tags: [tag, "Files"],
      summary: `The files and pictures of a ${kind}`,
      description:
        "Under the listing's rule: a published listing's files are public; a draft's, a pending, rejected or withdrawn one's only for members of the owning organization and reviewers (404 for everyone else).",
      auth: "public",
      responses: { 200: ok(z.object({ items: z.array(ListingFile) })), ...readErrors, 404: "NotFound" },
    },
    {
      method: "post",
      path,
      operationId: `add${Name}File`,
      tags: [tag, "Files"],
      summary: `Attach a file or picture to a ${kind} (owning organization, admin)`,
      description:
        "multipart/form-data with the field `file` and an optional `caption` (bearer token; the site's own pages use the edit page's form). " +
        "Checked by content, not by name or Content-Type: JPEG, PNG, WebP, PDF, DOCX, XLSX (SVG, HTML, macro documents refused: 400 naming `file`). " +
        "Pictures are re-encoded without EXIF/GPS metadata and get a thumbnail. Larger than FILE_MAX_BYTES (10 MiB by default): 413; " +
        "more than FILE_MAX_PER_LISTING files (20): 409 `too_many_files`. Changing a published listing's files sends it back to review.",
      request: { body: FileUpload, bodyContentType: "multipart/form-data" },
      responses: { 201: ok(ListingFile, "Created"), ...writeErrors },
    },
  ];
}

export const fileApiRoutes: ApiRoute[] = [
  ...listingFileRoutes("result"),
  ...listingFileRoutes("need"),
  {
    method: "delete",
    path: "/api/v1/files/{id}",
    operationId: "deleteFile",
    tags: ["Files"],
    summary: "Remove a file of a result or need (owning organization, admin)",
    description:
      "Removed from storage after the change is committed. A file of a published listing sends the listing back to review.",
    responses: {
      200: ok(
        z.object({
          id: z.string(),
          listingKind: z.enum(["result", "need"]),
          listingId: z.string(),
          deleted: z.literal(true),
        }),
      ),
      ...writeErrors,
    },
  },
];
