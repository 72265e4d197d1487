// "My results" and "My needs": the listings of the user's organization, with their statuses.
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

const TAKE = 8;

async function loadResults(user: DashboardUser) {
  const where = { organizationId: user.organizationId ?? "" };
  const [byStatus, items] = await Promise.all([
    prisma.result.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.result.findMany({
      where,
      orderBy: { updatedAt: "desc" },
      take: TAKE,
      select: { id: true, title: true, status: true, updatedAt: true, rejectionReason: true },
    }),
  ]);
  return {
    counts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Record<string, number>,
    items: items.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
  };
}

async function loadNeeds(user: DashboardUser) {
  const where = { organizationId: user.organizationId ?? "" };
  const [byStatus, items] = await Promise.all([
    prisma.need.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.need.findMany({
      where,
      orderBy: { updatedAt: "desc" },
      take: TAKE,
      select: { id: true, title: true, status: true, updatedAt: true, rejectionReason: true },
    }),
  ]);
  return {
    counts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Record<string, number>,
    items: items.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })),
  };
}

export type MyListingsData = Awaited<ReturnType<typeof loadResults>>;

export const myResultsSection: DashboardSection<MyListingsData> = {
  order: 20,
  visible: (user) => can(user, "create:result:own") && !!user.organizationId,
  load: loadResults,
};

export const myNeedsSection: DashboardSection<MyListingsData> = {
  order: 30,
  visible: (user) => can(user, "create:need:own") && !!user.organizationId,
  load: loadNeeds,
};
