// Lots from creation to contract: who may create and review, the deposit band and timing rules,
// listing → bidding with two applicants, notice objections, staff deposit confirmation and bank
// refunds, the winner's confirmation (once, even clicked twice) within 5 working days, default.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { advanceDueLots } from "../../app/auctions/close.server.ts";
import { workingDeadline } from "../../app/auctions/calendar.server.ts";
import * as closeRoute from "../../app/routes/api.v1.auctions.$id.close.ts";
import * as confirmRoute from "../../app/routes/api.v1.auctions.$id.confirm.ts";
import * as defaultRoute from "../../app/routes/api.v1.auctions.$id.default.ts";
import * as refundRoute from "../../app/routes/api.v1.deposits.$id.refund.ts";
import * as objectionsRoute from "../../app/routes/api.v1.auctions.$id.objections.ts";
import * as decideRoute from "../../app/routes/api.v1.objections.$id.decide.ts";
import * as calendarRoute from "../../app/routes/api.v1.calendar.ts";
import * as listRoute from "../../app/routes/api.v1.auctions.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import {
  announcedLot,
  bid,
  bidder,
  biddingBody,
  confirmDeposit,
  createLot,
  DAY,
  deposits,
  getLot,
  iso,
  register,
  review,
  seller,
  submit,
} from "./auctions-helpers.ts";

const post = (
  mod: { action: (a: never) => unknown },
  path: string,
  token: string | undefined,
  id: string,
  body?: unknown,
) => call(mod.action as never, apiRequest("POST", path, { token, body }), { id });
const close = (token: string | undefined, id: string) => post(closeRoute, `/api/v1/auctions/${id}/close`, token, id);
const confirm = (token: string | undefined, id: string) =>
  post(confirmRoute, `/api/v1/auctions/${id}/confirm`, token, id);
const markDefault = (token: string | undefined, id: string) =>
  post(defaultRoute, `/api/v1/auctions/${id}/default`, token, id);
const refund = (token: string | undefined, id: string, bankReference: string) =>
  post(refundRoute, `/api/v1/deposits/${id}/refund`, token, id, { bankReference });

test("a member of the result's organization creates a draft; staff approve it; others are refused", async () => {
  const s = await seller();
  const bureau = await makeCaller("bureau");
  const other = await makeCaller("researcher");
  const company = await makeCaller("company");
  expect((await createLot(undefined, biddingBody(s.result.id))).status).toBe(401);
  expect((await createLot(other.token, biddingBody(s.result.id))).status).toBe(403);
  expect((await createLot(company.token, biddingBody(s.result.id))).status).toBe(403);

  const created = await createLot(s.token, biddingBody(s.result.id, { reservePriceFen: 250_000_000 }));
  expect(created.status).toBe(201);
  expect(created.body.auction).toMatchObject({
    status: "draft",
    mode: "bidding",
    startPriceFen: 200_000_000,
    incrementFen: 10_000_000,
    currentPriceFen: null,
    bidCount: 0,
  });
  expect(JSON.stringify(created.body)).not.toContain("250000000");
  const id = created.body.auction.id;
  // drafts are not public
  expect((await getLot(id)).status).toBe(404);
  expect((await getLot(id, other.token)).status).toBe(404);
  expect((await review(bureau.token, id, { decision: "approve" })).status).toBe(409);
  expect((await submit(other.token, id)).status).toBe(404);
  expect((await submit(s.token, id)).body.auction.status).toBe("pending_review");
  expect((await review(s.token, id, { decision: "approve" })).status).toBe(403);
  const pending = await call(
    listRoute.loader,
    apiRequest("GET", "/api/v1/auctions?status=pending_review", { token: bureau.token }),
  );
  expect(pending.body.items.map((x: { id: string }) => x.id)).toContain(id);
  const approved = await review(bureau.token, id, { decision: "approve", note: "材料齐全" });
  expect(approved.body.auction.status).toBe("announced");
  expect((await getLot(id)).body.auction.status).toBe("announced");
  const audit = await prisma.auditEvent.findMany({
    where: { entityType: "auction", entityId: id },
    orderBy: { seq: "asc" },
  });
  expect(audit.map((e) => e.action)).toEqual(["create", "submit", "approve"]);
  expect(JSON.stringify(audit.map((e) => [e.before, e.after]))).not.toContain("250000000");
});

