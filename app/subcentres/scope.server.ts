// Who acts for which sub-centre. Bureau staff and admins act for all (manage:subcentre:any); a
// user of role `subcentre` only for the one sub-centre SubcentreStaff names — elsewhere they get a
// 404 for things they cannot see and a 403 for things they can see but not change.
import { errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";

type Actor = Pick<SessionUser, "id" | "role">;

export function isSubcentreManager(user: Actor | null | undefined) {
  return can(user, "manage:subcentre:any");
}

/** The sub-centre a staff user works for, or null. */
export async function staffSubcentreId(user: Actor | null | undefined, db: Tx | typeof prisma = prisma) {
  if (!user || !can(user, "work:subcentre:own")) return null;
  const row = await db.subcentreStaff.findUnique({ where: { userId: user.id }, select: { subcentreId: true } });
  return row?.subcentreId ?? null;
}

/** Bureau/admin, or staff of this sub-centre; anyone else 403 (401 is the caller's business). */
export async function requireSubcentreDesk(user: SessionUser, subcentreId: string) {
  const exists = await prisma.subcentre.findUnique({ where: { id: subcentreId }, select: { id: true, kind: true } });
  if (!exists) throw errors.notFound("分中心");
  if (isSubcentreManager(user)) return exists;
  if ((await staffSubcentreId(user)) === subcentreId) return exists;
  throw errors.forbidden(
    "只有该分中心的工作人员和科技局可以操作 / Only this sub-centre's staff and the bureau can do this",
  );
}

/**
 * Delegated first-level review: staff of the sub-centre a listing came through may approve or
 * reject it when the bureau delegated review to that sub-centre. Returns the sub-centre's id.
 */
export async function delegatedReviewSubcentre(tx: Tx, actor: Actor, kind: "result" | "need", listingId: string) {
  const own = await staffSubcentreId(actor, tx);
  if (!own) return null;
  const listing =
    kind === "result"
      ? await tx.result.findUnique({ where: { id: listingId }, select: { subcentreId: true } })
      : await tx.need.findUnique({ where: { id: listingId }, select: { subcentreId: true } });
  if (!listing || listing.subcentreId !== own) return null;
  const sc = await tx.subcentre.findUnique({ where: { id: own }, select: { delegatedReview: true } });
  return sc?.delegatedReview ? own : null;
}

/** Whether the listing's current publication came from a sub-centre's delegated approval. */
export async function approvedByDelegate(tx: Tx, kind: "result" | "need", listingId: string) {
  const last = await tx.auditEvent.findFirst({
    where: { entityType: kind, entityId: listingId, action: "approve" },
    orderBy: { seq: "desc" },
    select: { after: true },
  });
  const after = last?.after as { delegatedSubcentreId?: string } | null | undefined;
  return !!after?.delegatedSubcentreId;
}
