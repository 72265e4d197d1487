// 网络竞价: the bid rules (minimum, increments, server time, soft close), who may bid, races for
// the same amount, the gapless append-only hash chain, the reserve kept secret until the close.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { eventStream } from "../../app/auctions/events.server.ts";
import * as listRoute from "../../app/routes/api.v1.auctions.ts";
import * as verifyRoute from "../../app/routes/api.v1.auctions.$id.verify.ts";
import * as eventsRoute from "../../app/routes/api.v1.auctions.$id.events.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { announcedLot, bid, bidder, bids, DAY, getLot, register } from "./auctions-helpers.ts";

const verify = (id: string) => call(verifyRoute.loader, apiRequest("GET", `/api/v1/auctions/${id}/verify`), { id });

test("a bid is at least the starting price, then the current price plus a whole multiple of the increment", async () => {
  const { id, bureau } = await announcedLot();
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);
  expect(a.deposit.bidderCode).toBe("A01");
  expect(b.deposit.bidderCode).toBe("A02");

  const low = await bid(a.token, id, 190_000_000);
  expect(low.status).toBe(409);
  expect(low.body.error.code).toBe("bid_too_low");
  const odd = await bid(a.token, id, 205_000_000);
  expect(odd.body.error.code).toBe("not_increment_multiple");

  const first = await bid(a.token, id, 200_000_000);
  expect(first.status).toBe(201);
  expect(first.body.bid).toMatchObject({ seq: 1, bidderCode: "A01", amountFen: 200_000_000 });
  expect(first.body.auction.currentPriceFen).toBe(200_000_000);
  // the server's receipt time, not anything the client says
  expect(Math.abs(Date.parse(first.body.bid.at) - Date.now())).toBeLessThan(5_000);

  expect((await bid(b.token, id, 200_000_000)).body.error.code).toBe("bid_too_low");
  expect((await bid(b.token, id, 215_000_000)).body.error.code).toBe("not_increment_multiple");
  const raise = await bid(b.token, id, 230_000_000); // + 3 increments
  expect(raise.status).toBe(201);
  expect(raise.body.bid).toMatchObject({ seq: 2, bidderCode: "A02" });

  const lot = await getLot(id);
  expect(lot.body.auction).toMatchObject({
    currentPriceFen: 230_000_000,
    bidCount: 2,
    minimumBidFen: 240_000_000,
    status: "bidding",
  });
  const ladder = await bids(id);
  expect(ladder.body.items.map((x: { seq: number; bidderCode: string }) => [x.seq, x.bidderCode])).toEqual([
    [2, "A02"],
    [1, "A01"],
  ]);
  expect(JSON.stringify(ladder.body)).not.toContain(a.org!.name);
});

test("nobody bids without a held deposit; the seller's members and market staff cannot register or bid", async () => {
  const { id, seller, bureau } = await announcedLot();
  const c = await makeCaller("company");
  expect((await bid(c.token, id, 200_000_000)).body.error.code).toBe("deposit_required");
  const reg = await register(c.token, id);
  expect(reg.status).toBe(201);
  expect(reg.body.deposit).toMatchObject({
    status: "awaiting_payment",
    method: "bank_transfer",
    amountFen: 20_000_000,
  });
  expect(reg.body.deposit.reference).toMatch(/^BZJ-/);
  expect(reg.body.deposit.bankAccount.accountNumber).toBeTruthy();
  // registering again returns the same deposit
  const again = await register(c.token, id);
  expect(again.status).toBe(200);
  expect(again.body.deposit.id).toBe(reg.body.deposit.id);
  const notHeld = await bid(c.token, id, 200_000_000);
  expect(notHeld.status).toBe(403);
  expect(notHeld.body.error.code).toBe("deposit_required");

  const colleague = await makeCaller("company", { org: seller.org });
  expect((await register(colleague.token, id)).status).toBe(403);
  expect((await register(seller.token, id)).status).toBe(403);
  expect((await register(bureau.token, id)).status).toBe(403);
  const admin = await makeCaller("admin");
  expect((await register(admin.token, id)).status).toBe(403);
  const staffBid = await bid(bureau.token, id, 200_000_000);
  expect(staffBid.status).toBe(403);
  expect(staffBid.body.error.code).toBe("forbidden");
  expect((await bid(seller.token, id, 200_000_000)).body.error.code).toBe("forbidden");
  const unverified = await makeCaller("company", { verified: false });
  expect((await register(unverified.token, id)).status).toBe(403);
  expect(
    (
      await call(
        (await import("../../app/routes/api.v1.auctions.$id.bids.ts")).action,
        apiRequest("POST", `/api/v1/auctions/${id}/bids`, { body: { amountFen: 1 } }),
        { id },
      )
    ).status,
  ).toBe(401);
});