test("bad input is a 400 naming the field: deposit outside 5–20% (unless staff override), timing, missing fields", async () => {
  const s = await seller();
  const bureau = await makeCaller("bureau");
  const r1 = await createLot(s.token, biddingBody(s.result.id, { depositFen: 50_000_000 }));
  expect(r1.status).toBe(400);
  expect(r1.body.error.fields.depositFen).toBeTruthy();
  expect(
    (await createLot(s.token, biddingBody(s.result.id, { depositFen: 5_000_000 }))).body.error.fields.depositFen,
  ).toBeTruthy();
  const override = await createLot(
    bureau.token,
    biddingBody(s.result.id, { depositFen: 50_000_000, depositOverrideReason: "重大项目，经审批提高保证金" }),
  );
  expect(override.status).toBe(201);
  expect(override.body.auction.depositFen).toBe(50_000_000);
  expect((await createLot(s.token, biddingBody(s.result.id, { depositFen: undefined }))).body.auction.depositFen).toBe(
    20_000_000,
  );
  const noIncrement = await createLot(s.token, biddingBody(s.result.id, { incrementFen: undefined }));
  expect(noIncrement.body.error.fields.incrementFen).toBeTruthy();
  expect(
    (await createLot(s.token, biddingBody(s.result.id, { startPriceFen: "200万" }))).body.error.fields.startPriceFen,
  ).toBeTruthy();
  expect((await createLot(s.token, { ...biddingBody(s.result.id), extra: 1 })).body.error.fields.extra).toBeTruthy();

  process.env.MARKET_MIN_ANNOUNCE_DAYS = "7";
  process.env.MARKET_MIN_BIDDING_MINUTES = "1440";
  try {
    const soon = await createLot(
      s.token,
      biddingBody(s.result.id, {
        biddingStartsAt: iso(Date.now() + 3 * DAY),
        biddingEndsAt: iso(Date.now() + 10 * DAY),
      }),
    );
    expect(soon.status).toBe(400);
    expect(soon.body.error.fields.biddingStartsAt).toBeTruthy();
    const short = await createLot(
      s.token,
      biddingBody(s.result.id, {
        biddingStartsAt: iso(Date.now() + 8 * DAY),
        biddingEndsAt: iso(Date.now() + 8 * DAY + 3_600_000),
      }),
    );
    expect(short.body.error.fields.biddingEndsAt).toBeTruthy();
    expect(
      (
        await createLot(
          s.token,
          biddingBody(s.result.id, {
            biddingStartsAt: iso(Date.now() + 8 * DAY),
            biddingEndsAt: iso(Date.now() + 9 * DAY),
          }),
        )
      ).status,
    ).toBe(201);
  } finally {
    process.env.MARKET_MIN_ANNOUNCE_DAYS = "0";
    process.env.MARKET_MIN_BIDDING_MINUTES = "0";
  }
});

test("staff confirm a bank deposit (a payer-name mismatch needs a reason), once; others cannot", async () => {
  const { id, bureau } = await announcedLot();
  const c = await makeCaller("company");
  const reg = await register(c.token, id);
  const depositId = reg.body.deposit.id;
  const body = {
    bankReference: "HX20261206001",
    payerName: "张三",
    amountFen: 20_000_000,
    receivedAt: new Date().toISOString(),
  };
  expect((await confirmDeposit(c.token, depositId, body)).status).toBe(403);
  const mismatch = await confirmDeposit(bureau.token, depositId, body);
  expect(mismatch.status).toBe(400);
  expect(mismatch.body.error.fields.payerName).toBeTruthy();
  const short = await confirmDeposit(bureau.token, depositId, { ...body, payerName: c.org!.name, amountFen: 1_000 });
  expect(short.body.error.fields.amountFen).toBeTruthy();
  expect((await prisma.auctionDeposit.findUniqueOrThrow({ where: { id: depositId } })).status).toBe("awaiting_payment");
  const [ok, again] = await Promise.all([
    confirmDeposit(bureau.token, depositId, { ...body, mismatchReason: "法定代表人个人账户代付，附授权书" }),
    confirmDeposit(bureau.token, depositId, { ...body, mismatchReason: "法定代表人个人账户代付，附授权书" }),
  ]);
  expect([ok.status, again.status]).toEqual([200, 200]);
  expect(ok.body.deposit).toMatchObject({
    status: "held",
    payerName: "张三",
    payerMismatchReason: "法定代表人个人账户代付，附授权书",
  });
  expect(
    await prisma.auditEvent.count({ where: { entityType: "deposit", entityId: depositId, action: "confirm" } }),
  ).toBe(1);
  expect(
    (await confirmDeposit(bureau.token, depositId, { ...body, bankReference: "OTHER", mismatchReason: "x" })).status,
  ).toBe(409);
  // a bidder sees their own deposit, staff see all
  const other = await makeCaller("company");
  await register(other.token, id);
  expect((await deposits(c.token, id)).body.items).toHaveLength(1);
  expect((await deposits(bureau.token, id)).body.items).toHaveLength(2);
});

