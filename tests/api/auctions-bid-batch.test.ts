// A lot's token bids that arrive while its database call is in flight are decided together in the
// next call (app/auctions/bid-batch.server.ts, docs/decisions/0032): each must get exactly the answer
// the single call gives it, in arrival order, at its own receipt time. The batches are made
// deterministic here by holding the lot's row lock from another connection: the first bid's call
// waits on it, the next bids queue behind it, and releasing the lock sends the queue as one call.
// These run with one call in flight per lot (AUCTION_BID_BATCH=1) so that every bid after the first
// queues; the default of two is the last test's.
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerTokenBid } from "../../app/auctions/bid-api.server.ts";
import { bidBatchCounts, tokenBidLane } from "../../app/auctions/bid-batch.server.ts";
import { advanceLot } from "../../app/auctions/close.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeCaller } from "../factories.ts";
import { expectConsoleError } from "../support/console.ts";
import { announcedLot, bid, bidder } from "./auctions-helpers.ts";

const START = 200_000_000;
const STEP = 10_000_000;

let locker: pg.Client;
const batchSetting = process.env.AUCTION_BID_BATCH;
beforeAll(async () => {
  process.env.AUCTION_BID_BATCH = "1";
  locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
});
afterAll(async () => {
  if (batchSetting === undefined) delete process.env.AUCTION_BID_BATCH;
  else process.env.AUCTION_BID_BATCH = batchSetting;
  await locker?.end();
});

async function until(condition: () => boolean) {
  for (const end = Date.now() + 30_000; !condition(); await new Promise((r) => setTimeout(r, 2)))
    if (Date.now() > end) throw new Error("timed out waiting for the lane");
}

type Answer = {
  status: number;
  body: {
    error?: { code: string; message: string; fields?: Record<string, string> };
    bid?: { seq: number; bidderCode: string; amountFen: number; at: string; hash: string };
    auction?: { currentPriceFen: number; endsAt: string; extended: boolean };
  };
};
const answer = (token: string, id: string, amountFen: number, receivedAt = new Date()) =>
  answerTokenBid(token, id, () => new TextEncoder().encode(JSON.stringify({ amountFen })), receivedAt).then(
    (a): Answer => ({ status: a.status, body: JSON.parse(a.body) }),
  );

/**
 * The first bid goes alone and waits on the lot lock; each next one is sent once the previous is
 * queued (so the queue is in this order); then the lock is released. The answers, in sending order.
 */
async function inOneBatch(id: string, first: () => Promise<Answer>, rest: Array<() => Promise<Answer>>) {
  // opened first: a bid on a lot whose start has passed but that is not yet open is retried alone
  // after opening it (the single path's rule), which is not what these tests are about
  await advanceLot(id);
  expect((await prisma.auction.findUniqueOrThrow({ where: { id } })).status).toBe("bidding");
  await locker.query("BEGIN");
  await locker.query(`SELECT 1 FROM "Auction" WHERE id = $1 FOR UPDATE`, [id]);
  const before = { ...bidBatchCounts };
  const answers = [first()];
  try {
    await until(() => tokenBidLane(id).calls === 1);
    for (const [i, send] of rest.entries()) {
      answers.push(send());
      await until(() => tokenBidLane(id).queued === i + 1);
    }
  } finally {
    await locker.query("COMMIT");
  }
  const settled = await Promise.all(answers);
  return {
    answers: settled,
    batches: bidBatchCounts.batches - before.batches,
    batchedBids: bidBatchCounts.batchedBids - before.batchedBids,
    fallbacks: bidBatchCounts.fallbacks - before.fallbacks,
  };
}

