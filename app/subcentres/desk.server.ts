// The staff desk of a sub-centre: its dispatched needs, the needs it entered for companies still
// awaiting their confirmation, and the listings of its affiliated organizations waiting for
// first-level review (when the bureau delegated review to it).
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { listDispatches } from "./dispatch.server.ts";
import { awaitingConfirmation } from "./field-needs.server.ts";
import { requireSubcentreDesk } from "./scope.server.ts";

export async function subcentreDesk(id: string, user: SessionUser) {
  await requireSubcentreDesk(user, id);
  const sc = await prisma.subcentre.findUniqueOrThrow({ where: { id }, select: { delegatedReview: true } });
  const select = {
    id: true,
    title: true,
    submittedAt: true,
    organization: { select: { id: true, name: true } },
  } as const;
  const [dispatches, awaiting, results, needs] = await Promise.all([
    listDispatches(id, user),
    awaitingConfirmation(id),
    sc.delegatedReview
      ? prisma.result.findMany({
          where: { subcentreId: id, status: "pending_review" },
          select,
          orderBy: { submittedAt: "asc" },
          take: 100,
        })
      : [],
    sc.delegatedReview
      ? prisma.need.findMany({
          where: { subcentreId: id, status: "pending_review" },
          select,
          orderBy: { submittedAt: "asc" },
          take: 100,
        })
      : [],
  ]);
  const row = (kind: "result" | "need") => (l: (typeof results)[number]) => ({
    kind,
    id: l.id,
    title: l.title,
    organization: l.organization,
    submittedAt: l.submittedAt?.toISOString() ?? null,
  });
  return {
    subcentreId: id,
    delegatedReview: sc.delegatedReview,
    dispatches: dispatches.items,
    // needs its staff entered for companies that the companies have not confirmed yet
    awaitingConfirmation: awaiting,
    pendingReview: [...results.map(row("result")), ...needs.map(row("need"))],
  };
}