test("the close: losers' bank refunds marked once with the bank reference; the winner confirms once → contract draft", async () => {
  const { id, bureau, seller: s } = await announcedLot();
  const a = await bidder(id, bureau);
  const b = await bidder(id, bureau);
  await bid(a.token, id, 200_000_000);
  await bid(b.token, id, 250_000_000);
  expect((await close(bureau.token, id)).status).toBe(409); // not at its end yet
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  expect((await close(a.token, id)).status).toBe(403);
  const [c1, c2] = await Promise.all([close(bureau.token, id), close(bureau.token, id)]);
  expect([c1.status, c2.status]).toEqual([200, 200]);
  expect(c1.body.auction).toMatchObject({ status: "sold", winnerBidderCode: "A02" });
  expect(await prisma.auditEvent.count({ where: { entityType: "auction", entityId: id, action: "close" } })).toBe(1);

  expect((await refund(a.token, a.deposit.id, "TK001")).status).toBe(403);
  expect((await refund(bureau.token, b.deposit.id, "TK001")).status).toBe(409); // the winner's is applied
  const [r1, r2] = await Promise.all([
    refund(bureau.token, a.deposit.id, "TK001"),
    refund(bureau.token, a.deposit.id, "TK001"),
  ]);
  expect([r1.status, r2.status]).toEqual([200, 200]);
  expect(r1.body.deposit).toMatchObject({ status: "refunded", refundBankReference: "TK001" });
  expect(
    await prisma.auditEvent.count({ where: { entityType: "deposit", entityId: a.deposit.id, action: "refund" } }),
  ).toBe(1);

  expect((await confirm(a.token, id)).status).toBe(403);
  expect((await confirm(s.token, id)).status).toBe(403);
  const [x, y] = await Promise.all([confirm(b.token, id), confirm(b.token, id)]);
  expect([x.status, y.status].sort()).toEqual([200, 201]);
  expect(x.body.contract.id).toBe(y.body.contract.id);
  expect(await prisma.contract.count({ where: { auctionId: id } })).toBe(1);
  const contract = await prisma.contract.findUniqueOrThrow({ where: { auctionId: id } });
  expect(contract).toMatchObject({
    status: "draft",
    type: "transfer",
    sellerOrgId: s.org!.id,
    buyerOrgId: b.org!.id,
    contractAmountFen: 250_000_000n,
    resultId: s.result.id,
    field: "rare_earth",
  });
  expect((await getLot(id)).body.auction.contractId).toBe(contract.id);
  expect((await markDefault(bureau.token, id)).status).toBe(409);
});

