// Subsidies (奖补): programmes as data with their 400s, the arithmetic (rate, rounding down, the
// paid basis never above 技术交易额, each cap, the annual cap and budget in registration order),
// applications (409 duplicate), decisions and disbursement (once), concurrent approvals that would
// pass a cap (exactly one wins), clawback on amendment and cancellation, 免申即享 on payment
// confirmation, and refusals (anonymous, another organization, another role, sub-centre staff
// outside their sub-centre).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as amendRoute from "../../app/routes/api.v1.contracts.$id.amend.ts";
import * as cancelRoute from "../../app/routes/api.v1.contracts.$id.cancel.ts";
import * as paymentsRoute from "../../app/routes/api.v1.contracts.$id.payments.ts";
import * as confirmRoute from "../../app/routes/api.v1.payments.$id.confirm.ts";
import * as summaryRoute from "../../app/routes/api.v1.subsidies.programmes.$code.summary.ts";
import * as csvRoute from "../../app/routes/api.v1.subsidies.applications[.]csv.ts";
import * as xlsxRoute from "../../app/routes/api.v1.subsidies.applications[.]xlsx.ts";
import { ensureSubsidyProgrammes } from "../../app/subsidies/programmes.server.ts";
import { apiRequest, call, makeCaller, makeUser } from "../factories.ts";
import { createApiToken } from "../../app/auth/api-token.server.ts";
import { contractBody, postContract, type Caller } from "./contracts-helpers.ts";
import {
  YEAR,
  apply,
  contract,
  createProgramme,
  decide,
  disburse,
  eligibility,
  itemOf,
  listApplications,
  listProgrammes,
  paid,
  party,
  patchProgramme,
  programme,
  programmeBody,
} from "./subsidies-helpers.ts";

async function parties() {
  const bureau = await makeCaller("bureau");
  const seller = await party("researcher");
  const buyer = await party("company");
  return { bureau, seller, buyer };
}

test("programmes: the bureau creates and edits versions; rate > 100%, negative caps and overlapping versions are 400s naming the field", async () => {
  const { bureau, buyer } = await parties();
  const body = programmeBody({ validUntil: `${YEAR}-06-30` });
  const created = await createProgramme(bureau, body);
  expect(created.status).toBe(201);
  expect(created.body.programme).toMatchObject({ code: body.code, year: YEAR, mode: "apply", budgetFen: 100_000_000 });
  expect(created.body.programme.rules[0]).toMatchObject({ role: "buyer", rateBp: 1000, capPerOrgYearFen: 12_000_000 });

  const bad = async (b: unknown, field: string) => {
    const r = await createProgramme(bureau, b);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.fields).toHaveProperty(field);
  };
  await bad(programmeBody({}, { rateBp: 10_001 }), "rules.0.rateBp");
  await bad(programmeBody({}, { capPerContractFen: -1 }), "rules.0.capPerContractFen");
  await bad(programmeBody({}, { capPerOrgYearFen: -100 }), "rules.0.capPerOrgYearFen");
  await bad(programmeBody({ budgetFen: -1 }), "budgetFen");
  await bad(programmeBody({ validFrom: `${YEAR - 1}-12-01` }), "validFrom");
  // a second version of the same code overlapping the first
  await bad({ ...body, validFrom: `${YEAR}-06-01`, validUntil: `${YEAR}-12-31` }, "validFrom");
  // the second half of the year is a new version
  const second = await createProgramme(bureau, { ...body, validFrom: `${YEAR}-07-01`, validUntil: `${YEAR}-12-31` });
  expect(second.status).toBe(201);
  // editing the first into the second's time is refused too
  const clash = await patchProgramme(bureau, created.body.programme.id, { validUntil: `${YEAR}-07-15` });
  expect(clash.status).toBe(400);
  expect(clash.body.error.fields).toHaveProperty("validFrom");
  const edited = await patchProgramme(bureau, created.body.programme.id, { budgetFen: 50_000_000 });
  expect(edited.status).toBe(200);
  expect(edited.body.programme.budgetFen).toBe(50_000_000);

  expect((await createProgramme(null, programmeBody())).status).toBe(401);
  expect((await createProgramme(buyer, programmeBody())).status).toBe(403);
  expect((await patchProgramme(buyer, created.body.programme.id, { budgetFen: 1 })).status).toBe(403);
  const listed = await listProgrammes(null, `?code=${body.code}`);
  expect(listed.status).toBe(200);
  expect(listed.body.items).toHaveLength(2);
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "subsidy_programme", entityId: created.body.programme.id },
    orderBy: { seq: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual(["create", "update"]);
});

