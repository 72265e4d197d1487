// Dashboard section "offers awaiting my answer": the open negotiations where the user's
// organization must answer next (listOffers from app/offers).
import { can } from "../auth/permissions.ts";
import { listOffers } from "../offers/offers.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

async function load(user: DashboardUser) {
  const open = await listOffers(user, { status: "open", page: 1, pageSize: 100 });
  const awaiting = open.items.filter((o) => o.awaitingOrgId === user.organizationId);
  return {
    awaitingCount: awaiting.length,
    openCount: open.total,
    items: awaiting.slice(0, 6).map((o) => ({
      id: o.id,
      kind: o.kind,
      title: o.listing?.title ?? "",
      counterpart: o.fromOrg.id === user.organizationId ? o.toOrg.name : o.fromOrg.name,
      amountFen: o.amountFen,
      updatedAt: o.updatedAt,
    })),
  };
}

export type MyOffersData = Awaited<ReturnType<typeof load>>;

export const myOffersSection: DashboardSection<MyOffersData> = {
  order: 12,
  visible: (user) => !!user.organizationId && can(user, "create:offer:own"),
  load,
};