test("a winner who does not confirm within 5 working days is marked defaulted: deposit forfeited, no re-offer bidding", async () => {
  const { id, bureau, seller: s } = await announcedLot();
  const a = await bidder(id, bureau);
  await bid(a.token, id, 200_000_000);
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  await advanceDueLots();
  const lot = await prisma.auction.findUniqueOrThrow({ where: { id } });
  expect(lot.status).toBe("sold");
  expect(lot.confirmDeadline!.getTime()).toBe((await workingDeadline(lot.closedAt!, 5)).getTime());
  expect((await markDefault(bureau.token, id)).body.error.code).toBe("deadline_not_passed");
  await prisma.auction.update({ where: { id }, data: { confirmDeadline: new Date(Date.now() - 1) } });
  expect((await confirm(a.token, id)).body.error.code).toBe("deadline_passed");
  expect((await markDefault(a.token, id)).status).toBe(403);
  const d = await markDefault(bureau.token, id);
  expect(d.status).toBe(200);
  expect(d.body.auction.status).toBe("unsold");
  expect((await prisma.auctionDeposit.findUniqueOrThrow({ where: { id: a.deposit.id } })).status).toBe("forfeited");
  expect((await markDefault(bureau.token, id)).status).toBe(200);

  // offered again within 30 days at up to 20% less; the defaulter may not take part
  const tooCheap = await createLot(
    s.token,
    biddingBody(s.result.id, { reofferOfId: id, startPriceFen: 150_000_000, depositFen: 15_000_000 }),
  );
  expect(tooCheap.body.error.fields.startPriceFen).toBeTruthy();
  const again = await createLot(
    s.token,
    biddingBody(s.result.id, { reofferOfId: id, startPriceFen: 160_000_000, depositFen: 16_000_000 }),
  );
  expect(again.status).toBe(201);
  const id2 = again.body.auction.id;
  await submit(s.token, id2);
  await review(bureau.token, id2, { decision: "approve" });
  expect((await register(a.token, id2)).status).toBe(403);
  expect((await register((await makeCaller("company")).token, id2)).status).toBe(201);
});

test("5 working days skip weekends and the calendar's holidays, and count listed working weekend days", async () => {
  // closed Friday 2026-12-04 15:00 Shanghai → Mon 7 … Fri 11: the deadline is Sat 12 00:00 Shanghai
  const friday = new Date("2026-12-04T07:00:00Z");
  expect((await workingDeadline(friday, 5)).toISOString()).toBe("2026-12-11T16:00:00.000Z");
  const bureau = await makeCaller("bureau");
  const company = await makeCaller("company");
  const put = (token: string, body: unknown) =>
    call(calendarRoute.action, apiRequest("PUT", "/api/v1/calendar", { token, body }));
  expect((await put(company.token, { date: "2026-12-08", working: false })).status).toBe(403);
  expect((await put(bureau.token, { date: "2026-12-8", working: false })).status).toBe(400);
  expect((await put(bureau.token, { date: "2026-12-08", working: false, note: "假日" })).status).toBe(200);
  expect((await workingDeadline(friday, 5)).toISOString()).toBe("2026-12-14T16:00:00.000Z");
  await put(bureau.token, { date: "2026-12-12", working: true, note: "调休上班" });
  expect((await workingDeadline(friday, 5)).toISOString()).toBe("2026-12-12T16:00:00.000Z");
  const list = await call(calendarRoute.loader, apiRequest("GET", "/api/v1/calendar?from=2026-12-01&to=2026-12-31"));
  expect(list.body.items).toEqual([
    { date: "2026-12-08", working: false, note: "假日" },
    { date: "2026-12-12", working: true, note: "调休上班" },
  ]);
  expect(await prisma.auditEvent.count({ where: { entityType: "calendar" } })).toBe(2);
});