test("the seeded programmes: Jiangxi (2.5% ≤ ¥15万 ≤ ¥100万 a year, ≥ ¥50万, paid) and Ganzhou (免申即享), this year and last", async () => {
  await ensureSubsidyProgrammes();
  expect(await ensureSubsidyProgrammes()).toBe(0);
  const r = await listProgrammes(null, `?code=jx-online-market`);
  expect(r.body.items.map((p: { year: number }) => p.year)).toEqual([YEAR, YEAR - 1]);
  expect(r.body.items[0].rules).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        role: "buyer",
        rateBp: 250,
        capPerContractFen: 15_000_000,
        capPerOrgYearFen: 100_000_000,
        minContractFen: 50_000_000,
        basis: "paid",
        buyerRegionPrefix: "36",
      }),
      expect.objectContaining({
        role: "seller",
        rateBp: 150,
        capPerContractFen: 10_000_000,
        capPerOrgYearFen: 50_000_000,
      }),
      expect.objectContaining({
        role: "agency",
        rateBp: 100,
        capPerContractFen: 10_000_000,
        capPerOrgYearFen: 30_000_000,
      }),
    ]),
  );
  const gz = await listProgrammes(null, `?code=gz-tech-transfer&year=${YEAR}`);
  expect(gz.body.items[0]).toMatchObject({ mode: "auto" });
  // the seeded ones never apply in the other tests (they use their own codes); remove this year's
  await prisma.subsidyProgramme.deleteMany({ where: { code: { in: ["jx-online-market", "gz-tech-transfer"] } } });
});

test("arithmetic: the paid basis (partial payments, never above 技术交易额), rounding down, the contract cap, and the reasons", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau, {}, { rateBp: 250, capPerContractFen: 1_500_000, capPerOrgYearFen: null });
  const c = await contract(bureau, seller, buyer); // 技术交易额 800,000.00 元
  let item = await itemOf(buyer, c.id, p.code);
  expect(item).toMatchObject({ eligible: false, amountFen: 0, cappedBy: null });
  expect(item.codes).toContain("not_paid");

  await paid(c, 12_345_679); // 123,456.79 元 × 2.5% = 3,086.419 75 元 → 308,641 fen (down)
  item = await itemOf(buyer, c.id, p.code);
  expect(item).toMatchObject({ eligible: true, basisFen: 12_345_679, rateBp: 250, amountFen: 308_641, cappedBy: null });
  await paid(c, 87_654_321); // paid 1,000,000 元 in all, above 技术交易额 800,000 元
  item = await itemOf(buyer, c.id, p.code);
  // basis is 技术交易额 (80万) → 2万, capped by the contract cap of 1.5万
  expect(item).toMatchObject({ basisFen: 80_000_000, amountFen: 1_500_000, cappedBy: "contract", eligible: true });
  expect(item.codes).toEqual(expect.arrayContaining(["rule", "capped_contract"]));

  // registered basis: 技术交易额 whatever is paid
  const q = await programme(
    bureau,
    {},
    { rateBp: 333, capPerContractFen: null, capPerOrgYearFen: null, basis: "registered" },
  );
  expect(await itemOf(buyer, c.id, q.code)).toMatchObject({ basisFen: 80_000_000, amountFen: 2_664_000 });
  // minimum, contract type, region
  const r = await programme(
    bureau,
    {},
    { minContractFen: 200_000_000, contractTypes: ["transfer"], buyerRegionPrefix: "44" },
  );
  const blocked = await itemOf(buyer, c.id, r.code);
  expect(blocked.eligible).toBe(false);
  expect(blocked.codes).toEqual(expect.arrayContaining(["below_minimum", "wrong_type", "region"]));
  // an open related-party anomaly blocks it until resolved
  const flag = await prisma.anomalyFlag.create({ data: { contractId: c.id, kind: "related_parties", detail: {} } });
  expect((await itemOf(buyer, c.id, p.code)).codes).toContain("related_party");
  expect((await apply(buyer, { contractId: c.id, programme: p.code, role: "buyer" })).body.error.code).toBe(
    "not_eligible",
  );
  await prisma.anomalyFlag.update({
    where: { id: flag.id },
    data: { resolvedAt: new Date(), resolution: "核实无关联" },
  });
  expect((await itemOf(buyer, c.id, p.code)).eligible).toBe(true);
});

