// Organization membership on the dashboard: a user whose request to join an organization waits
// sees so; members and staff see how many requests wait for them (/memberships).
import { can } from "../../auth/permissions.ts";
import { prisma } from "../../db/db.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

const staff = (user: DashboardUser) => can(user, "manage:membership:any");
const member = (user: DashboardUser) => !!user.organizationId && can(user, "update:organization:own");

async function load(user: DashboardUser) {
  if (!user.organizationId && !staff(user)) {
    const request = await prisma.membershipRequest.findUnique({ where: { userId: user.id }, select: { organization: { select: { name: true } } } });
    return { pendingOrganization: request?.organization.name ?? null, waiting: 0, noOrganization: !request };
  }
  const waiting = await prisma.membershipRequest.count({ where: staff(user) ? {} : { organizationId: user.organizationId! } });
  return { pendingOrganization: null, waiting, noOrganization: false };
}
export type MembershipData = Awaited<ReturnType<typeof load>>;

export const membershipSection: DashboardSection<MembershipData> = {
  id: "membership",
  order: 1,
  visible: (user) => staff(user) || member(user) || (!user.organizationId && ["researcher", "company", "broker"].includes(user.role)),
  load,
};
