// "My results" and "My needs": the listings of the user's organization, with their statuses.
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

const TAKE = 8;

// results and needs have these columns alike, so one loader serves both sections
const LISTING_SELECT = { id: true, title: true, status: true, updatedAt: true, rejectionReason: true } as const;

async function loadListings(model: "result" | "need", user: DashboardUser) {
  const where = { organizationId: user.organizationId ?? "" };
  const [byStatus, items] = await Promise.all([
    model === "result"
      ? prisma.result.groupBy({ by: ["status"], where, _count: { _all: true } })
      : prisma.need.groupBy({ by: ["status"], where, _count: { _all: true } }),
    model === "result"
      ? prisma.result.findMany({ where, orderBy: { updatedAt: "desc" }, take: TAKE, select: LISTING_SELECT })
      : prisma.need.findMany({ where, orderBy: { updatedAt: "desc" }, take: TAKE, select: LISTING_SELECT }),
  ]);
  return {
    counts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Record<string, number>,
    items: items.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
  };
}

export type MyListingsData = Awaited<ReturnType<typeof loadListings>>;

export const myResultsSection: DashboardSection<MyListingsData> = {
  order: 20,
  visible: (user) => can(user, "create:result:own") && !!user.organizationId,
  load: (user) => loadListings("result", user),
};

export const myNeedsSection: DashboardSection<MyListingsData> = {
  order: 30,
  visible: (user) => can(user, "create:need:own") && !!user.organizationId,
  load: (user) => loadListings("need", user),
};
