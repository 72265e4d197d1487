// Bids. One bid is one call of the SQL function auction_place_bid (prisma/migrations/*_auctions):
// it locks the lot row, so two bids racing for the same amount are serialised and the second is
// too low; the sequence is gapless and the log hash-chained by the database. The time of a bid
// is the server's receipt time, taken here before anything else is awaited.
import { createHash, randomUUID } from "node:crypto";
import { ApiError, errors } from "../api/api.server.ts";
import { hashToken } from "../auth/api-token.server.ts";
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import { decideTokenBid, type BidOk, type BidRefusal } from "./bid-batch.server.ts";
import { advanceLot } from "./close.server.ts";
import { isMarketStaff, type Actor } from "./lots.server.ts";

const REFUSALS: Record<string, (r: BidRefusal) => ApiError> = {
  not_found: () => errors.notFound("交易项目"),
  forbidden: () => new ApiError(403, "forbidden", "转让方及其成员不能参与竞买 / The seller and its members cannot bid"),
  deposit_required: () =>
    new ApiError(403, "deposit_required", "请先报名并缴纳保证金 / Register and pay the deposit before bidding"),
  auction_not_open: () =>
    new ApiError(
      409,
      "auction_not_open",
      "当前不在竞价时间内（以服务器时间为准） / Bidding is not open (by server time)",
    ),
  bid_too_low: (r) =>
    new ApiError(
      409,
      "bid_too_low",
      `出价过低，最低可出 ${r.minimumFen} 分 / Bid too low: the minimum is ${r.minimumFen} fen`,
      { amountFen: `≥ ${r.minimumFen}` },
    ),
  not_increment_multiple: (r) =>
    new ApiError(
      409,
      "not_increment_multiple",
      `加价应为加价幅度 ${r.incrementFen} 分的整数倍 / A raise is a whole multiple of the increment (${r.incrementFen} fen)`,
      { amountFen: `${r.baseFen} + k × ${r.incrementFen}` },
    ),
};

/** Places a bid for the caller's organization at the server's receipt time `receivedAt`. */
export async function placeBid(user: Actor, auctionId: string, amountFen: number, receivedAt = new Date()) {
  if (isMarketStaff(user) || !user.organizationId || !can(user, "bid:auction:own")) throw notABidder();
  const orgId = user.organizationId;
  return bidUntilDecided(auctionId, receivedAt, async () => {
    const [row] = await prisma.$queryRaw<Array<{ r: BidOk | BidRefusal }>>`
      SELECT auction_place_bid(${randomUUID()}, ${auctionId}, ${orgId}, ${BigInt(amountFen)}, ${receivedAt.toISOString()}) AS r`;
    return row!.r;
  });
}

const notABidder = () =>
  errors.forbidden("交易市场工作人员及非企业用户不能竞买 / Market staff and non-company users cannot bid");

/**
 * placeBid for the caller of an API bearer token (its plain text): 401 for an unknown or revoked
 * token, then the same refusals and result as placeBid. The token's caller and the bid are one
 * database call (auction_place_token_bid: the caller, its lastUsedAt at most once a minute as
 * userForToken writes it, the bidder rule, the bid), straight on the pg pool — one prepared statement
 * instead of two Prisma queries (docs/decisions/0029-hot-api-path.md) — and the bids for one lot that
 * arrive while its call is in flight share the next call (bid-batch.server.ts, decision 0032). A retry
 * (the lot opened first) is a call of its own.
 */
export async function placeBidWithToken(token: string, auctionId: string, amountFen: number, receivedAt = new Date()) {
  const tokenHash = hashToken(token);
  return bidUntilDecided(auctionId, receivedAt, async (tries) => {
    const r = await decideTokenBid(tokenHash, auctionId, amountFen, receivedAt, tries > 0);
    if ("error" in r && r.error === "unauthorized") throw errors.unauthorized();
    if ("error" in r && r.error === "not_a_bidder") throw notABidder();
    return r;
  });
}

/** Runs one bid attempt; opens a lot whose start has passed and bids again; maps refusals. */
async function bidUntilDecided(
  auctionId: string,
  receivedAt: Date,
  attempt: (tries: number) => Promise<BidOk | BidRefusal>,
) {
  for (let tries = 0; tries < 2; tries++) {
    const r = await attempt(tries);
    if (!("error" in r)) return r;
    if (r.error === "needs_advance" && tries === 0) {
      // the start has passed: open the lot (audited), then bid again
      await advanceLot(auctionId, receivedAt);
      continue;
    }
    // a bid after the end: the late read closes the lot
    if (r.error === "auction_not_open" && r.due) await advanceLot(auctionId, new Date());
    throw (REFUSALS[r.error] ?? REFUSALS.auction_not_open!)(r);
  }
  throw REFUSALS.auction_not_open!({ error: "auction_not_open" });
}

export async function listBids(auctionId: string, opts: { afterSeq?: number; take?: number } = {}) {
  const rows = await prisma.auctionBid.findMany({
    where: { auctionId, ...(opts.afterSeq ? { seq: { gt: opts.afterSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: opts.take ?? 10_000,
    select: { seq: true, bidderCode: true, amountFen: true, at: true, hash: true },
  });
  return rows.map((b) => ({
    seq: b.seq,
    bidderCode: b.bidderCode,
    amountFen: Number(b.amountFen),
    at: b.at.toISOString(),
    hash: b.hash,
  }));
}

/** Re-derives the lot's hash chain (same payload as the database trigger). */
export async function verifyBids(auctionId: string) {
  const lot = await prisma.auction.findUnique({ where: { id: auctionId }, select: { headHash: true, bidCount: true } });
  if (!lot) throw errors.notFound("交易项目");
  const rows = await prisma.auctionBid.findMany({ where: { auctionId }, orderBy: { seq: "asc" } });
  let previous = "";
  for (let i = 0; i < rows.length; i++) {
    const b = rows[i]!;
    const payload = [b.auctionId, String(b.seq), b.bidderCode, b.amountFen.toString(), b.at.toISOString()].join("|");
    const hash = createHash("sha256").update(`${previous}|${payload}`, "utf8").digest("hex");
    if (b.seq !== i + 1 || b.prevHash !== previous || b.hash !== hash)
      return { ok: false as const, firstBrokenSeq: i + 1 };
    previous = hash;
  }
  if (rows.length !== lot.bidCount || previous !== lot.headHash)
    return { ok: false as const, firstBrokenSeq: rows.length + 1 };
  return { ok: true as const, bids: rows.length, headHash: previous || null };
}
