// The bidding room's forms (/auctions/:id) called directly with a session cookie: each intent's
// form is parsed with the room's schema, an empty or bad form comes back 400 with its fields'
// messages in both languages (no internal names) and nothing written; a bid typed in 元 moves
// once; staff confirm and refund deposits on the page; another role and anonymous callers are
// turned away as the API turns them away.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { pickMessage } from "../../app/i18n/i18n.ts";
import * as room from "../../app/routes/auctions.$id.tsx";
import { cookieFor, pagePost as post, pageStatus as statusOf, replyErrors, runPage as run } from "../support/pages.ts";
import { announcedLot, bidder, register } from "./auctions-helpers.ts";
import { makeCaller } from "../factories.ts";

const send = (id: string, cookie: string | undefined, fields: Record<string, string>) =>
  run(room.action, post(`/auctions/${id}`, cookie, fields), { id });

const formErrors = (r: unknown) => replyErrors(r)[""] ?? [];

/** Every message reads in each language on its own, and names no field by its code. */
function expectWords(errors: Record<string, string[]>) {
  const messages = Object.values(errors).flat();
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    const zh = pickMessage(m, "zh-CN");
    const en = pickMessage(m, "en");
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(`${zh} ${en}`).not.toMatch(/amountYuan|amountFen|bankReference|payerName|depositId|objectionId|reason\b/);
  }
}

test("empty room forms come back 400 with each field's message, in both languages, nothing written", async () => {
  const { id, bureau } = await announcedLot();
  const staff = await cookieFor(bureau.user.id);
  const company = await makeCaller("company");
  const reg = await register(company.token, id);
  const depositId = reg.body.deposit.id as string;
  const buyer = await cookieFor(company.user.id);

  const bid = await send(id, buyer, { intent: "bid" });
  expect(statusOf(bid)).toBe(400);
  expect(Object.keys(replyErrors(bid))).toEqual(["amountYuan"]);
  expectWords(replyErrors(bid));

  const cancel = await send(id, staff, { intent: "cancel" });
  expect(statusOf(cancel)).toBe(400);
  expect(Object.keys(replyErrors(cancel))).toEqual(["reason"]);
  expectWords(replyErrors(cancel));

  const confirm = await send(id, staff, { intent: "confirmDeposit", depositId, amountYuan: "" });
  expect(statusOf(confirm)).toBe(400);
  expect(Object.keys(replyErrors(confirm)).sort()).toEqual(["amountYuan", "bankReference", "payerName"]);
  expectWords(replyErrors(confirm));

  const refund = await send(id, staff, { intent: "refund", depositId });
  expect(Object.keys(replyErrors(refund))).toEqual(["bankReference"]);
  const decide = await send(id, staff, { intent: "decide", objectionId: "x" });
  expect(Object.keys(replyErrors(decide)).sort()).toEqual(["decision", "note"]);
  expectWords(replyErrors(decide));
  const unknown = await send(id, staff, { intent: "explode" });
  expect(statusOf(unknown)).toBe(400);

  expect(await prisma.auctionBid.count({ where: { auctionId: id } })).toBe(0);
  const lot = await prisma.auction.findUniqueOrThrow({ where: { id } });
  expect(lot.status).toBe("announced");
  expect(await prisma.auctionDeposit.findUniqueOrThrow({ where: { id: depositId } })).toMatchObject({
    status: "awaiting_payment",
  });
});

test("staff confirm a deposit on the page; a bid typed in 元 is placed once; refusals keep their status", async () => {
  const { id, bureau } = await announcedLot();
  const staff = await cookieFor(bureau.user.id);
  const company = await makeCaller("company");
  const reg = await register(company.token, id);
  const depositId = reg.body.deposit.id as string;
  const buyer = await cookieFor(company.user.id);

  // another role, and an anonymous caller, are turned away; the deposit stays unpaid
  const notStaff = await send(id, buyer, {
    intent: "confirmDeposit",
    depositId,
    bankReference: "HX-1",
    payerName: company.org!.name,
    amountYuan: String(Number(reg.body.deposit.amountFen) / 100),
  });
  expect(statusOf(notStaff)).toBe(403);
  expect(formErrors(notStaff).length).toBe(1);
  const anonymous = await send(id, undefined, { intent: "bid", amountYuan: "2000000" });
  expect(anonymous).toBeInstanceOf(Response);
  expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);

  const ok = await send(id, staff, {
    intent: "confirmDeposit",
    depositId,
    bankReference: "HX-ROOM-1",
    payerName: company.org!.name,
    amountYuan: String(Number(reg.body.deposit.amountFen) / 100),
    receivedAt: "2026-12-01T10:30",
  });
  expect(statusOf(ok)).toBe(200);
  const held = await prisma.auctionDeposit.findUniqueOrThrow({ where: { id: depositId } });
  expect(held).toMatchObject({ status: "held", bankReference: "HX-ROOM-1" });
  expect(held.receivedAt?.toISOString()).toBe("2026-12-01T02:30:00.000Z");

  // below the starting price: the API's refusal comes back on the typed amount
  const low = await send(id, buyer, { intent: "bid", amountYuan: "1" });
  expect([400, 409, 422]).toContain(statusOf(low));
  expect(formErrors(low).length).toBe(1);

  const first = await send(id, buyer, { intent: "bid", amountYuan: "2,000,000" });
  expect(statusOf(first)).toBe(200);
  // the same amount again (a double click) does not bid twice
  const again = await send(id, buyer, { intent: "bid", amountYuan: "2000000" });
  expect(statusOf(again)).toBeGreaterThanOrEqual(400);
  const bids = await prisma.auctionBid.findMany({ where: { auctionId: id } });
  expect(bids.map((b) => Number(b.amountFen))).toEqual([200_000_000]);
});

test("staff cancel with a reason, audited; the seller cannot; an objection needs its reasons", async () => {
  const { id, bureau, seller } = await announcedLot();
  const staff = await cookieFor(bureau.user.id);
  const sellerCookie = await cookieFor(seller.user.id);
  const refused = await send(id, sellerCookie, { intent: "cancel", reason: "不卖了" });
  expect(statusOf(refused)).toBe(403);
  expect((await prisma.auction.findUniqueOrThrow({ where: { id } })).status).toBe("announced");

  const cancelled = await send(id, staff, { intent: "cancel", reason: "权属争议" });
  expect(statusOf(cancelled)).toBe(200);
  expect((await prisma.auction.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
  const audit = await prisma.auditEvent.findMany({ where: { entityType: "auction", entityId: id, action: "cancel" } });
  expect(audit).toHaveLength(1);

  const objection = await send(id, sellerCookie, { intent: "object", reason: "  " });
  expect(statusOf(objection)).toBe(400);
  expect(Object.keys(replyErrors(objection))).toEqual(["reason"]);
});

test("a bidder with a held deposit bids the next step with one click (fen from the button)", async () => {
  const { id, bureau } = await announcedLot();
  const b = await bidder(id, bureau);
  const cookie = await cookieFor(b.user.id);
  const r = await send(id, cookie, { intent: "bid", amountFen: "200000000" });
  expect(statusOf(r)).toBe(200);
  expect(await prisma.auctionBid.count({ where: { auctionId: id } })).toBe(1);
});