test("the annual cap across several contracts in registration order, and the budget", async () => {
  const { bureau, seller, buyer } = await parties();
  // 10%, ≤ 5万 per contract, ≤ 12万 per organization and year
  const p = await programme(bureau);
  const a = await contract(bureau, seller, buyer);
  const b = await contract(bureau, seller, buyer);
  const c = await contract(bureau, seller, buyer);
  for (const x of [a, b, c]) await paid(x, 80_000_000);
  // nothing applied: each contract alone gets its 5万
  expect(await itemOf(buyer, c.id, p.code)).toMatchObject({ amountFen: 5_000_000, cappedBy: "contract" });
  const ra = await apply(buyer, { contractId: a.id, programme: p.code, role: "buyer" });
  expect(ra.status).toBe(201);
  expect(ra.body.application).toMatchObject({ amountFen: 5_000_000, status: "pending", cappedBy: "contract" });
  expect((await apply(buyer, { contractId: b.id, programme: p.code, role: "buyer" })).body.application.amountFen).toBe(
    5_000_000,
  );
  // the third contract: 2万 left of the 12万
  const third = await itemOf(buyer, c.id, p.code);
  expect(third).toMatchObject({ amountFen: 2_000_000, cappedBy: "annual", eligible: true });
  const rc = await apply(buyer, { contractId: c.id, programme: p.code, role: "buyer" });
  expect(rc.body.application).toMatchObject({ amountFen: 2_000_000, cappedBy: "annual" });
  for (const r of [ra, rc])
    expect((await decide(bureau, r.body.application.id, { decision: "approve" })).status).toBe(200);

  // budget 7万: contract a (registered first) holds its 5万, the later contract d gets the 2万 left
  const q = await programme(bureau, { budgetFen: 7_000_000 });
  const other = await party("company");
  const d = await contract(bureau, seller, other);
  await paid(d, 80_000_000);
  expect((await apply(buyer, { contractId: a.id, programme: q.code, role: "buyer" })).body.application.amountFen).toBe(
    5_000_000,
  );
  expect(await itemOf(other, d.id, q.code)).toMatchObject({ amountFen: 2_000_000, cappedBy: "budget", eligible: true });
  const rd = await apply(other, { contractId: d.id, programme: q.code, role: "buyer" });
  expect(rd.body.application).toMatchObject({ amountFen: 2_000_000, cappedBy: "budget" });
  // and nothing is left for a third organization
  const third2 = await party("company");
  const e = await contract(bureau, seller, third2);
  await paid(e, 80_000_000);
  const none = await itemOf(third2, e.id, q.code);
  expect(none).toMatchObject({ amountFen: 0, eligible: false, cappedBy: "budget" });
  expect(none.codes).toContain("budget_exhausted");
});

