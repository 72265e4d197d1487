// Files and pictures of results and needs (docs/decisions/0022-listing-files.md): upload, list,
// remove, and read for download. Who may: the listing's rules (app/listings/workflow.server.ts) —
// members of the owning organization who may edit it (and admins) add and remove; whoever may read
// the listing reads its files (published: everyone; otherwise the owners and reviewing staff, 404
// for anyone else). Adding or removing a file of a published listing is an edit: it goes back to
// review, like any other change of what the public sees.
import { createHash, randomUUID } from "node:crypto";
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { ListingStatus } from "../domain/catalog.ts";
import { getEnv } from "../env.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import {
  assertWrite,
  canRead,
  editTransition,
  lockListing,
  notFoundListing,
  recordSubmit,
  statusChange,
  type Actor,
  type ListingKind,
} from "../listings/workflow.server.ts";
import { CAPTION_MAX, FILE_MESSAGES, fileTooLargeMessage } from "./form-schemas.ts";
import { cleanImage } from "./images.server.ts";
import { safeFilename, sniff } from "./sniff.server.ts";
import { fileStorage } from "./storage.server.ts";
import { drainAfterCommit } from "./storage-outbox.server.ts";

export type ListingFileRow = NonNullable<Awaited<ReturnType<typeof prisma.listingFile.findUnique>>>;

export function fileTooLarge(maxBytes = getEnv().FILE_MAX_BYTES) {
  const message = fileTooLargeMessage(maxBytes);
  return new ApiError(413, "payload_too_large", message, { file: message });
}

function invalidFile(message: string, field = "file") {
  return errors.invalid(message, { [field]: message });
}

type Listing = { id: string; organizationId: string; status: ListingStatus };

async function findListing(db: Tx | typeof prisma, kind: ListingKind, id: string): Promise<Listing | null> {
  const select = { id: true, organizationId: true, status: true } as const;
  return kind === "result"
    ? db.result.findUnique({ where: { id }, select })
    : db.need.findUnique({ where: { id }, select });
}

const listingWhere = (kind: ListingKind, id: string) => (kind === "result" ? { resultId: id } : { needId: id });

/** The listing's files in gallery order, or a 404 when the viewer may not see the listing. */
export async function listFiles(kind: ListingKind, listingId: string, viewer: Actor | null) {
  const listing = await findListing(prisma, kind, listingId);
  if (!listing || !canRead(viewer, listing)) throw notFoundListing(kind);
  return filesOf(kind, listingId);
}

