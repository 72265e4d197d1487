// Lots in the network: the sub-centre a lot came through (the result's, else the seller's), the
// broker a live lead on the seller and the buyer attributes it to (window, waiver, the notice
// buyer at creation, the winner at the close), shown only to the parties, the broker and staff,
// and the contract confirmed from the lot inheriting both (三方: 丙 is the broker organization).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as closeRoute from "../../app/routes/api.v1.auctions.$id.close.ts";
import * as confirmRoute from "../../app/routes/api.v1.auctions.$id.confirm.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import * as leadsRoute from "../../app/routes/api.v1.leads.ts";
import * as waiveRoute from "../../app/routes/api.v1.leads.$id.waive.ts";
import * as listRoute from "../../app/routes/api.v1.auctions.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import {
  announcedLot,
  bid,
  bidder,
  createLot,
  DAY,
  getLot,
  iso,
  review,
  seller,
  submit,
  type Caller,
} from "./auctions-helpers.ts";

const post = (
  mod: { action: (a: never) => unknown },
  path: string,
  token: string | undefined,
  params: Record<string, string>,
  body?: unknown,
) => call(mod.action as never, apiRequest("POST", path, { token, body }), params);
const close = (token: string, id: string) => post(closeRoute, `/api/v1/auctions/${id}/close`, token, { id });
const confirm = (token: string, id: string) => post(confirmRoute, `/api/v1/auctions/${id}/confirm`, token, { id });
const getContract = (token: string, id: string) =>
  call(contractRoute.loader, apiRequest("GET", `/api/v1/contracts/${id}`, { token }), { id });

async function makeBroker() {
  const agency = await makeOrg({ kind: "agency", name: `赣南技术转移中心${Math.random()}` });
  return { ...(await makeCaller("broker", { org: agency })), agency };
}

async function fileLead(b: Caller, buyerOrgId: string, sellerOrgId: string) {
  const r = await post(leadsRoute, "/api/v1/leads", b.token, {}, { buyerOrgId, sellerOrgId, note: "现场对接" });
  expect(r.status).toBe(201);
  return r.body.lead.id as string;
}

/** A bidding lot won by `winner` (a fresh bidder unless given), closed by staff. */
async function wonLot(prepare?: (lot: Awaited<ReturnType<typeof announcedLot>>, buyer: Caller) => Promise<void>) {
  const lot = await announcedLot();
  const buyer = await bidder(lot.id, lot.bureau);
  if (prepare) await prepare(lot, buyer);
  expect((await bid(buyer.token, lot.id, 200_000_000)).status).toBe(201);
  await prisma.auction.update({ where: { id: lot.id }, data: { endsAt: new Date(Date.now() - 1) } });
  expect((await close(lot.bureau.token, lot.id)).status).toBe(200);
  return { ...lot, buyer };
}

test("a lot carries its sub-centre (the result's, else the seller's) and the contract from it does too", async () => {
  const centre = await prisma.subcentre.create({
    data: { name: `稀土新材料及应用分中心${Math.random()}`, kind: "industry_cluster", regionCode: "360703" },
  });
  const s = await seller();
  await prisma.organization.update({ where: { id: s.org!.id }, data: { subcentreId: centre.id } });
  const created = await createLot(s.token, {
    resultId: s.result.id,
    mode: "bidding",
    contractType: "transfer",
    startPriceFen: 100_000_000,
    incrementFen: 1_000_000,
    depositFen: 10_000_000,
    biddingStartsAt: iso(Date.now() + 60_000),
    biddingEndsAt: iso(Date.now() + DAY),
  });
  expect(created.status).toBe(201);
  expect(created.body.auction.subcentreId).toBe(centre.id);
  // public like a listing's: anonymous readers of the announced lot see it too
  await submit(s.token, created.body.auction.id);
  await review((await makeCaller("bureau")).token, created.body.auction.id, { decision: "approve" });
  const anon = await call(listRoute.loader, apiRequest("GET", "/api/v1/auctions?status=announced&pageSize=100"));
  expect(anon.body.items.find((l: { id: string }) => l.id === created.body.auction.id)?.subcentreId).toBe(centre.id);

  const { id, buyer } = await wonLot(async (lot) => {
    await prisma.auction.update({ where: { id: lot.id }, data: { subcentreId: centre.id } });
  });
  expect((await getLot(id)).body.auction.subcentreId).toBe(centre.id);
  const confirmed = await confirm(buyer.token, id);
  expect(confirmed.status).toBe(201);
  const contract = await prisma.contract.findUniqueOrThrow({ where: { auctionId: id } });
  expect(contract.subcentreId).toBe(centre.id);
});

