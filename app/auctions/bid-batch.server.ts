// Bearer-token bids, one database call per lot at a time in each HTTP worker (docs/decisions/0032).
// A bid for a lot with no call in flight goes at once, alone, as one call of auction_place_token_bid
// (migration *_token_bid_function). The bids for that lot that arrive meanwhile wait here in arrival
// order, each with its own receipt time and bid id; when the call returns they go as one call of
// auction_place_token_bids (migration *_token_bids_batch), which decides each exactly as the single
// function does, in that order, in one transaction — the lot lock taken at most once, one commit,
// one round trip — and returns one result per bid. A lot's bids are serialised by its row lock
// anyway; what a batch saves is PostgreSQL's per-statement work and the worker's protocol work per
// call, which were most of a refused bid's cost.
//
// A batch that PostgreSQL refuses with an error (the statement and its transaction rolled back:
// nothing of it was written) is decided again one bid at a time, in arrival order, so every bid gets
// the answer the single call gives it (a bid that makes the statement fail fails alone). A failure
// without PostgreSQL's answer (a lost connection) may have come after the commit: each bid of that
// batch gets that error, as a single call would, and none is sent again.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { can } from "../auth/permissions.ts";
import { pgPool } from "../db/db.server.ts";
import { ROLES } from "../domain/catalog.ts";
import { getEnv } from "../env.server.ts";
import { isMarketStaff } from "./lots.server.ts";

export type BidOk = {
  seq: number;
  bidderCode: string;
  amountFen: number;
  at: string;
  hash: string;
  currentPriceFen: number;
  endsAt: string;
  extended: boolean;
};
export type BidRefusal = {
  error: string;
  minimumFen?: number;
  incrementFen?: number;
  baseFen?: number;
  due?: boolean;
};

// Who may bid, as roles, for the database to check next to the token: placeBid's rule.
const BIDDER_ROLES = ROLES.filter((role) => can({ role }, "bid:auction:own") && !isMarketStaff({ role }));

const ONE = "SELECT auction_place_token_bid($1::text, $2::text[], $3::text, $4::text, $5::bigint, $6::text) AS r";
const MANY =
  "SELECT auction_place_token_bids($1::text[], $2::text[], $3::text[], $4::text, $5::bigint[], $6::text[]) AS r";

// The most bids one call decides (its lock hold stays short: a refused bid in a batch costs
// PostgreSQL ≈ 0.1 ms). How many calls a lot may have in flight per worker is AUCTION_BID_BATCH:
// with two, the next call is already waiting on the lot lock when the one holding it commits, so the
// lock does not sit idle for a round trip (0032, "Two calls in flight").
const MOST_PER_CALL = 64;

type Queued = {
  tokenHash: string;
  id: string;
  amountFen: number;
  at: string;
  resolve: (r: BidOk | BidRefusal) => void;
  reject: (error: unknown) => void;
};
type Lane = { queue: Queued[]; calls: number };
const lanes = new Map<string, Lane>();

/** What the lanes have done in this process (the tests read it to know a batch was formed). */
export const bidBatchCounts = { calls: 0, batches: 0, batchedBids: 0, fallbacks: 0 };

/** A lot's lane now: its calls in flight and the bids waiting for the next call (for the tests). */
export function tokenBidLane(auctionId: string) {
  const lane = lanes.get(auctionId);
  return { calls: lane?.calls ?? 0, queued: lane?.queue.length ?? 0 };
}

/**
 * The token's caller and the bid, decided by the database: auction_place_token_bid's result
 * (`unauthorized`, `not_a_bidder`, a refusal or the accepted bid). `alone`: a call of its own,
 * outside the lot's queue (a retry).
 */
export function decideTokenBid(
  tokenHash: string,
  auctionId: string,
  amountFen: number,
  receivedAt: Date,
  alone = false,
): Promise<BidOk | BidRefusal> {
  return new Promise((resolve, reject) => {
    const bid: Queued = { tokenHash, id: randomUUID(), amountFen, at: receivedAt.toISOString(), resolve, reject };
    const callsPerLot = getEnv().AUCTION_BID_BATCH;
    if (alone || callsPerLot === 0) return void callOne(auctionId, bid);
    let lane = lanes.get(auctionId);
    if (!lane) lanes.set(auctionId, (lane = { queue: [], calls: 0 }));
    lane.queue.push(bid);
    if (lane.calls < callsPerLot) void drain(auctionId, lane);
  });
}

async function drain(auctionId: string, lane: Lane) {
  lane.calls++;
  while (lane.queue.length) {
    const batch = lane.queue.splice(0, MOST_PER_CALL);
    await (batch.length === 1 ? callOne(auctionId, batch[0]!) : callMany(auctionId, batch));
  }
  if (--lane.calls === 0) lanes.delete(auctionId);
}

async function callOne(auctionId: string, bid: Queued) {
  bidBatchCounts.calls++;
  try {
    const { rows } = await pgPool().query<{ r: BidOk | BidRefusal }>({
      name: "auction-token-bid",
      text: ONE,
      values: [bid.tokenHash, BIDDER_ROLES, bid.id, auctionId, String(bid.amountFen), bid.at],
    });
    bid.resolve(rows[0]!.r);
  } catch (error) {
    bid.reject(error);
  }
}

async function callMany(auctionId: string, batch: Queued[]) {
  bidBatchCounts.calls++;
  let results: Array<BidOk | BidRefusal>;
  try {
    const { rows } = await pgPool().query<{ r: Array<BidOk | BidRefusal> }>({
      name: "auction-token-bids",
      text: MANY,
      values: [
        batch.map((b) => b.tokenHash),
        BIDDER_ROLES,
        batch.map((b) => b.id),
        auctionId,
        batch.map((b) => String(b.amountFen)),
        batch.map((b) => b.at),
      ],
    });
    results = rows[0]!.r;
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) {
      for (const bid of batch) bid.reject(error);
      return;
    }
    // rolled back: decided again one at a time, as the single path decides them
    bidBatchCounts.fallbacks++;
    for (const bid of batch) await callOne(auctionId, bid);
    return;
  }
  bidBatchCounts.batches++;
  bidBatchCounts.batchedBids += batch.length;
  if (results.length !== batch.length) {
    // cannot happen (one result per bid); committed, so never sent again
    const error = new Error(`auction_place_token_bids answered ${results.length} results for ${batch.length} bids`);
    for (const bid of batch) bid.reject(error);
    return;
  }
  batch.forEach((bid, i) => bid.resolve(results[i]!));
}