/** Without an access check: for pages that already read the listing. */
export function filesOf(kind: ListingKind, listingId: string) {
  return prisma.listingFile.findMany({
    where: listingWhere(kind, listingId),
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

/** Who may add files (checked again under the lock): callers check it before reading a body. */
export async function assertMayAddFiles(kind: ListingKind, listingId: string, actor: Actor) {
  const listing = await findListing(prisma, kind, listingId);
  if (!listing) throw notFoundListing(kind);
  assertWrite(kind, actor, listing);
}

export type Upload = { name: string; bytes: Uint8Array; caption?: string };

/**
 * Checks, cleans and stores one file, then records it. The objects are written first under fresh
 * keys; if the transaction then fails (a refusal, the count limit reached meanwhile), they are
 * queued for deletion, so storage never keeps a file the database does not know.
 */
export async function addFile(kind: ListingKind, listingId: string, actor: Actor, upload: Upload) {
  await assertMayAddFiles(kind, listingId, actor);

  const env = getEnv();
  const caption = (upload.caption ?? "").replace(/\s+/g, " ").trim();
  if (Array.from(caption).length > CAPTION_MAX) throw invalidFile(FILE_MESSAGES.caption, "caption");
  if (upload.bytes.byteLength > env.FILE_MAX_BYTES) throw fileTooLarge(env.FILE_MAX_BYTES);
  if (upload.bytes.byteLength === 0) throw invalidFile(upload.name ? FILE_MESSAGES.empty : FILE_MESSAGES.missing);
  const type = sniff(upload.bytes);
  if (!type) throw invalidFile(FILE_MESSAGES.type);

  let stored: Uint8Array = upload.bytes;
  let thumb: Buffer | null = null;
  let size: { width: number; height: number } | null = null;
  if (type.kind === "image") {
    const clean = await cleanImage(upload.bytes, type.mimeType);
    if (!clean) throw invalidFile(FILE_MESSAGES.image);
    stored = clean.bytes;
    thumb = clean.thumb;
    size = { width: clean.width, height: clean.height };
  }

  const id = randomUUID().replace(/-/g, "");
  const storageKey = `${kind}s/${listingId}/${id}.${type.ext}`;
  const thumbKey = thumb ? `${kind}s/${listingId}/${id}-thumb.webp` : null;
  const storage = fileStorage();
  await storage.put(storageKey, stored, type.mimeType);
  if (thumb && thumbKey) await storage.put(thumbKey, thumb, "image/webp");

  try {
    return await prisma.$transaction(async (tx) => {
      await lockListing(tx, kind, listingId);
      const listing = await findListing(tx, kind, listingId);
      if (!listing) throw notFoundListing(kind);
      assertWrite(kind, actor, listing);
      const where = listingWhere(kind, listingId);
      const count = await tx.listingFile.count({ where });
      if (count >= env.FILE_MAX_PER_LISTING) {
        throw errors.conflict(
          `每条最多 ${env.FILE_MAX_PER_LISTING} 个文件，请先删除不需要的 / At most ${env.FILE_MAX_PER_LISTING} files per listing: remove one first`,
          "too_many_files",
        );
      }
      const last = await tx.listingFile.aggregate({ where, _max: { position: true } });
      const row = await tx.listingFile.create({
        data: {
          id,
          ...where,
          uploadedById: actor.id,
          kind: type.kind,
          mimeType: type.mimeType,
          filename: safeFilename(upload.name, type.ext),
          caption,
          bytes: stored.byteLength,
          sha256: createHash("sha256").update(stored).digest("hex"),
          width: size?.width ?? null,
          height: size?.height ?? null,
          storageKey,
          thumbKey,
          position: (last._max.position ?? -1) + 1,
        },
      });
      await recordAudit(tx, {
        entityType: kind,
        entityId: listingId,
        action: "file_add",
        actorId: actor.id,
        before: null,
        after: { file: row.filename, type: row.mimeType, bytes: row.bytes },
      });
      await backToReview(tx, kind, listing, actor);
      return row;
    });
  } catch (error) {
    await prisma.storageDeletion.createMany({
      data: [storageKey, ...(thumbKey ? [thumbKey] : [])].map((key) => ({ key })),
    });
    await drainAfterCommit();
    throw error;
  }
}

/** A published listing whose files change goes back to review, like an edit of its text. */
async function backToReview(tx: Tx, kind: ListingKind, listing: Listing, actor: Actor) {
  if (!editTransition(kind, listing.status, true, false)) return;
  await assertOrganizationVerified(tx, listing.organizationId);
  const data = statusChange("submit", new Date());
  if (kind === "result") await tx.result.update({ where: { id: listing.id }, data });
  else await tx.need.update({ where: { id: listing.id }, data });
  await recordSubmit(tx, kind, listing.id, actor, listing.status);
}

function listingOf(file: ListingFileRow): { kind: ListingKind; id: string } {
  return file.resultId ? { kind: "result", id: file.resultId } : { kind: "need", id: file.needId! };
}

const fileNotFound = () => new ApiError(404, "not_found", "文件不存在 / File not found");

/** Removes one file (the owners, admins); its objects leave storage after the commit. */
export async function removeFile(fileId: string, actor: Actor) {
  const found = await prisma.listingFile.findUnique({ where: { id: fileId } });
  if (!found) throw fileNotFound();
  const { kind, id: listingId } = listingOf(found);
  await prisma.$transaction(async (tx) => {
    await lockListing(tx, kind, listingId);
    const listing = await findListing(tx, kind, listingId);
    if (!listing || !canRead(actor, listing)) throw fileNotFound();
    assertWrite(kind, actor, listing);
    const deleted = await tx.listingFile.deleteMany({ where: { id: fileId } });
    if (deleted.count === 0) throw fileNotFound(); // removed meanwhile: a second click
    await recordAudit(tx, {
      entityType: kind,
      entityId: listingId,
      action: "file_remove",
      actorId: actor.id,
      before: { file: found.filename, type: found.mimeType, bytes: found.bytes },
      after: null,
    });
    await backToReview(tx, kind, listing, actor);
  });
  await drainAfterCommit();
  return { kind, listingId };
}

/** A file (or its thumbnail) for download: 404 unless the viewer may read its listing. */
export async function readFile(fileId: string, viewer: Actor | null, variant: "file" | "thumb") {
  const file = await prisma.listingFile.findUnique({ where: { id: fileId } });
  if (!file) throw fileNotFound();
  const { kind, id } = listingOf(file);
  const listing = await findListing(prisma, kind, id);
  if (!listing || !canRead(viewer, listing)) throw fileNotFound();
  const key = variant === "thumb" ? file.thumbKey : file.storageKey;
  if (!key) throw fileNotFound();
  const bytes = await fileStorage().get(key);
  if (!bytes) throw fileNotFound();
  return { file, bytes, published: listing.status === "published" };
}
