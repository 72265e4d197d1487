// Which lead wins when more than one lead from different brokers has covered the same two
// parties (docs/decisions/0031): the first live lead on the pair, whichever way round and whether
// it was filed on a need/result or on the two organizations; a waived or expired lead falls
// through to the next live one — also for the offer or lot a contract grows from.
import { expect, test } from "vitest";
import { contractAttributionFromLot } from "../../app/auctions/lot-attribution.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { attributingLead, liveLeadFor } from "../../app/leads/attribution.server.ts";
import * as leadsRoute from "../../app/routes/api.v1.leads.ts";
import * as waiveRoute from "../../app/routes/api.v1.leads.$id.waive.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import * as acceptRoute from "../../app/routes/api.v1.offers.$id.accept.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, publishedNeed, publishedResult, type Caller } from "./contracts-helpers.ts";

const DAY = 86_400_000;
const post = (c: Caller, route: { action: (a: never) => unknown }, path: string, body?: unknown, id?: string) =>
  call(route.action as never, apiRequest("POST", path, { token: c.token, body }), id ? { id } : {});

async function broker() {
  const agency = await makeOrg({ kind: "agency" });
  return { ...(await makeCaller("broker", { org: agency })), agency };
}

async function file(b: Caller, body: Record<string, string>) {
  const r = await post(b, leadsRoute, "/api/v1/leads", { note: "介绍", ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.lead.id as string;
}

const age = (id: string, days: number) =>
  prisma.lead.update({ where: { id }, data: { createdAt: new Date(Date.now() - days * DAY) } });

test("a lead on the need/result pair and a lead on the organization pair are the same pair: the second is refused", async () => {
  const [first, second] = [await broker(), await broker()];
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const need = await publishedNeed(company.org!);
  const result = await publishedResult(researcher.org!);
  await file(first, { needId: need.id, resultId: result.id });
  // the organizations named directly, either way round, or one side through a listing
  for (const body of [
    { buyerOrgId: company.org!.id, sellerOrgId: researcher.org!.id },
    { buyerOrgId: researcher.org!.id, sellerOrgId: company.org!.id },
    { needId: need.id, sellerOrgId: researcher.org!.id },
  ]) {
    const r = await post(second, leadsRoute, "/api/v1/leads", { note: "我也认识", ...body });
    expect(r.status, JSON.stringify(body)).toBe(409);
    expect(r.body.error.code).toBe("lead_exists");
  }
});

test("a waived lead falls through to the next broker's live lead: offers and contracts carry the later broker", async () => {
  const [first, second] = [await broker(), await broker()];
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const result = await publishedResult(researcher.org!);
  const a = await file(first, { buyerOrgId: company.org!.id, resultId: result.id });
  expect((await post(first, waiveRoute, `/api/v1/leads/${a}/waive`, undefined, a)).status).toBe(200);
  // once waived, another broker may file on the pair, and that lead is the live one
  const b = await file(second, { buyerOrgId: researcher.org!.id, sellerOrgId: company.org!.id });
  const offer = await post(company, offersRoute, "/api/v1/offers", {
    resultId: result.id,
    amountFen: 50_000_000,
    mode: "transfer",
  });
  expect(offer.status).toBe(201);
  expect(offer.body.broker).toMatchObject({ userId: second.user.id, org: { id: second.agency.id } });
  const direct = await postContract(researcher, contractBody(researcher.org!, company.org!));
  expect(direct.body).toMatchObject({ leadId: b, brokerUserId: second.user.id, brokerOrgId: second.agency.id });
});

test("an offer's lead that expires before the contract falls through to the next live lead on the pair", async () => {
  const [first, second] = [await broker(), await broker()];
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const result = await publishedResult(researcher.org!);
  const a = await file(first, { buyerOrgId: company.org!.id, sellerOrgId: researcher.org!.id });
  await age(a, 300);
  const offer = await post(company, offersRoute, "/api/v1/offers", {
    resultId: result.id,
    amountFen: 50_000_000,
    mode: "transfer",
  });
  expect(offer.body.broker).toMatchObject({ userId: first.user.id });
  expect((await post(researcher, acceptRoute, "/x", undefined, offer.body.id)).status).toBe(200);
  // the first lead runs out while the parties negotiate; a second broker files on the pair
  await age(a, 366);
  const b = await file(second, { buyerOrgId: company.org!.id, sellerOrgId: researcher.org!.id });
  const contract = await postContract(company, { offerId: offer.body.id, signedAt: "2026-03-01" });
  expect(contract.status).toBe(201);
  expect(contract.body).toMatchObject({ leadId: b, brokerUserId: second.user.id, brokerOrgId: second.agency.id });

  // and with no live lead left at all, the contract carries no broker
  const third = await makeCaller("company");
  const c = await file(first, { buyerOrgId: third.org!.id, sellerOrgId: researcher.org!.id });
  const offer2 = await post(third, offersRoute, "/api/v1/offers", {
    resultId: result.id,
    amountFen: 40_000_000,
    mode: "transfer",
  });
  expect(offer2.body.broker).toMatchObject({ userId: first.user.id });
  expect((await post(researcher, acceptRoute, "/x", undefined, offer2.body.id)).status).toBe(200);
  await age(c, 400);
  const bare = await postContract(third, { offerId: offer2.body.id, signedAt: "2026-03-01" });
  expect(bare.status).toBe(201);
  expect(bare.body).toMatchObject({ leadId: null, brokerUserId: null, brokerOrgId: null });
});

test("two live leads on one pair (the window widened): the earlier one wins, whichever side is buyer; ties go to the smaller id", async () => {
  const [first, second] = [await broker(), await broker()];
  const x = await makeOrg({ kind: "university" });
  const y = await makeOrg({ kind: "enterprise" });
  const a = await file(first, { buyerOrgId: y.id, sellerOrgId: x.id });
  await age(a, 400);
  const b = await file(second, { buyerOrgId: x.id, sellerOrgId: y.id });
  await age(b, 10);
  const previous = process.env.LEAD_ATTRIBUTION_DAYS;
  process.env.LEAD_ATTRIBUTION_DAYS = "500";
  try {
    expect((await liveLeadFor(x.id, y.id))?.id).toBe(a);
    expect((await liveLeadFor(y.id, x.id))?.id).toBe(a);
    // the inherited lead is kept while live even if not first; a lead of another pair is never inherited
    expect((await attributingLead(x.id, y.id, { inheritedLeadId: b }))?.id).toBe(b);
    const other = await file(first, { buyerOrgId: (await makeOrg()).id, sellerOrgId: x.id });
    expect((await attributingLead(x.id, y.id, { inheritedLeadId: other }))?.id).toBe(a);
    // the same filing time: the smaller id wins, every time
    const at = new Date(Date.now() - 20 * DAY);
    await prisma.lead.updateMany({ where: { id: { in: [a, b] } }, data: { createdAt: at } });
    expect((await liveLeadFor(y.id, x.id))?.id).toBe([a, b].sort()[0]);
    // a lead filed after the moment asked about does not count
    expect(await liveLeadFor(x.id, y.id, new Date(at.getTime() - DAY))).toBeNull();
  } finally {
    if (previous === undefined) delete process.env.LEAD_ATTRIBUTION_DAYS;
    else process.env.LEAD_ATTRIBUTION_DAYS = previous;
  }
});

test("the contract from a won lot: the lot's lead while live, else the next live lead, else none", async () => {
  const [first, second] = [await broker(), await broker()];
  const seller = await makeOrg({ kind: "university" });
  const winner = await makeOrg({ kind: "enterprise" });
  const a = await file(first, { buyerOrgId: winner.id, sellerOrgId: seller.id });
  const lot = { sellerOrgId: seller.id, winnerOrgId: winner.id, leadId: a };
  const attribution = () => prisma.$transaction((tx) => contractAttributionFromLot(tx, lot, new Date()));
  expect(await attribution()).toEqual({ leadId: a, brokerUserId: first.user.id, brokerOrgId: first.agency.id });
  // the lot's lead expired since the close: the next live lead on the pair
  await age(a, 366);
  const b = await file(second, { buyerOrgId: seller.id, sellerOrgId: winner.id });
  expect(await attribution()).toEqual({ leadId: b, brokerUserId: second.user.id, brokerOrgId: second.agency.id });
  // …and once that one is waived too, nobody
  expect((await post(second, waiveRoute, `/api/v1/leads/${b}/waive`, undefined, b)).status).toBe(200);
  expect(await attribution()).toEqual({ leadId: null, brokerUserId: null, brokerOrgId: null });
  // no winner, no attribution
  const unsold = { ...lot, winnerOrgId: null };
  expect(await prisma.$transaction((tx) => contractAttributionFromLot(tx, unsold, new Date()))).toEqual({
    leadId: null,
    brokerUserId: null,
    brokerOrgId: null,
  });
});
