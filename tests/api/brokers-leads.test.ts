// Brokers and leads: profiles and verification, the directory's record, filing leads (first lead
// on a pair wins, 409 naming only the time), the attribution window, waiver, and parties who go
// around the broker; refusals for other organizations, roles and anonymous callers.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as brokersRoute from "../../app/routes/api.v1.brokers.ts";
import * as brokerRoute from "../../app/routes/api.v1.brokers.$id.ts";
import * as verifyRoute from "../../app/routes/api.v1.brokers.$id.verify.ts";
import * as leadsRoute from "../../app/routes/api.v1.leads.ts";
import * as waiveRoute from "../../app/routes/api.v1.leads.$id.waive.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import * as acceptRoute from "../../app/routes/api.v1.offers.$id.accept.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import {
  postContract,
  publishedNeed,
  publishedResult,
  contractBody,
  registeredContract,
  type Caller,
} from "./contracts-helpers.ts";

const post = (
  c: Caller | null,
  route: { action: (args: never) => unknown },
  path: string,
  body: unknown,
  params: Record<string, string> = {},
) => call(route.action as never, apiRequest("POST", path, { token: c?.token, body }), params);
const fileLead = (c: Caller | null, body: unknown) => post(c, leadsRoute, "/api/v1/leads", body);
const listLeads = (c: Caller, qs = "") =>
  call(leadsRoute.loader, apiRequest("GET", `/api/v1/leads${qs}`, { token: c.token }));

async function brokerWithProfile() {
  const agency = await makeOrg({ kind: "agency", name: "稀金谷技术转移中心" });
  const broker = await makeCaller("broker", { org: agency });
  const created = await post(broker, brokersRoute, "/api/v1/brokers", {
    level: "intermediate",
    certificateNumber: "ZJ-2026-001",
    fields: ["rare_earth"],
    regions: ["360702"],
  });
  expect(created.status).toBe(201);
  return { broker, agency };
}

test("a broker profile: certificate required above junior, bureau verification, public directory with the record", async () => {
  const agency = await makeOrg({ kind: "agency" });
  const broker = await makeCaller("broker", { org: agency });
  const company = await makeCaller("company");
  const bureau = await makeCaller("bureau");

  const noCert = await post(broker, brokersRoute, "/api/v1/brokers", { level: "senior" });
  expect(noCert.status).toBe(400);
  expect(noCert.body.error.fields).toHaveProperty("certificateNumber");
  expect((await post(broker, brokersRoute, "/api/v1/brokers", { level: "master" })).body.error.fields).toHaveProperty(
    "level",
  );
  // only brokers; anonymous 401
  expect((await post(company, brokersRoute, "/api/v1/brokers", { level: "junior" })).status).toBe(403);
  expect((await post(null, brokersRoute, "/api/v1/brokers", { level: "junior" })).status).toBe(401);

  const created = await post(broker, brokersRoute, "/api/v1/brokers", {
    level: "junior",
    fields: ["rare_earth"],
    regions: ["360702"],
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: broker.user.id, level: "junior", brokerOrgId: agency.id, verified: false });
  expect((await post(broker, brokersRoute, "/api/v1/brokers", { level: "junior" })).status).toBe(409);

  // not in the public directory until verified
  const anon = await call(brokersRoute.loader, apiRequest("GET", "/api/v1/brokers"));
  expect(anon.body.items.map((b: { id: string }) => b.id)).not.toContain(broker.user.id);
  // only the bureau verifies
  expect((await post(broker, verifyRoute, "/x", {}, { id: broker.user.id })).status).toBe(403);
  expect((await post(company, verifyRoute, "/x", {}, { id: broker.user.id })).status).toBe(403);
  expect((await post(null, verifyRoute, "/x", {}, { id: broker.user.id })).status).toBe(401);
  const verified = await post(
    bureau,
    verifyRoute,
    `/api/v1/brokers/${broker.user.id}/verify`,
    {},
    { id: broker.user.id },
  );
  expect(verified.status).toBe(200);
  expect(verified.body.verified).toBe(true);
  const listed = await call(brokersRoute.loader, apiRequest("GET", "/api/v1/brokers"));
  expect(listed.body.items.find((b: { id: string }) => b.id === broker.user.id)).toMatchObject({
    record: { leads: 0, deals: 0 },
  });

  // promotion without a certificate is refused; with one it asks for verification again
  const patch = (c: Caller | null, body: unknown) =>
    call(brokerRoute.action, apiRequest("PATCH", `/api/v1/brokers/${broker.user.id}`, { token: c?.token, body }), {
      id: broker.user.id,
    });
  expect((await patch(broker, { level: "intermediate" })).body.error.fields).toHaveProperty("certificateNumber");
  expect((await patch(company, { bio: "x" })).status).toBe(403);
  expect((await patch(null, { bio: "x" })).status).toBe(401);
  const promoted = await patch(broker, { level: "intermediate", certificateNumber: "ZJ-1" });
  expect(promoted.status).toBe(200);
  expect(promoted.body.verified).toBe(false);
  // another broker organization that is not a verified agency is refused
  const other = await makeOrg({ kind: "enterprise" });
  expect((await patch(broker, { brokerOrgId: other.id })).body.error.fields).toHaveProperty("brokerOrgId");

  const actions = (
    await prisma.auditEvent.findMany({
      where: { entityType: "broker", entityId: broker.user.id },
      orderBy: { seq: "asc" },
    })
  ).map((e) => e.action);
  expect(actions).toEqual(["create", "verify", "update"]);
});

