// The one JSON shape of a lot that every endpoint and page shows, and the reads that feed it. The
// reserve price is never part of that shape before the close (docs/decisions/0009-auctions.md).
import { errors } from "../api/api.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export const lotInclude = {
  result: { select: { id: true, title: true, field: true, organization: { select: { id: true, name: true } } } },
} satisfies Prisma.AuctionInclude;
export type LotRow = Prisma.AuctionGetPayload<{ include: typeof lotInclude }>;

const n = (v: bigint | null | undefined) => (v === null || v === undefined ? null : Number(v));
const t = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The lot as everyone sees it. `reserveMet` and the winner appear only once the lot is closed. */
export function auctionJson(
  a: LotRow & { contract?: { id: string } | null },
  extra: { winnerBidderCode?: string | null; buyerOrgName?: string | null } = {},
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
    createdAt: a.createdAt.toISOString(),
  };
}
export type AuctionJson = ReturnType<typeof auctionJson>;

type LotWithContract = LotRow & { contract?: { id: string } | null };

/** Shapes rows for output, looking up the winners' codes and notice buyers in two queries. */
export async function shapeLots(rows: LotWithContract[]) {
  const depositIds = rows.map((r) => r.winnerDepositId).filter((x): x is string => !!x);
  const buyerIds = rows.map((r) => r.buyerOrgId).filter((x): x is string => !!x);
  const [deposits, buyers] = await Promise.all([
    depositIds.length
      ? prisma.auctionDeposit.findMany({ where: { id: { in: depositIds } }, select: { id: true, bidderCode: true } })
      : [],
    buyerIds.length
      ? prisma.organization.findMany({ where: { id: { in: buyerIds } }, select: { id: true, name: true } })
      : [],
  ]);
  return rows.map((r) =>
    auctionJson(r, {
      winnerBidderCode: deposits.find((d) => d.id === r.winnerDepositId)?.bidderCode ?? null,
      buyerOrgName: buyers.find((b) => b.id === r.buyerOrgId)?.name ?? null,
    }),
  );
}

export const lotFullInclude = { ...lotInclude, contract: { select: { id: true } } } satisfies Prisma.AuctionInclude;

export async function loadLot(id: string, db: Tx | typeof prisma = prisma) {
  const lot = await db.auction.findUnique({ where: { id }, include: lotFullInclude });
  if (!lot) throw errors.notFound("交易项目");
  return lot;
}