test("a batch with a revoked token, a non-bidder, the seller, no deposit, a too-low, a non-multiple and accepted bids: each gets its own answer", async () => {
  const { id, seller, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);
  const c = await bidder(id, bureau);
  const revoked = await bidder(id, bureau);
  const stranger = await makeCaller("company");
  // a company user of the seller's own organization: a bidder by role, refused by the lot
  const sellerMember = await makeCaller("company", { org: seller.org });
  await prisma.apiToken.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });
  // the tokens were used a moment ago (registering): make each touch due again
  const users = [a, b, c, revoked, stranger].map((x) => x.user.id);
  const longAgo = new Date(Date.now() - 3_600_000);
  await prisma.apiToken.updateMany({ where: { userId: { in: users } }, data: { lastUsedAt: longAgo } });

  const run = await inOneBatch(id, () => answer(a.token, id, START), [
    () => answer(revoked.token, id, START + 5 * STEP),
    () => answer(stranger.token, id, START + 5 * STEP),
    () => answer(b.token, id, START),
    () => answer(c.token, id, START + STEP + STEP / 2),
    () => answer(b.token, id, START + 3 * STEP),
    () => answer(bureau.token, id, START + 5 * STEP),
    () => answer(sellerMember.token, id, START + 5 * STEP),
    () => answer(c.token, id, START + 3 * STEP),
    () => answer(c.token, id, START + 5 * STEP),
  ]);
  expect(run).toMatchObject({ batches: 1, batchedBids: 9, fallbacks: 0 });
  const [first, rev, noDeposit, low, odd, raise, staff, own, low2, raise2] = run.answers;
  expect(first).toMatchObject({ status: 201, body: { bid: { seq: 1, bidderCode: "A01", amountFen: START } } });
  expect(rev).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
  expect(noDeposit).toMatchObject({ status: 403, body: { error: { code: "deposit_required" } } });
  expect(low).toMatchObject({
    status: 409,
    body: { error: { code: "bid_too_low", fields: { amountFen: `≥ ${START + STEP}` } } },
  });
  expect(odd).toMatchObject({
    status: 409,
    body: { error: { code: "not_increment_multiple", fields: { amountFen: `${START} + k × ${STEP}` } } },
  });
  expect(raise).toMatchObject({
    status: 201,
    body: {
      bid: { seq: 2, bidderCode: "A02", amountFen: START + 3 * STEP },
      auction: { currentPriceFen: START + 3 * STEP },
    },
  });
  expect(staff).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  expect(staff!.body.error!.message).toContain("Market staff");
  expect(own).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  expect(own!.body.error!.message).toContain("The seller");
  // decided after the raise in the same batch: the minimum is the raised price's
  expect(low2).toMatchObject({
    status: 409,
    body: { error: { code: "bid_too_low", fields: { amountFen: `≥ ${START + 4 * STEP}` } } },
  });
  expect(raise2).toMatchObject({
    status: 201,
    body: { bid: { seq: 3, bidderCode: "A03", amountFen: START + 5 * STEP } },
  });

  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.seq, r.bidderCode, Number(r.amountFen)])).toEqual([
    [1, "A01", START],
    [2, "A02", START + 3 * STEP],
    [3, "A03", START + 5 * STEP],
  ]);
  expect(rows.map((r) => r.hash)).toEqual([first, raise, raise2].map((x) => x!.body.bid!.hash));
  // every live token was touched by its first use in the batch; the revoked one was not
  const tokens = await prisma.apiToken.findMany({ where: { userId: { in: users } } });
  const usedAt = (userId: string) => tokens.find((t) => t.userId === userId)!.lastUsedAt!.getTime();
  for (const x of [b, c, stranger]) expect(usedAt(x.user.id)).toBeGreaterThan(longAgo.getTime());
  expect(usedAt(c.user.id)).toBeLessThan(Date.parse(raise2!.body.bid!.at));
  expect(usedAt(revoked.user.id)).toBe(longAgo.getTime());
}, 120_000);

test("a soft-close bid inside a batch extends the end from its own receipt time", async () => {
  const { id, bureau } = await announcedLot({ endsInMs: 60_000, body: { softCloseSeconds: 300 } });
  const now = Date.now();
  await prisma.auction.update({ where: { id }, data: { biddingStartsAt: new Date(now - 120_000) } });
  const [a, b, c] = [await bidder(id, bureau), await bidder(id, bureau), await bidder(id, bureau)];
  const at = (ms: number) => new Date(now + ms);
  const run = await inOneBatch(id, () => answer(a.token, id, START, at(-30_000)), [
    () => answer(b.token, id, START + STEP, at(-20_000)),
    () => answer(a.token, id, START + STEP, at(-15_000)),
    () => answer(c.token, id, START + 2 * STEP, at(-10_000)),
  ]);
  expect(run).toMatchObject({ batches: 1, batchedBids: 3 });
  const [first, second, low, third] = run.answers;
  const endFrom = (ms: number) => at(ms + 300_000).toISOString();
  expect(first!.body).toMatchObject({ bid: { at: at(-30_000).toISOString() }, auction: { endsAt: endFrom(-30_000) } });
  expect(second!.body).toMatchObject({
    bid: { seq: 2, bidderCode: "A02", at: at(-20_000).toISOString() },
    auction: { endsAt: endFrom(-20_000), extended: true },
  });
  expect(low!.body.error).toMatchObject({ code: "bid_too_low", fields: { amountFen: `≥ ${START + 2 * STEP}` } });
  expect(third!.body).toMatchObject({
    bid: { seq: 3, bidderCode: "A03", at: at(-10_000).toISOString() },
    auction: { endsAt: endFrom(-10_000), extended: true },
  });
  const lot = await prisma.auction.findUniqueOrThrow({ where: { id } });
  expect(lot.endsAt!.toISOString()).toBe(endFrom(-10_000));
}, 120_000);