test("no bid before the start or after the end by server time; a late read closes the lot", async () => {
  const { id, bureau } = await announcedLot({ open: false });
  const a = await bidder(id, bureau);
  const early = await bid(a.token, id, 200_000_000);
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe("auction_not_open");

  await prisma.auction.update({ where: { id }, data: { biddingStartsAt: new Date(Date.now() - 1000) } });
  expect((await bid(a.token, id, 200_000_000)).status).toBe(201);
  expect(await prisma.auditEvent.count({ where: { entityType: "auction", entityId: id, action: "open" } })).toBe(1);

  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  const late = await bid(a.token, id, 210_000_000);
  expect(late.body.error.code).toBe("auction_not_open");
  // that refusal closed it: the lot is sold to A01 without waiting for the background job
  const lot = await prisma.auction.findUniqueOrThrow({ where: { id } });
  expect(lot.status).toBe("sold");
  expect(lot.winningAmountFen).toBe(200_000_000n);
});

test("a bid within the soft-close window moves the end to that bid's time plus the window, exactly", async () => {
  const { id, bureau } = await announcedLot({ endsInMs: 60_000, body: { softCloseSeconds: 300 } });
  const a = await bidder(id, bureau);
  const before = await prisma.auction.findUniqueOrThrow({ where: { id } });
  const r = await bid(a.token, id, 200_000_000);
  expect(r.body.auction.extended).toBe(true);
  expect(Date.parse(r.body.auction.endsAt)).toBe(Date.parse(r.body.bid.at) + 300_000);
  expect(Date.parse(r.body.auction.endsAt)).toBeGreaterThan(before.endsAt!.getTime());

  // outside the window the end stays
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() + DAY) } });
  const far = await bid(a.token, id, 210_000_000);
  expect(far.body.auction.extended).toBe(false);
});

