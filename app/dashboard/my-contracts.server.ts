// Dashboard section "my contracts": the latest technology contracts of the user's organization
// (listContracts from app/contracts); for bureau staff, the contracts awaiting review.
import { can } from "../auth/permissions.ts";
import { isStaff, listContracts } from "../contracts/contracts.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

async function load(user: DashboardUser) {
  const staff = isStaff(user);
  const list = await listContracts(
    staff ? { status: "submitted", page: 1, pageSize: 6 } : { page: 1, pageSize: 6 },
    user,
  );
  return {
    staff,
    canCreate: can(user, "create:contract:own") || can(user, "create:contract:any"),
    canStats: can(user, "read:stats:any"),
    total: list.total,
    items: list.items.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      contractAmountFen: c.contractAmountFen,
      registrationNumber: c.registrationNumber,
      updatedAt: c.updatedAt,
    })),
  };
}

export type MyContractsData = Awaited<ReturnType<typeof load>>;

export const myContractsSection: DashboardSection<MyContractsData> = {
  order: 14,
  visible: (user) => can(user, "read:contract:any") || (!!user.organizationId && can(user, "create:contract:own")),
  load,
};