test("a batch whose statement fails is decided again bid by bid: the failing bid fails alone, the others get the single call's answers", async () => {
  const { id, bureau } = await announcedLot();
  const [a, b, c] = [await bidder(id, bureau), await bidder(id, bureau), await bidder(id, bureau)];
  // a bid of this amount makes its statement fail, whichever way it is sent
  const FAILS = START + 6 * STEP;
  await prisma.$executeRawUnsafe(`CREATE FUNCTION test_fail_bid() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'test: this amount fails'; END $$`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_bid BEFORE INSERT ON "AuctionBid" FOR EACH ROW
    WHEN (NEW."amountFen" = ${FAILS}) EXECUTE FUNCTION test_fail_bid()`);
  const logged = expectConsoleError(/API error/);
  try {
    const run = await inOneBatch(id, () => answer(a.token, id, START), [
      () => answer(b.token, id, START + STEP),
      () => answer(c.token, id, FAILS),
      () => answer(a.token, id, START + 2 * STEP),
      () => answer(b.token, id, START + 2 * STEP),
    ]);
    expect(run).toMatchObject({ batches: 0, fallbacks: 1 });
    const [first, second, failed, third, low] = run.answers;
    expect(first).toMatchObject({ status: 201, body: { bid: { seq: 1, bidderCode: "A01" } } });
    expect(second).toMatchObject({
      status: 201,
      body: { bid: { seq: 2, bidderCode: "A02", amountFen: START + STEP } },
    });
    expect(failed).toMatchObject({ status: 500, body: { error: { code: "internal" } } });
    // the failed bid left nothing: the next raise is seq 3 over the second bid's price
    expect(third).toMatchObject({
      status: 201,
      body: { bid: { seq: 3, bidderCode: "A01", amountFen: START + 2 * STEP } },
    });
    expect(low).toMatchObject({
      status: 409,
      body: { error: { code: "bid_too_low", fields: { amountFen: `≥ ${START + 3 * STEP}` } } },
    });
  } finally {
    await prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_bid ON "AuctionBid"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION test_fail_bid()`);
  }
  expect(logged.calls.length).toBe(1);
  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.seq, r.bidderCode, Number(r.amountFen)])).toEqual([
    [1, "A01", START],
    [2, "A02", START + STEP],
    [3, "A01", START + 2 * STEP],
  ]);
  // the route's own answers agree once the lane is idle again
  expect((await bid(c.token, id, START + 2 * STEP)).body.error.code).toBe("bid_too_low");
}, 120_000);

test("with two calls in flight (the default), the second bid is a call of its own and the next ones share the call after it: each answer its own, one gapless chain", async () => {
  delete process.env.AUCTION_BID_BATCH;
  try {
    const { id, bureau } = await announcedLot();
    const [a, b, c] = [await bidder(id, bureau), await bidder(id, bureau), await bidder(id, bureau)];
    await advanceLot(id);
    await locker.query("BEGIN");
    await locker.query(`SELECT 1 FROM "Auction" WHERE id = $1 FOR UPDATE`, [id]);
    const before = { ...bidBatchCounts };
    const answers = [answer(a.token, id, START)];
    try {
      await until(() => tokenBidLane(id).calls === 1);
      answers.push(answer(b.token, id, START + STEP));
      await until(() => tokenBidLane(id).calls === 2 && tokenBidLane(id).queued === 0);
      answers.push(answer(c.token, id, START + 3 * STEP));
      await until(() => tokenBidLane(id).queued === 1);
      answers.push(answer(a.token, id, START + 2 * STEP));
      await until(() => tokenBidLane(id).queued === 2);
    } finally {
      await locker.query("COMMIT");
    }
    const [first, second, raise, low] = await Promise.all(answers);
    expect(bidBatchCounts.calls - before.calls).toBe(3);
    expect(bidBatchCounts.batches - before.batches).toBe(1);
    expect(bidBatchCounts.batchedBids - before.batchedBids).toBe(2);
    // the first call was waiting on the lock the test held; the second call and the batch sent after
    // the first returned may take the lock in either order (0032, "Two calls in flight")
    expect(first).toMatchObject({ status: 201, body: { bid: { seq: 1, bidderCode: "A01", amountFen: START } } });
    const secondFirst = second!.status === 201;
    if (secondFirst) {
      expect(second).toMatchObject({ body: { bid: { seq: 2, bidderCode: "A02", amountFen: START + STEP } } });
    } else {
      expect(second).toMatchObject({
        status: 409,
        body: { error: { code: "bid_too_low", fields: { amountFen: `≥ ${START + 4 * STEP}` } } },
      });
    }
    expect(raise).toMatchObject({
      status: 201,
      body: { bid: { seq: secondFirst ? 3 : 2, amountFen: START + 3 * STEP } },
    });
    expect(low).toMatchObject({
      status: 409,
      body: { error: { code: "bid_too_low", fields: { amountFen: `≥ ${START + 4 * STEP}` } } },
    });
    const accepted = [first, ...(secondFirst ? [second] : []), raise];
    const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, Number(r.amountFen), r.hash])).toEqual(
      accepted.map((x) => [x!.body.bid!.seq, x!.body.bid!.amountFen, x!.body.bid!.hash]),
    );
    expect(tokenBidLane(id)).toEqual({ calls: 0, queued: 0 });
  } finally {
    process.env.AUCTION_BID_BATCH = "1";
  }
}, 120_000);
