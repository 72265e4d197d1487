// Bureau and admin: what waits for review or verification.
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import type { DashboardSection } from "./types.ts";

async function load() {
  const [results, needs, organizations] = await Promise.all([
    prisma.result.count({ where: { status: "pending_review" } }),
    prisma.need.count({ where: { status: "pending_review" } }),
    prisma.organization.count({ where: { verifiedAt: null } }),
  ]);
  return { results, needs, organizations };
}
export type ReviewQueueData = Awaited<ReturnType<typeof load>>;

export const reviewQueueSection: DashboardSection<ReviewQueueData> = {
  order: 5,
  visible: (user) => can(user, "review:listing:any"),
  load,
};
