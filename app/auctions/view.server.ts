// What a viewer gets for one lot: due steps of the lot's clock run first (a late read closes a
// lot whose end passed, even if the background job has not come round yet).
import { errors } from "../api/api.server.ts";
import { prisma } from "../db/db.server.ts";
import "./card.server.ts";
import { advanceLot, stepDue } from "./close.server.ts";
import { depositJson } from "./deposits.server.ts";
import { canSeeLot, isMarketStaff, type Actor } from "./lots.server.ts";
import { loadLot, shapeLots } from "./lot-json.server.ts";

export async function lotForViewer(id: string, viewer: Actor | null, now = new Date()) {
  let lot = await loadLot(id);
  if (!canSeeLot(viewer, lot)) throw errors.notFound("交易项目");
  if (stepDue(lot, now)) {
    await advanceLot(id, now);
    lot = await loadLot(id);
  }
  const [auction] = await shapeLots([lot], viewer);
  return { auction: auction!, row: lot };
}

/** The viewer's own registration for the lot, and what they may do. */
export async function viewerState(
  lot: { id: string; sellerOrgId: string; winnerOrgId: string | null },
  viewer: Actor | null,
) {
  if (!viewer) return { deposit: null, isSeller: false, isWinner: false, isStaff: false };
  const deposit = viewer.organizationId
    ? await prisma.auctionDeposit.findUnique({
        where: { auctionId_orgId: { auctionId: lot.id, orgId: viewer.organizationId } },
      })
    : null;
  return {
    deposit: deposit ? depositJson(deposit) : null,
    isSeller: !!viewer.organizationId && viewer.organizationId === lot.sellerOrgId,
    isWinner: !!viewer.organizationId && viewer.organizationId === lot.winnerOrgId,
    isStaff: isMarketStaff(viewer),
  };
}