test("20 bidders racing: one bid per amount, the sequence gapless, the chain verifies; the log is append-only", async () => {
  const { id, bureau } = await announcedLot();
  const bidders = [];
  for (let i = 0; i < 20; i++) bidders.push(await bidder(id, bureau));
  const same = await Promise.all(bidders.map((b) => bid(b.token, id, 200_000_000)));
  expect(same.filter((r) => r.status === 201)).toHaveLength(1);
  expect(same.filter((r) => r.status === 409 && r.body.error.code === "bid_too_low")).toHaveLength(19);

  // everyone raises by one increment over what they last saw, several rounds, all at once
  for (let round = 0; round < 3; round++) {
    const current = (await getLot(id)).body.auction.currentPriceFen as number;
    const rs = await Promise.all(bidders.map((b, i) => bid(b.token, id, current + 10_000_000 * (1 + (i % 3)))));
    expect(rs.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  }
  const rows = await prisma.auctionBid.findMany({ where: { auctionId: id }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.amountFen > rows[i - 1]!.amountFen).toBe(true);
  const v = await verify(id);
  expect(v.body).toEqual({ ok: true, bids: rows.length, headHash: rows.at(-1)!.hash });

  await expect(prisma.$executeRaw`UPDATE "AuctionBid" SET "amountFen" = 1 WHERE "auctionId" = ${id}`).rejects.toThrow(
    /append-only/,
  );
  await expect(prisma.$executeRaw`DELETE FROM "AuctionBid" WHERE "auctionId" = ${id}`).rejects.toThrow(/append-only/);
  // tampering with the trigger switched off is caught by the chain
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuctionBid" DISABLE TRIGGER auction_bid_append_only`);
  await prisma.$executeRaw`UPDATE "AuctionBid" SET "amountFen" = "amountFen" + 1 WHERE "auctionId" = ${id} AND seq = 2`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuctionBid" ENABLE TRIGGER auction_bid_append_only`);
  expect((await verify(id)).body).toEqual({ ok: false, firstBrokenSeq: 2 });
});

test("the reserve never appears before the close (lot, list, bids, events); below it the lot is unsold", async () => {
  const RESERVE = 987_650_000;
  const { id, bureau, seller } = await announcedLot({ body: { reservePriceFen: RESERVE } });
  const a = await bidder(id, bureau);
  await bid(a.token, id, 200_000_000);
  const needle = String(RESERVE);
  const texts = [
    JSON.stringify((await getLot(id)).body),
    JSON.stringify((await getLot(id, seller.token)).body),
    JSON.stringify((await getLot(id, bureau.token)).body),
    JSON.stringify((await call(listRoute.loader, apiRequest("GET", "/api/v1/auctions?status=bidding"))).body),
    JSON.stringify((await bids(id)).body),
  ];
  const controller = new AbortController();
  const sse = await eventsRoute.loader({
    request: new Request(`http://localhost/api/v1/auctions/${id}/events`, { signal: controller.signal }),
    params: { id },
  });
  expect(sse.headers.get("Content-Type")).toContain("text/event-stream");
  const reader = sse.body!.getReader();
  texts.push(new TextDecoder().decode((await reader.read()).value));
  controller.abort();
  for (const t of texts) {
    expect(t).not.toContain(needle);
    expect(t).not.toContain("reservePriceFen");
    expect(t).not.toContain("reserveMet");
  }
  expect((await getLot(id)).body.auction.hasReserve).toBe(true);

  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  const closed = await getLot(id);
  expect(closed.body.auction).toMatchObject({ status: "unsold", reserveMet: false, winnerBidderCode: null });
  expect((await prisma.auctionDeposit.findUniqueOrThrow({ where: { id: a.deposit.id } })).status).toBe("refund_due");
});

test("at or above the reserve the highest bid wins: its deposit applied, the others refund_due, head hash shown", async () => {
  const { id, bureau } = await announcedLot({ body: { reservePriceFen: 210_000_000 } });
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);
  await bid(a.token, id, 200_000_000);
  const top = await bid(b.token, id, 220_000_000);
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  const lot = (await getLot(id)).body.auction;
  expect(lot).toMatchObject({
    status: "sold",
    reserveMet: true,
    winnerBidderCode: "A02",
    winningAmountFen: 220_000_000,
    headHash: top.body.bid.hash,
  });
  const rows = await prisma.auctionDeposit.findMany({ where: { auctionId: id }, orderBy: { bidderCode: "asc" } });
  expect(rows.map((r) => r.status)).toEqual(["refund_due", "applied"]);
  expect(await prisma.auditEvent.count({ where: { entityType: "auction", entityId: id, action: "close" } })).toBe(1);
});

test("every watcher's stream receives a new bid with the new end and the close", async () => {
  const { id, bureau } = await announcedLot({ endsInMs: 30_000 });
  const a = await bidder(id, bureau);
  const controller = new AbortController();
  const response = await eventStream(new Request("http://localhost/", { signal: controller.signal }), id, { hello: 1 });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  expect(text).toContain("event: snapshot");
  const placed = await bid(a.token, id, 200_000_000);
  const started = Date.now();
  while (!text.includes("event: bid")) text += decoder.decode((await reader.read()).value);
  expect(Date.now() - started).toBeLessThan(1_000);
  const bidEvent = JSON.parse(/event: bid\ndata: (.*)\n/.exec(text)![1]!);
  expect(bidEvent).toMatchObject({
    seq: 1,
    bidderCode: "A01",
    amountFen: 200_000_000,
    endsAt: placed.body.auction.endsAt,
  });
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  await getLot(id);
  while (!text.includes("event: closed")) text += decoder.decode((await reader.read()).value);
  expect(JSON.parse(/event: closed\ndata: (.*)\n/.exec(text)![1]!)).toMatchObject({
    status: "sold",
    winnerBidderCode: "A01",
  });
  controller.abort();
});