test("concurrent approvals that together would pass the annual cap: exactly one wins, the other gets 409", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau, {}, { capPerOrgYearFen: 6_000_000 });
  const early = await contract(bureau, seller, buyer);
  const late = await contract(bureau, seller, buyer);
  for (const x of [early, late]) await paid(x, 80_000_000);
  // the later contract applies first (5万); the earlier one keeps its priority and also gets 5万
  const rl = await apply(buyer, { contractId: late.id, programme: p.code, role: "buyer" });
  const re = await apply(buyer, { contractId: early.id, programme: p.code, role: "buyer" });
  expect([rl.body.application.amountFen, re.body.application.amountFen]).toEqual([5_000_000, 5_000_000]);
  const [x, y] = await Promise.all([
    decide(bureau, rl.body.application.id, { decision: "approve" }),
    decide(bureau, re.body.application.id, { decision: "approve" }),
  ]);
  expect([x.status, y.status].sort()).toEqual([200, 409]);
  const loser = x.status === 409 ? x : y;
  expect(loser.body.error.code).toBe("annual_cap_exceeded");
  const apps = await prisma.subsidyApplication.findMany({ where: { programmeCode: p.code } });
  expect(apps.filter((a) => a.status === "approved")).toHaveLength(1);
  expect(apps.filter((a) => a.status === "pending")).toHaveLength(1);

  // the budget the same way: two organizations, a budget for one of them
  const q = await programme(bureau, { budgetFen: 6_000_000 }, { capPerOrgYearFen: null });
  const other = await party("company");
  const o = await contract(bureau, seller, other);
  await paid(o, 80_000_000);
  const r1 = await apply(other, { contractId: o.id, programme: q.code, role: "buyer" });
  const r2 = await apply(buyer, { contractId: early.id, programme: q.code, role: "buyer" });
  expect([r1.body.application.amountFen, r2.body.application.amountFen]).toEqual([5_000_000, 5_000_000]);
  const both = await Promise.all([
    decide(bureau, r1.body.application.id, { decision: "approve" }),
    decide(bureau, r2.body.application.id, { decision: "approve" }),
  ]);
  expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(both.find((r) => r.status === 409)!.body.error.code).toBe("budget_exceeded");
});

