// The one JSON shape of a lot that every endpoint and page shows, and the reads that feed it. The
// reserve price is never part of that shape before the close (docs/decisions/0009-auctions.md).
import { errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export const lotInclude = {
  result: { select: { id: true, title: true, field: true, organization: { select: { id: true, name: true } } } },
} satisfies Prisma.AuctionInclude;
export type LotRow = Prisma.AuctionGetPayload<{ include: typeof lotInclude }>;

type Viewer = Pick<SessionUser, "id" | "role" | "organizationId">;
type Party = { id: string; name: string };
export type LotBroker = { userId: string; name: string; org: Party | null };

/**
 * Who may see the broker a lot is attributed to: a lead is private to the two parties and the
 * broker, so only they, the broker organization and staff do (a winner is public only by code).
 */
function seesBroker(viewer: Viewer | null, a: LotRow) {
  if (!viewer || !a.brokerUserId) return false;
  if (can(viewer, "manage:auction:any") || viewer.id === a.brokerUserId) return true;
  const org = viewer.organizationId;
  return !!org && [a.sellerOrgId, a.buyerOrgId, a.winnerOrgId, a.brokerOrgId].includes(org);
}

const n = (v: bigint | null | undefined) => (v === null || v === undefined ? null : Number(v));
const t = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The lot as everyone sees it. `reserveMet` and the winner appear only once the lot is closed. */
export function auctionJson(
  a: LotRow & { contract?: { id: string } | null },
  extra: { winnerBidderCode?: string | null; buyerOrgName?: string | null; broker?: LotBroker | null } = {},
) {
  const closed = a.status === "sold" || a.status === "unsold";
  const minimumBidFen =
    a.incrementFen === null
      ? null
      : a.currentPriceFen === null
        ? Number(a.startPriceFen)
        : Number(a.currentPriceFen + a.incrementFen);
  return {
    id: a.id,
    mode: a.mode,
    status: a.status,
    contractType: a.contractType,
    licenseScope: a.licenseScope,
    licenseTermMonths: a.licenseTermMonths,
    result: { id: a.result.id, title: a.result.title, field: a.result.field },
    seller: a.result.organization,
    startPriceFen: Number(a.startPriceFen),
    incrementFen: n(a.incrementFen),
    hasReserve: a.reservePriceFen !== null,
    depositFen: Number(a.depositFen),
    currentPriceFen: n(a.currentPriceFen),
    minimumBidFen,
    biddingStartsAt: t(a.biddingStartsAt),
    biddingEndsAt: t(a.biddingEndsAt),
    endsAt: t(a.mode === "notice" ? a.noticeEndsAt : a.endsAt),
    softCloseSeconds: a.softCloseSeconds,
    bidCount: a.bidCount,
    ...(a.mode === "notice"
      ? {
          buyer: { id: a.buyerOrgId, name: extra.buyerOrgName ?? null },
          buyerRelation: a.buyerRelation,
          noticeEndsAt: t(a.noticeEndsAt),
        }
      : {}),
    convertedAt: t(a.convertedAt),
    announcedAt: t(a.announcedAt),
    closedAt: t(a.closedAt),
    ...(closed && a.mode !== "notice"
      ? {
          reserveMet:
            a.status === "sold" ||
            (a.reservePriceFen === null ? a.bidCount > 0 : (a.currentPriceFen ?? 0n) >= a.reservePriceFen),
        }
      : {}),
    ...(closed
      ? {
          winnerBidderCode: extra.winnerBidderCode ?? null,
          winningAmountFen: n(a.winningAmountFen),
          headHash: a.headHash || null,
        }
      : {}),
    confirmDeadline: t(a.confirmDeadline),
    confirmedAt: t(a.confirmedAt),
    defaultedAt: t(a.defaultedAt),
    contractId: a.contract?.id ?? null,
    cancelReason: a.cancelReason,
    reviewNote: a.reviewNote,
    subcentreId: a.subcentreId,
    // the broker of a live lead on the seller and the buyer (docs/decisions/0028): parties and staff only
    leadId: extra.broker ? a.leadId : null,
    brokerUserId: extra.broker ? a.brokerUserId : null,
    brokerOrgId: extra.broker ? a.brokerOrgId : null,
    broker: extra.broker ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
export type AuctionJson = ReturnType<typeof auctionJson>;

type LotWithContract = LotRow & { contract?: { id: string } | null };

/**
 * Shapes rows for output, looking up the winners' codes, notice buyers, brokers and broker
 * organizations in at most three queries; `viewer` decides whether the broker is shown.
 */
export async function shapeLots(rows: LotWithContract[], viewer: Viewer | null = null) {
  const depositIds = rows.map((r) => r.winnerDepositId).filter((x): x is string => !!x);
  const brokered = rows.filter((r) => seesBroker(viewer, r));
  const orgIds = [...rows.map((r) => r.buyerOrgId), ...brokered.map((r) => r.brokerOrgId)].filter(
    (x): x is string => !!x,
  );
  const brokerIds = brokered.map((r) => r.brokerUserId!);
  const [deposits, orgs, brokers] = await Promise.all([
    depositIds.length
      ? prisma.auctionDeposit.findMany({ where: { id: { in: depositIds } }, select: { id: true, bidderCode: true } })
      : [],
    orgIds.length
      ? prisma.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })
      : [],
    brokerIds.length
      ? prisma.user.findMany({ where: { id: { in: brokerIds } }, select: { id: true, name: true } })
      : [],
  ]);
  return rows.map((r) => {
    const broker = brokered.includes(r) ? brokers.find((b) => b.id === r.brokerUserId) : undefined;
    return auctionJson(r, {
      winnerBidderCode: deposits.find((d) => d.id === r.winnerDepositId)?.bidderCode ?? null,
      buyerOrgName: orgs.find((b) => b.id === r.buyerOrgId)?.name ?? null,
      broker: broker
        ? { userId: broker.id, name: broker.name, org: orgs.find((o) => o.id === r.brokerOrgId) ?? null }
        : null,
    });
  });
}

export const lotFullInclude = { ...lotInclude, contract: { select: { id: true } } } satisfies Prisma.AuctionInclude;

export async function loadLot(id: string, db: Tx | typeof prisma = prisma) {
  const lot = await db.auction.findUnique({ where: { id }, include: lotFullInclude });
  if (!lot) throw errors.notFound("交易项目");
  return lot;
}
