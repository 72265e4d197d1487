// The city centre dispatches a need to a sub-centre for follow-up by a due date; the sub-centre's
// staff record visits and outcomes. Dispatching: bureau, admin, or staff of the city centre.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { DispatchInput, VisitInput } from "./schemas.ts";
import { isSubcentreManager, requireSubcentreDesk, staffSubcentreId } from "./scope.server.ts";

const dispatchInclude = {
  need: { select: { id: true, title: true, organizationId: true, organization: { select: { name: true } } } },
  subcentre: { select: { id: true, name: true } },
  visits: { orderBy: { visitedAt: "asc" } },
} satisfies Prisma.NeedDispatchInclude;
type DispatchRow = Prisma.NeedDispatchGetPayload<{ include: typeof dispatchInclude }>;

export function dispatchJson(d: DispatchRow, now = new Date()) {
  return {
    id: d.id,
    needId: d.needId,
    need: { id: d.need.id, title: d.need.title, organization: d.need.organization.name },
    subcentreId: d.subcentreId,
    subcentre: d.subcentre,
    dueAt: d.dueAt.toISOString(),
    note: d.note,
    status: d.status,
    overdue: d.status === "open" && d.dueAt < now,
    closedAt: d.closedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    visits: d.visits.map((v) => ({
      id: v.id,
      visitedAt: v.visitedAt.toISOString(),
      outcome: v.outcome,
      note: v.note,
      createdById: v.createdById,
    })),
  };
}

async function requireDispatcher(user: SessionUser) {
  if (isSubcentreManager(user)) return;
  const own = await staffSubcentreId(user);
  const sc = own ? await prisma.subcentre.findUnique({ where: { id: own }, select: { kind: true } }) : null;
  if (sc?.kind !== "city_centre")
    throw errors.forbidden("只有市中心和科技局可以派单 / Only the city centre and the bureau dispatch needs");
}

export async function dispatchNeed(needId: string, input: DispatchInput, user: SessionUser) {
  await requireDispatcher(user);
  const need = await prisma.need.findUnique({ where: { id: needId }, select: { id: true, title: true, status: true } });
  if (!need) throw errors.notFound("技术需求");
  const sc = await prisma.subcentre.findUnique({ where: { id: input.subcentreId }, select: { id: true, name: true } });
  if (!sc)
    throw errors.invalid("输入无效：subcentreId — 分中心不存在 / Unknown sub-centre", {
      subcentreId: "分中心不存在 / Unknown sub-centre",
    });
  if (input.dueAt <= new Date())
    throw errors.invalid("输入无效：dueAt — 办结期限应在将来 / dueAt must be in the future", {
      dueAt: "办结期限应在将来 / dueAt must be in the future",
    });
  const created = await prisma.$transaction(async (tx) => {
    const d = await tx.needDispatch.create({
      data: { needId, subcentreId: sc.id, dueAt: input.dueAt, note: input.note ?? "", dispatchedById: user.id },
      include: dispatchInclude,
    });
    await recordAudit(tx, {
      entityType: "need",
      entityId: needId,
      action: "dispatch",
      actorId: user.id,
      before: null,
      after: { dispatchId: d.id, subcentreId: sc.id, dueAt: input.dueAt },
    });
    return d;
  });
  return dispatchJson(created);
}

export async function recordVisit(dispatchId: string, input: VisitInput, user: SessionUser) {
  const d = await prisma.needDispatch.findUnique({
    where: { id: dispatchId },
    select: { subcentreId: true, needId: true, status: true },
  });
  if (!d) throw errors.notFound("派单");
  // staff of another sub-centre: as if it did not exist
  if (!isSubcentreManager(user) && (await staffSubcentreId(user)) !== d.subcentreId) {
    if (user.role === "subcentre") throw errors.notFound("派单");
    throw errors.forbidden();
  }
  if (d.status !== "open") throw errors.conflict("该派单已办结 / The dispatch is closed", "invalid_state");
  const updated = await prisma.$transaction(async (tx) => {
    const visit = await tx.dispatchVisit.create({
      data: {
        dispatchId,
        visitedAt: input.visitedAt,
        outcome: input.outcome,
        note: input.note ?? "",
        createdById: user.id,
      },
    });
    if (input.close) {
      const closed = await tx.needDispatch.updateMany({
        where: { id: dispatchId, status: "open" },
        data: { status: "done", closedAt: new Date() },
      });
      if (closed.count !== 1) throw errors.conflict("该派单已办结 / The dispatch is closed", "invalid_state");
    }
    await recordAudit(tx, {
      entityType: "need",
      entityId: d.needId,
      action: "visit",
      actorId: user.id,
      before: null,
      after: { dispatchId, visitId: visit.id, outcome: input.outcome, closed: !!input.close },
    });
    return tx.needDispatch.findUniqueOrThrow({ where: { id: dispatchId }, include: dispatchInclude });
  });
  return dispatchJson(updated);
}

export async function listDispatches(subcentreId: string, user: SessionUser) {
  await requireSubcentreDesk(user, subcentreId);
  const rows = await prisma.needDispatch.findMany({
    where: { subcentreId },
    include: dispatchInclude,
    orderBy: [{ status: "desc" }, { dueAt: "asc" }],
    take: 200,
  });
  return { items: rows.map((r) => dispatchJson(r)) };
}