test("the first lead on a pair wins; the second gets 409 lead_exists with the time, not the broker", async () => {
  const { broker, agency } = await brokerWithProfile();
  const rival = await makeCaller("broker", { org: await makeOrg({ kind: "agency" }) });
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const need = await publishedNeed(company.org!);
  const result = await publishedResult(researcher.org!);

  const first = await fileLead(broker, { needId: need.id, resultId: result.id, note: "介绍双方认识" });
  expect(first.status).toBe(201);
  expect(first.body.lead).toMatchObject({
    brokerId: broker.user.id,
    status: "live",
    buyerOrgId: company.org!.id,
    sellerOrgId: researcher.org!.id,
    brokerOrgId: agency.id,
  });
  expect(first.body.lead.createdAt).toBeTruthy();

  // the pair either way round, by another broker
  const second = await fileLead(rival, {
    buyerOrgId: researcher.org!.id,
    sellerOrgId: company.org!.id,
    note: "我也认识",
  });
  expect(second.status).toBe(409);
  expect(second.body.error.code).toBe("lead_exists");
  expect(second.body.error.message).toContain(first.body.lead.createdAt);
  expect(second.body.error.message).not.toContain(broker.user.name);
  expect(second.body.error.message).not.toContain(agency.name);

  // filed in parallel on a new pair: exactly one wins
  const a = await makeOrg({ kind: "enterprise" });
  const b = await makeOrg({ kind: "university" });
  const race = await Promise.all([
    fileLead(broker, { buyerOrgId: a.id, sellerOrgId: b.id, note: "x" }),
    fileLead(rival, { buyerOrgId: a.id, sellerOrgId: b.id, note: "y" }),
  ]);
  expect(race.map((r) => r.status).sort()).toEqual([201, 409]);

  // the lead is in the audit chain; both parties see who introduced them
  expect(
    await prisma.auditEvent.count({ where: { entityType: "lead", entityId: first.body.lead.id, action: "file" } }),
  ).toBe(1);
  const seen = await listLeads(company);
  expect(seen.body.items).toHaveLength(1);
  expect(seen.body.items[0].broker).toMatchObject({
    id: broker.user.id,
    name: broker.user.name,
    org: { id: agency.id },
  });
  expect((await listLeads(researcher)).body.items).toHaveLength(1);
  // an unrelated company sees none; anonymous 401
  expect((await listLeads(await makeCaller("company"))).body.items).toHaveLength(0);
  expect((await call(leadsRoute.loader, apiRequest("GET", "/api/v1/leads"))).status).toBe(401);
  expect(await prisma.notification.count({ where: { userId: company.user.id, kind: "lead.filed" } })).toBe(1);
});