test("the winner of a lot between the parties of a live lead: the lot and its contract carry the broker", async () => {
  const b = await makeBroker();
  let leadId = "";
  const {
    id,
    buyer,
    seller: s,
    bureau,
  } = await wonLot(async (lot, buyer) => {
    leadId = await fileLead(b, buyer.org!.id, lot.seller.org!.id);
    // before the close the buyer is unknown: nothing is attributed yet
    expect((await getLot(lot.id, lot.seller.token)).body.auction.brokerUserId).toBeNull();
  });
  const row = await prisma.auction.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({ leadId, brokerUserId: b.user.id, brokerOrgId: b.agency.id });
  expect(await prisma.auditEvent.count({ where: { entityType: "auction", entityId: id, action: "attribute" } })).toBe(
    1,
  );

  // the parties, the broker and staff see who introduced them; others and anonymous readers do not
  const shownBroker = { userId: b.user.id, name: b.user.name, org: { id: b.agency.id, name: b.agency.name } };
  for (const viewer of [s, buyer, b, bureau]) {
    expect((await getLot(id, viewer.token)).body.auction).toMatchObject({
      leadId,
      brokerUserId: b.user.id,
      brokerOrgId: b.agency.id,
      broker: shownBroker,
    });
  }
  const stranger = await makeCaller("company");
  for (const token of [stranger.token, undefined]) {
    expect((await getLot(id, token)).body.auction).toMatchObject({ brokerUserId: null, broker: null, leadId: null });
  }

  // the contract confirmed from the lot is three-party: 丙 is the broker organization
  expect((await confirm(buyer.token, id)).status).toBe(201);
  const contract = await prisma.contract.findUniqueOrThrow({ where: { auctionId: id } });
  expect(contract).toMatchObject({
    leadId,
    brokerUserId: b.user.id,
    brokerOrgId: b.agency.id,
    sellerOrgId: s.org!.id,
    buyerOrgId: buyer.org!.id,
  });
  const shown = await getContract(b.token, contract.id);
  expect(shown.status).toBe(200);
  expect(shown.body).toMatchObject({ brokerUserId: b.user.id, brokerOrgId: b.agency.id, subcentreId: null });
});

test("no attribution outside the window, after a waiver, or for a lead on another pair", async () => {
  const b = await makeBroker();
  // a lead filed longer ago than LEAD_ATTRIBUTION_DAYS (365 by default)
  const old = await wonLot(async (lot, buyer) => {
    const leadId = await fileLead(b, buyer.org!.id, lot.seller.org!.id);
    await prisma.lead.update({ where: { id: leadId }, data: { createdAt: new Date(Date.now() - 366 * DAY) } });
  });
  // a lead waived before the close
  const waived = await wonLot(async (lot, buyer) => {
    const leadId = await fileLead(b, buyer.org!.id, lot.seller.org!.id);
    const r = await post(waiveRoute, `/api/v1/leads/${leadId}/waive`, b.token, { id: leadId });
    expect(r.status).toBe(200);
  });
  // a lead on the seller and some other company
  const other = await wonLot(async (lot) => {
    const elsewhere = await makeOrg({ kind: "enterprise" });
    await fileLead(b, elsewhere.id, lot.seller.org!.id);
  });
  for (const lot of [old, waived, other]) {
    expect(await prisma.auction.findUniqueOrThrow({ where: { id: lot.id } })).toMatchObject({
      leadId: null,
      brokerUserId: null,
      brokerOrgId: null,
    });
    expect((await confirm(lot.buyer.token, lot.id)).status).toBe(201);
    const contract = await prisma.contract.findUniqueOrThrow({ where: { auctionId: lot.id } });
    expect(contract).toMatchObject({ leadId: null, brokerUserId: null, brokerOrgId: null });
  }
});

test("a notice lot names its buyer: attributed at creation; a waiver before the close takes it off", async () => {
  const b = await makeBroker();
  const s = await seller();
  const bureau = await makeCaller("bureau");
  const buyer = await makeCaller("company");
  const leadId = await fileLead(b, buyer.org!.id, s.org!.id);
  const body = {
    resultId: s.result.id,
    mode: "notice",
    contractType: "transfer",
    startPriceFen: 60_000_000,
    buyerOrgId: buyer.org!.id,
    noticeEndsAt: iso(Date.now() + 16 * DAY),
  };
  const kept = await createLot(s.token, body);
  expect(kept.status).toBe(201);
  expect(kept.body.auction).toMatchObject({ leadId, brokerUserId: b.user.id, brokerOrgId: b.agency.id });
  const keptId = kept.body.auction.id as string;
  await submit(s.token, keptId);
  expect((await review(bureau.token, keptId, { decision: "approve" })).status).toBe(200);
  await prisma.auction.update({ where: { id: keptId }, data: { noticeEndsAt: new Date(Date.now() - 1) } });
  expect((await getLot(keptId, buyer.token)).body.auction).toMatchObject({ status: "sold", brokerUserId: b.user.id });
  expect((await confirm(buyer.token, keptId)).status).toBe(201);
  expect(await prisma.contract.findUniqueOrThrow({ where: { auctionId: keptId } })).toMatchObject({
    leadId,
    brokerOrgId: b.agency.id,
  });

  // the same pair, a second notice lot: the broker waives before the notice ends → the close clears it
  const second = await createLot(s.token, body);
  const lotId = second.body.auction.id as string;
  expect(second.body.auction.brokerUserId).toBe(b.user.id);
  await submit(s.token, lotId);
  await review(bureau.token, lotId, { decision: "approve" });
  expect((await post(waiveRoute, `/api/v1/leads/${leadId}/waive`, b.token, { id: leadId })).status).toBe(200);
  await prisma.auction.update({ where: { id: lotId }, data: { noticeEndsAt: new Date(Date.now() - 1) } });
  expect((await getLot(lotId, s.token)).body.auction).toMatchObject({ status: "sold", brokerUserId: null });
  expect((await confirm(buyer.token, lotId)).status).toBe(201);
  expect(await prisma.contract.findUniqueOrThrow({ where: { auctionId: lotId } })).toMatchObject({
    leadId: null,
    brokerOrgId: null,
  });
});