test("apply once (409, also when two arrive together), decide with a note, disburse once; audit events", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau);
  const c = await contract(bureau, seller, buyer);
  await paid(c, 30_000_000);
  const body = { contractId: c.id, programme: p.code, role: "buyer" };
  const [a, b] = await Promise.all([apply(buyer, body), apply(buyer, body)]);
  expect([a.status, b.status].sort()).toEqual([201, 409]);
  const created = a.status === 201 ? a : b;
  expect((a.status === 409 ? a : b).body.error.code).toBe("already_applied");
  expect(created.body.application).toMatchObject({
    amountFen: 3_000_000,
    basisFen: 30_000_000,
    rateBp: 1000,
    auto: false,
  });
  const again = await apply(buyer, body);
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe("already_applied");
  expect((await itemOf(buyer, c.id, p.code)).codes).toContain("already_applied");
  const id = created.body.application.id;

  // disbursing a pending application is refused; a rejection needs a note
  expect((await disburse(bureau, id, { paidAt: "2026-01-05", bankReference: "B1" })).body.error.code).toBe(
    "invalid_state",
  );
  const noNote = await decide(bureau, id, { decision: "reject" });
  expect(noNote.status).toBe(400);
  expect(noNote.body.error.fields).toHaveProperty("note");
  expect((await decide(bureau, id, { decision: "maybe" })).body.error.fields).toHaveProperty("decision");
  const ok = await decide(bureau, id, { decision: "approve", note: "材料齐全" });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ changed: true, application: { status: "approved", decisionNote: "材料齐全" } });
  expect((await decide(bureau, id, { decision: "approve" })).body.changed).toBe(false);
  expect((await decide(bureau, id, { decision: "reject", note: "x" })).body.error.code).toBe("invalid_state");
  const bad = await disburse(bureau, id, { paidAt: "2026-02-30", bankReference: "" });
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["paidAt", "bankReference"]));
  const d1 = await disburse(bureau, id, { paidAt: "2026-01-05", bankReference: "GZ-CZ-001" });
  expect(d1.body).toMatchObject({ changed: true, application: { status: "disbursed", bankReference: "GZ-CZ-001" } });
  expect((await disburse(bureau, id, { paidAt: "2026-01-05", bankReference: "GZ-CZ-001" })).body.changed).toBe(false);
  expect((await disburse(bureau, id, { paidAt: "2026-01-05", bankReference: "OTHER" })).body.error.code).toBe(
    "already_disbursed",
  );
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "subsidy_application", entityId: id },
    orderBy: { seq: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual(["apply", "approve", "disburse"]);
  expect(events[0]!.actorId).toBe(buyer.user.id);
  expect(events[1]!.actorId).toBe(bureau.user.id);
  // the organization's list
  const mine = await listApplications(buyer);
  expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
  expect((await listApplications(seller)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
});

test("refusals: anonymous 401, another organization 404, another role 403, sub-centre staff outside their sub-centre 404", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau, {}, {});
  const c = await contract(bureau, seller, buyer);
  await paid(c, 30_000_000);
  const body = { contractId: c.id, programme: p.code, role: "buyer" };
  const stranger = await party("company");
  expect((await eligibility(null, c.id)).status).toBe(401);
  expect((await apply(null, body)).status).toBe(401);
  expect((await eligibility(stranger, c.id)).status).toBe(404);
  expect((await apply(stranger, body)).status).toBe(404);
  // the seller's member applying for the buyer's subsidy; the bureau applying at all
  expect((await apply(seller, body)).status).toBe(403);
  expect((await apply(bureau, body)).status).toBe(403);
  // unknown programme or role → 400 naming it
  expect((await apply(buyer, { ...body, programme: "no-such-programme" })).body.error.fields).toHaveProperty(
    "programme",
  );
  expect((await apply(buyer, { ...body, role: "seller" })).body.error.fields).toHaveProperty("role");
  expect((await apply(buyer, { ...body, role: "boss" })).body.error.fields).toHaveProperty("role");
  expect((await apply(buyer, { ...body, extra: 1 })).body.error.fields).toHaveProperty("extra");

  const created = await apply(buyer, body);
  expect(created.status).toBe(201);
  const id = created.body.application.id;
  expect((await decide(null, id, { decision: "approve" })).status).toBe(401);
  expect((await decide(buyer, id, { decision: "approve" })).status).toBe(403);
  expect((await decide(seller, id, { decision: "approve" })).status).toBe(403);
  expect((await disburse(buyer, id, { paidAt: "2026-01-05", bankReference: "X" })).status).toBe(403);
  expect((await listApplications(null)).status).toBe(401);

  // sub-centre staff: their own sub-centre's contracts only
  const mine = await prisma.subcentre.create({
    data: { name: `稀土分中心${Math.random()}`, kind: "industry_cluster", regionCode: "360703" },
  });
  const elsewhere = await prisma.subcentre.create({
    data: { name: `钨分中心${Math.random()}`, kind: "industry_cluster", regionCode: "360781" },
  });
  await prisma.contract.update({ where: { id: c.id }, data: { subcentreId: mine.id } });
  const staff = async (subcentreId: string) => {
    const user = await makeUser("subcentre");
    await prisma.subcentreStaff.create({ data: { userId: user.id, subcentreId } });
    const { token } = await createApiToken(user.id, "t");
    return { user, token, org: null } as unknown as Caller;
  };
  const inside = await staff(mine.id);
  const outside = await staff(elsewhere.id);
  expect((await eligibility(inside, c.id)).status).toBe(200);
  expect((await listApplications(inside)).body.items.map((i: { id: string }) => i.id)).toContain(id);
  expect((await eligibility(outside, c.id)).status).toBe(404);
  expect((await listApplications(outside)).body.items).toHaveLength(0);
  expect((await apply(outside, body)).status).toBe(403);
  expect((await decide(outside, id, { decision: "approve" })).status).toBe(403);
  expect((await decide(inside, id, { decision: "approve" })).status).toBe(403);
  expect(await prisma.subsidyApplication.count({ where: { id, status: "pending" } })).toBe(1);
});