test("bad leads: same organization twice, the broker's own organization, other roles, anonymous", async () => {
  const { broker, agency } = await brokerWithProfile();
  const company = await makeCaller("company");
  const org = await makeOrg();
  const same = await fileLead(broker, { buyerOrgId: org.id, sellerOrgId: org.id, note: "x" });
  expect(same.status).toBe(400);
  expect(same.body.error.fields).toHaveProperty("sellerOrgId");
  expect((await fileLead(broker, { buyerOrgId: org.id, note: "x" })).body.error.fields).toHaveProperty("sellerOrgId");
  expect(
    (await fileLead(broker, { buyerOrgId: org.id, sellerOrgId: "nope", note: "x" })).body.error.fields,
  ).toHaveProperty("sellerOrgId");
  expect(
    (await fileLead(broker, { buyerOrgId: org.id, sellerOrgId: company.org!.id })).body.error.fields,
  ).toHaveProperty("note");
  expect((await fileLead(broker, { buyerOrgId: agency.id, sellerOrgId: org.id, note: "x" })).status).toBe(403);
  expect((await fileLead(company, { buyerOrgId: org.id, sellerOrgId: (await makeOrg()).id, note: "x" })).status).toBe(
    403,
  );
  expect((await fileLead(null, { buyerOrgId: org.id, sellerOrgId: company.org!.id, note: "x" })).status).toBe(401);
  expect(await prisma.lead.count({ where: { brokerUserId: broker.user.id } })).toBe(0);
});

test("attribution: offers and contracts carry the broker within the window, also around the broker; not after a waiver or the window", async () => {
  const { broker, agency } = await brokerWithProfile();
  const company = await makeCaller("company");
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const result = await publishedResult(researcher.org!);
  const filed = await fileLead(broker, { buyerOrgId: company.org!.id, resultId: result.id, note: "推荐" });
  expect(filed.status).toBe(201);

  // the company offers directly; the offer names the broker; the contract from it too
  const offer = await post(company, offersRoute, "/api/v1/offers", {
    resultId: result.id,
    amountFen: 60_000_000,
    mode: "transfer",
  });
  expect(offer.status).toBe(201);
  expect(offer.body.broker).toMatchObject({ userId: broker.user.id, org: { id: agency.id } });
  expect((await post(researcher, acceptRoute, "/x", undefined, { id: offer.body.id })).status).toBe(200);
  const fromOffer = await postContract(company, {
    offerId: offer.body.id,
    signedAt: "2026-03-01",
    commission: { rateBp: 300 },
  });
  expect(fromOffer.status).toBe(201);
  expect(fromOffer.body).toMatchObject({
    brokerUserId: broker.user.id,
    brokerOrgId: agency.id,
    commission: { rateBp: 300, amountFen: null },
  });

  // a direct contract between the parties (going around the broker), even naming another broker org
  const elsewhere = await makeOrg({ kind: "agency" });
  const direct = await postContract(
    researcher,
    contractBody(researcher.org!, company.org!, { brokerOrgId: elsewhere.id }),
  );
  expect(direct.status).toBe(201);
  expect(direct.body).toMatchObject({
    brokerUserId: broker.user.id,
    brokerOrgId: agency.id,
    leadId: filed.body.lead.id,
  });
  // the attribution cannot be edited away
  const { action: patchAction } = await import("../../app/routes/api.v1.contracts.$id.ts");
  const patched = await call(
    patchAction,
    apiRequest("PATCH", `/api/v1/contracts/${direct.body.id}`, {
      token: researcher.token,
      body: { brokerOrgId: null },
    }),
    { id: direct.body.id },
  );
  expect(patched.status).toBe(400);
  expect(patched.body.error.fields).toHaveProperty("brokerOrgId");

  // the broker's record counts the deals, registered amounts and the commission agreed
  await registeredContract(bureau, researcher.org!, company.org!, { commission: { amountFen: 1_000_000 } });
  await post(bureau, verifyRoute, "/x", {}, { id: broker.user.id });
  const record = (
    await call(brokerRoute.loader, apiRequest("GET", `/api/v1/brokers/${broker.user.id}`), { id: broker.user.id })
  ).body.record;
  expect(record).toMatchObject({
    leads: 1,
    convertedLeads: 1,
    conversionBp: 10_000,
    deals: 3,
    registeredContracts: 1,
    registeredAmountFen: 80_000_000,
  });
  // 3% of 60 万 = 18,000 元 + a fixed 10,000 元
  expect(record.commissionAgreedFen).toBe(1_800_000 + 1_000_000);

  // only the broker waives; then new contracts carry no broker
  const waive = (c: Caller | null) =>
    call(waiveRoute.action, apiRequest("POST", `/api/v1/leads/${filed.body.lead.id}/waive`, { token: c?.token }), {
      id: filed.body.lead.id,
    });
  expect((await waive(company)).status).toBe(403);
  expect((await waive(await makeCaller("broker"))).status).toBe(404);
  expect((await waive(null)).status).toBe(401);
  expect((await waive(broker)).body.lead.status).toBe("waived");
  expect((await waive(broker)).status).toBe(409);
  const after = await postContract(researcher, contractBody(researcher.org!, company.org!));
  expect(after.body).toMatchObject({ brokerUserId: null, brokerOrgId: null, leadId: null });

  // the window: a lead filed longer ago than LEAD_ATTRIBUTION_DAYS attributes nothing
  const [x, y] = [await makeCaller("researcher"), await makeCaller("company")];
  const old = await fileLead(broker, { buyerOrgId: y.org!.id, sellerOrgId: x.org!.id, note: "旧线索" });
  await prisma.lead.update({
    where: { id: old.body.lead.id },
    data: { createdAt: new Date(Date.now() - 366 * 86_400_000) },
  });
  const late = await postContract(x, contractBody(x.org!, y.org!));
  expect(late.body.brokerUserId).toBeNull();
  expect((await listLeads(broker, "?status=expired")).body.items.map((l: { id: string }) => l.id)).toContain(
    old.body.lead.id,
  );
  // …and within the window (day 364) it does
  await prisma.lead.update({
    where: { id: old.body.lead.id },
    data: { createdAt: new Date(Date.now() - 364 * 86_400_000) },
  });
  expect((await postContract(y, contractBody(x.org!, y.org!))).body.brokerUserId).toBe(broker.user.id);
  // an expired lead no longer blocks a new one on the pair
  await prisma.lead.update({
    where: { id: old.body.lead.id },
    data: { createdAt: new Date(Date.now() - 400 * 86_400_000) },
  });
  expect((await fileLead(broker, { buyerOrgId: y.org!.id, sellerOrgId: x.org!.id, note: "再次" })).status).toBe(201);
});