test("listing: two qualified applicants turn it into bidding from the listed price with the same deposits; one buys at the listed price", async () => {
  const make = async () => {
    const lot = await announcedLot({ body: { mode: "listing" }, open: false });
    return lot;
  };
  const two = await make();
  const a = await bidder(two.id, two.bureau);
  const b = await bidder(two.id, two.bureau);
  await bidder(two.id, two.bureau).then((c) => prisma.auctionDeposit.update({ where: { id: c.deposit.id }, data: {} }));
  // a third registered but never paid does not count
  await register((await makeCaller("company")).token, two.id);
  expect((await bid(a.token, two.id, 200_000_000)).body.error.code).toBe("auction_not_open");
  await prisma.auction.update({
    where: { id: two.id },
    data: { biddingStartsAt: new Date(Date.now() - 2 * DAY), biddingEndsAt: new Date(Date.now() - 1) },
  });
  const converted = (await getLot(two.id)).body.auction;
  expect(converted).toMatchObject({
    status: "bidding",
    mode: "listing",
    currentPriceFen: null,
    minimumBidFen: 200_000_000,
  });
  expect(converted.convertedAt).toBeTruthy();
  expect(Date.parse(converted.endsAt)).toBeGreaterThan(Date.now() + DAY);
  expect((await bid(a.token, two.id, 200_000_000)).status).toBe(201);
  expect((await bid(b.token, two.id, 210_000_000)).status).toBe(201);

  const one = await make();
  const only = await bidder(one.id, one.bureau);
  await prisma.auction.update({
    where: { id: one.id },
    data: { biddingStartsAt: new Date(Date.now() - 2 * DAY), biddingEndsAt: new Date(Date.now() - 1) },
  });
  expect(await advanceDueLots()).toBeGreaterThanOrEqual(1);
  const sold = (await getLot(one.id)).body.auction;
  expect(sold).toMatchObject({
    status: "sold",
    winningAmountFen: 200_000_000,
    winnerBidderCode: only.deposit.bidderCode,
  });
  expect((await confirm(only.token, one.id)).status).toBe(201);
});

test("notice: at least 15 days, objections by signed-in users, uphold stops the deal; dismissed → sold to the named buyer", async () => {
  const s = await seller();
  const bureau = await makeCaller("bureau");
  const buyer = await makeCaller("company");
  const body = {
    resultId: s.result.id,
    mode: "notice",
    contractType: "license",
    licenseScope: "exclusive",
    licenseTermMonths: 60,
    startPriceFen: 80_000_000,
    buyerOrgId: buyer.org!.id,
    buyerRelation: "inventor",
    noticeEndsAt: iso(Date.now() + 16 * DAY),
  };
  expect(
    (await createLot(s.token, { ...body, noticeEndsAt: iso(Date.now() + 10 * DAY) })).body.error.fields.noticeEndsAt,
  ).toBeTruthy();
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const created = await createLot(s.token, body);
    expect(created.status).toBe(201);
    ids.push(created.body.auction.id);
    await submit(s.token, created.body.auction.id);
    await review(bureau.token, created.body.auction.id, { decision: "approve" });
  }
  const [stopped, goes] = ids as [string, string];
  const lot = (await getLot(stopped)).body.auction;
  expect(lot).toMatchObject({
    mode: "notice",
    status: "announced",
    buyerRelation: "inventor",
    buyer: { id: buyer.org!.id, name: buyer.org!.name },
  });
  const object = (token: string | undefined, id: string) =>
    post(objectionsRoute, `/api/v1/auctions/${id}/objections`, token, id, { reason: "定价明显低于评估值" });
  const watcher = await makeCaller("researcher");
  expect((await object(undefined, stopped)).status).toBe(401);
  const o1 = await object(watcher.token, stopped);
  expect(o1.status).toBe(201);
  const decide = (token: string, oid: string, decision: string) =>
    post(decideRoute, `/api/v1/objections/${oid}/decide`, token, oid, { decision, note: "经核实" });
  expect((await decide(watcher.token, o1.body.objection.id, "uphold")).status).toBe(403);
  expect((await decide(bureau.token, o1.body.objection.id, "uphold")).body.objection.status).toBe("upheld");
  expect((await getLot(stopped)).body.auction.status).toBe("cancelled");

  const o2 = await object(watcher.token, goes);
  await prisma.auction.update({ where: { id: goes }, data: { noticeEndsAt: new Date(Date.now() - 1) } });
  expect((await object(watcher.token, goes)).status).toBe(409);
  // a pending objection holds the deal
  expect((await getLot(goes)).body.auction.status).toBe("announced");
  await decide(bureau.token, o2.body.objection.id, "dismiss");
  const sold = (await getLot(goes)).body.auction;
  expect(sold).toMatchObject({ status: "sold", winningAmountFen: 80_000_000 });
  const confirmed = await confirm(buyer.token, goes);
  expect(confirmed.status).toBe(201);
  expect(await prisma.contract.findUniqueOrThrow({ where: { auctionId: goes } })).toMatchObject({
    type: "license",
    buyerOrgId: buyer.org!.id,
    contractAmountFen: 80_000_000n,
  });
});