test("clawback: an amendment or a cancellation after approval flags the applications for review", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau);
  const a = await contract(bureau, seller, buyer);
  const b = await contract(bureau, seller, buyer);
  for (const x of [a, b]) await paid(x, 30_000_000);
  const ids: string[] = [];
  for (const x of [a, b]) {
    const r = await apply(buyer, { contractId: x.id, programme: p.code, role: "buyer" });
    ids.push(r.body.application.id);
    expect((await decide(bureau, r.body.application.id, { decision: "approve" })).status).toBe(200);
  }
  await disburse(bureau, ids[1]!, { paidAt: "2026-01-05", bankReference: "CZ-9" });

  const amended = await call(
    amendRoute.action,
    apiRequest("POST", `/api/v1/contracts/${a.id}/amend`, {
      token: bureau.token,
      body: { contractAmountFen: 50_000_000, reason: "双方协议降低合同金额" },
    }),
    { id: a.id },
  );
  expect(amended.status, JSON.stringify(amended.body)).toBe(200);
  const cancelled = await call(
    cancelRoute.action,
    apiRequest("POST", `/api/v1/contracts/${b.id}/cancel`, { token: bureau.token, body: { reason: "合同解除" } }),
    { id: b.id },
  );
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  const [fa, fb] = await Promise.all(ids.map((id) => prisma.subsidyApplication.findUniqueOrThrow({ where: { id } })));
  expect(fa).toMatchObject({ status: "review_required", statusBeforeReview: "approved" });
  expect(fa!.reviewReason).toMatch(/双方协议降低合同金额/);
  expect(fb).toMatchObject({ status: "review_required", statusBeforeReview: "disbursed" });
  expect(fb!.reviewReason).toMatch(/注销.*合同解除/);
  const flagged = await listApplications(bureau, `?programme=${p.code}&status=review_required`);
  expect(flagged.body.items).toHaveLength(2);
  // the bureau confirms the amended one (back to approved) and rejects the cancelled one
  expect((await decide(bureau, ids[0]!, { decision: "approve", note: "金额仍高于基数" })).body.application.status).toBe(
    "approved",
  );
  expect(
    (await decide(bureau, ids[1]!, { decision: "reject", note: "合同已注销，追回奖补" })).body.application.status,
  ).toBe("rejected");
  const actions = await prisma.auditEvent.findMany({
    where: { entityType: "subsidy_application", entityId: ids[1]! },
    orderBy: { seq: "asc" },
  });
  expect(actions.map((e) => e.action)).toEqual(["apply", "approve", "disburse", "flag_review", "review_reject"]);
  // a cancelled contract is no longer eligible
  expect((await itemOf(buyer, b.id, p.code)).codes).toContain("cancelled");
});

test("免申即享: confirming a payment files the application; a later payment raises it", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau, { mode: "auto" });
  const c = await contract(bureau, seller, buyer);
  const pay = async (amountFen: number, reference: string) => {
    const r = await call(
      paymentsRoute.action,
      apiRequest("POST", `/api/v1/contracts/${c.id}/payments`, {
        token: buyer.token,
        body: { amountFen, method: "bank_transfer", paidAt: "2026-03-02", reference },
      }),
      { id: c.id },
    );
    expect(r.status).toBe(201);
    const id = r.body.payment.id;
    const ok = await call(
      confirmRoute.action,
      apiRequest("POST", `/api/v1/payments/${id}/confirm`, { token: seller.token }),
      {
        id,
      },
    );
    expect(ok.status).toBe(200);
  };
  await pay(20_000_000, "AUTO-1");
  let apps = await prisma.subsidyApplication.findMany({ where: { programmeCode: p.code } });
  expect(apps).toHaveLength(1);
  expect(apps[0]).toMatchObject({
    auto: true,
    status: "pending",
    amountFen: 2_000_000n,
    role: "buyer",
    appliedById: null,
  });
  await pay(20_000_000, "AUTO-2");
  apps = await prisma.subsidyApplication.findMany({ where: { programmeCode: p.code } });
  expect(apps).toHaveLength(1);
  expect(apps[0]!.amountFen).toBe(4_000_000n);
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "subsidy_application", entityId: apps[0]!.id },
    orderBy: { seq: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual(["auto_apply", "auto_recompute"]);
  // an application programme was not touched by the payments
  const manual = await programme(bureau);
  expect(await prisma.subsidyApplication.count({ where: { programmeCode: manual.code } })).toBe(0);
});