test("commission is validated: at most 100%, never negative, not both", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  for (const commission of [{ rateBp: 10_001 }, { rateBp: -1 }, { amountFen: -5 }, { rateBp: 100, amountFen: 100 }]) {
    const r = await postContract(researcher, contractBody(researcher.org!, company.org!, { commission }));
    expect(r.status, JSON.stringify(commission)).toBe(400);
    expect(Object.keys(r.body.error.fields).join()).toMatch(/commission/);
  }
});

test("the window follows LEAD_ATTRIBUTION_DAYS: with 30 days, a lead of 31 days ago attributes nothing and one of 29 days does", async () => {
  const { broker } = await brokerWithProfile();
  const previous = process.env.LEAD_ATTRIBUTION_DAYS;
  process.env.LEAD_ATTRIBUTION_DAYS = "30";
  try {
    const [seller, buyer] = [await makeCaller("researcher"), await makeCaller("company")];
    const filed = await fileLead(broker, { buyerOrgId: buyer.org!.id, sellerOrgId: seller.org!.id, note: "短窗口" });
    expect(filed.status).toBe(201);
    const age = (days: number) =>
      prisma.lead.update({
        where: { id: filed.body.lead.id },
        data: { createdAt: new Date(Date.now() - days * 86_400_000) },
      });
    await age(31);
    expect((await postContract(seller, contractBody(seller.org!, buyer.org!))).body.brokerUserId).toBeNull();
    const listed = (await listLeads(broker, "?status=expired")).body.items as Array<{ id: string; expiresAt: string }>;
    expect(listed.map((l) => l.id)).toContain(filed.body.lead.id);
    await age(29);
    expect((await postContract(seller, contractBody(seller.org!, buyer.org!))).body.brokerUserId).toBe(broker.user.id);
  } finally {
    if (previous === undefined) delete process.env.LEAD_ATTRIBUTION_DAYS;
    else process.env.LEAD_ATTRIBUTION_DAYS = previous;
  }
});
