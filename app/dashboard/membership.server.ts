// Organization membership on the dashboard: a user whose request to join an organization waits
// sees so; members and staff see how many requests wait for them (/memberships).
import { prisma } from "../db/db.server.ts";
import { membershipScope } from "../organizations/membership.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

async function load(user: DashboardUser) {
  const scope = membershipScope(user);
  if (!scope) {
    const request = await prisma.membershipRequest.findUnique({
      where: { userId: user.id },
      select: { organization: { select: { name: true } } },
    });
    return { pendingOrganization: request?.organization.name ?? null, waiting: 0, noOrganization: !request };
  }
  const waiting = await prisma.membershipRequest.count({ where: scope });
  return { pendingOrganization: null, waiting, noOrganization: false };
}
export type MembershipData = Awaited<ReturnType<typeof load>>;

export const membershipSection: DashboardSection<MembershipData> = {
  order: 1,
  visible: (user) =>
    membershipScope(user) !== null || (!user.organizationId && ["researcher", "company", "broker"].includes(user.role)),
  load,
};