test("a contract not yet registered: listed as not eligible, with its reason", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau);
  const draft = await postContract(bureau, contractBody(seller.org!, buyer.org!));
  expect(draft.status).toBe(201);
  const item = await itemOf(buyer, draft.body.id, p.code);
  expect(item.eligible).toBe(false);
  expect(item.codes).toEqual(expect.arrayContaining(["not_registered", "not_paid"]));
  expect((await apply(buyer, { contractId: draft.body.id, programme: p.code, role: "buyer" })).status).toBe(409);
});

test("stacking: an exclusive programme is not combined with another on the same contract", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau);
  const x = await programme(bureau, { stacking: "exclusive" });
  const c = await contract(bureau, seller, buyer);
  await paid(c, 30_000_000);
  const dbg = await apply(buyer, { contractId: c.id, programme: p.code, role: "buyer" });
  expect(dbg.status, JSON.stringify(dbg.body)).toBe(201);
  const item = await itemOf(buyer, c.id, x.code);
  expect(item.eligible).toBe(false);
  expect(item.codes).toContain("stacking");
  expect((await apply(buyer, { contractId: c.id, programme: x.code, role: "buyer" })).status).toBe(409);
});

test("the bureau's programme summary (budget, committed, disbursed, remaining, by status/sub-centre/region) and CSV/XLSX export", async () => {
  const { bureau, seller, buyer } = await parties();
  const p = await programme(bureau, { budgetFen: 20_000_000 });
  const a = await contract(bureau, seller, buyer);
  const b = await contract(bureau, seller, buyer);
  for (const x of [a, b]) await paid(x, 30_000_000);
  const ra = await apply(buyer, { contractId: a.id, programme: p.code, role: "buyer" });
  expect(ra.status, JSON.stringify(ra.body)).toBe(201);
  await apply(buyer, { contractId: b.id, programme: p.code, role: "buyer" });
  await decide(bureau, ra.body.application.id, { decision: "approve" });
  await disburse(bureau, ra.body.application.id, { paidAt: "2026-01-05", bankReference: "=cmd|x" });
  const s = await call(
    summaryRoute.loader,
    apiRequest("GET", `/api/v1/subsidies/programmes/${p.code}/summary?year=${YEAR}`, { token: bureau.token }),
    { code: p.code },
  );
  expect(s.status).toBe(200);
  expect(s.body).toMatchObject({
    budgetFen: 20_000_000,
    committedFen: 3_000_000,
    disbursedFen: 3_000_000,
    pendingFen: 3_000_000,
    remainingFen: 17_000_000,
  });
  expect(s.body.byStatus).toEqual(
    expect.arrayContaining([
      { status: "disbursed", count: 1, amountFen: 3_000_000 },
      { status: "pending", count: 1, amountFen: 3_000_000 },
    ]),
  );
  expect(s.body.byRegion).toEqual([{ regionCode: "360702", count: 2, amountFen: 6_000_000 }]);
  expect(s.body.bySubcentre[0]).toMatchObject({ count: 2, amountFen: 6_000_000 });
  const forbidden = await call(
    summaryRoute.loader,
    apiRequest("GET", `/api/v1/subsidies/programmes/${p.code}/summary`, { token: buyer.token }),
    { code: p.code },
  );
  expect(forbidden.status).toBe(403);

  const csv = await csvRoute.loader({
    request: apiRequest("GET", `/api/v1/subsidies/applications.csv?programme=${p.code}&lang=en`, {
      token: bureau.token,
    }),
    params: {},
  });
  expect(csv.status).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("Amount (CNY)");
  expect(text).toContain(",30000.00,"); // 3,000,000 fen
  expect(text).toContain("'=cmd|x"); // a formula-looking cell is neutralised
  const xlsx = await xlsxRoute.loader({
    request: apiRequest("GET", `/api/v1/subsidies/applications.xlsx?programme=${p.code}`, { token: bureau.token }),
    params: {},
  });
  expect(xlsx.headers.get("Content-Type")).toMatch(/spreadsheetml/);
  expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  // an organization's export holds only its own applications
  const theirs = await (
    await csvRoute.loader({
      request: apiRequest("GET", `/api/v1/subsidies/applications.csv`, { token: seller.token }),
      params: {},
    })
  ).text();
  expect(theirs.trim().split("\r\n")).toHaveLength(1);
});
