// Which broker a lot, and the contract confirmed from it, is attributed to: the first live lead on
// the seller and the buyer (the notice lot's named buyer, else the winner) within
// LEAD_ATTRIBUTION_DAYS, as for offers and contracts (docs/decisions/0028).
import { recordAudit } from "../audit/audit.server.ts";
import type { Tx } from "../db/db.server.ts";
import { attributingLead, liveLeadFor } from "../leads/attribution.server.ts";

export type LotAttribution = { leadId: string | null; brokerUserId: string | null; brokerOrgId: string | null };

const none: LotAttribution = { leadId: null, brokerUserId: null, brokerOrgId: null };

/** The broker columns of a lot between `sellerOrgId` and `buyerOrgId` at `at` (none without a buyer). */
export async function lotAttribution(
  db: Tx,
  sellerOrgId: string,
  buyerOrgId: string | null,
  at: Date,
): Promise<LotAttribution> {
  if (!buyerOrgId) return none;
  const lead = await liveLeadFor(sellerOrgId, buyerOrgId, at, db);
  return lead ? { leadId: lead.id, brokerUserId: lead.brokerUserId, brokerOrgId: lead.brokerOrgId } : none;
}

/**
 * At the close the buyer is known: the lot takes the lead on its two parties (a lead waived since
 * the notice was announced attributes nothing). Audited when the attribution changes.
 */
export async function attributeClosedLot(
  tx: Tx,
  lot: { id: string; sellerOrgId: string; leadId: string | null },
  buyerOrgId: string | null,
  at: Date,
) {
  const next = await lotAttribution(tx, lot.sellerOrgId, buyerOrgId, at);
  if (next.leadId === lot.leadId) return next;
  await tx.auction.update({ where: { id: lot.id }, data: next });
  await recordAudit(tx, {
    entityType: "auction",
    entityId: lot.id,
    action: "attribute",
    before: { leadId: lot.leadId },
    after: next,
  });
  return next;
}

/**
 * The broker columns of the contract confirmed from a won lot: the lot's lead while it is still
 * live (not waived or expired since), else the first live lead on the two parties now.
 */
export async function contractAttributionFromLot(
  tx: Tx,
  lot: { sellerOrgId: string; winnerOrgId: string | null; leadId: string | null },
  now: Date,
): Promise<LotAttribution> {
  if (!lot.winnerOrgId) return none;
  const lead = await attributingLead(lot.sellerOrgId, lot.winnerOrgId, { inheritedLeadId: lot.leadId, now, db: tx });
  return lead ? { leadId: lead.id, brokerUserId: lead.brokerUserId, brokerOrgId: lead.brokerOrgId } : none;
}
