// Technology contracts over the API: entry (direct and from an accepted offer), the
// 技术交易额 computation, every refusal of bad input naming its field, each state transition and
// each transition refused with 409, permissions per role including cross-organization attempts.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import * as amendRoute from "../../app/routes/api.v1.contracts.$id.amend.ts";
import * as cancelRoute from "../../app/routes/api.v1.contracts.$id.cancel.ts";
import * as offersRoute from "../../app/routes/api.v1.offers.ts";
import * as acceptRoute from "../../app/routes/api.v1.offers.$id.accept.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import {
  confirm,
  contractBody,
  postContract,
  publishedResult,
  review,
  submit,
  type Caller,
} from "./contracts-helpers.ts";

const get = (c: Caller, id: string) =>
  call(contractRoute.loader, apiRequest("GET", `/api/v1/contracts/${id}`, { token: c.token }), { id });
const patch = (c: Caller, id: string, body: unknown) =>
  call(contractRoute.action, apiRequest("PATCH", `/api/v1/contracts/${id}`, { token: c.token, body }), { id });
const amend = (c: Caller, id: string, body: unknown) =>
  call(amendRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/amend`, { token: c.token, body }), { id });
const cancel = (c: Caller, id: string, body: unknown) =>
  call(cancelRoute.action, apiRequest("POST", `/api/v1/contracts/${id}/cancel`, { token: c.token, body }), { id });

test("direct entry by a party computes 技术交易额 server-side and starts as a draft with version 1", async () => {
  const researcher = await makeCaller("researcher");
  const buyer = await makeOrg({ kind: "enterprise", regionCode: "360703" });
  // 技术交易额 is the server's to compute: a client's value is an unknown field, named in the 400
  const refused = await postContract(
    researcher,
    contractBody(researcher.org!, buyer, {
      contractAmountFen: 123_456_789,
      nonTechnicalCostsFen: 23_456_789,
      techTransactionAmountFen: 1,
    }),
  );
  expect(refused.status).toBe(400);
  expect(refused.body.error.fields).toHaveProperty("techTransactionAmountFen");
  expect(refused.body.error.message).toContain("techTransactionAmountFen");
  expect(await prisma.contract.count()).toBe(0);
  const created = await postContract(
    researcher,
    contractBody(researcher.org!, buyer, { contractAmountFen: 123_456_789, nonTechnicalCostsFen: 23_456_789 }),
  );
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    status: "draft",
    contractAmountFen: 123_456_789,
    nonTechnicalCostsFen: 23_456_789,
    techTransactionAmountFen: 100_000_000, // computed by the server
    registrationNumber: null,
    registeredAt: null,
    signedAt: "2026-03-01",
    seller: { id: researcher.org!.id },
    buyer: { id: buyer.id },
  });
  const detail = await get(researcher, created.body.id);
  expect(detail.body.versions).toEqual([
    expect.objectContaining({ version: 1, current: true, techTransactionAmountFen: 100_000_000 }),
  ]);
  expect(detail.body.auditTrail.map((e: { action: string }) => e.action)).toEqual(["create"]);
  expect(detail.body).not.toHaveProperty("flags"); // anomaly flags are for the bureau

  // costs equal to the amount give a zero 技术交易额; no costs give the whole amount
  expect(
    (
      await postContract(
        researcher,
        contractBody(researcher.org!, buyer, { contractAmountFen: 500, nonTechnicalCostsFen: 500 }),
      )
    ).body.techTransactionAmountFen,
  ).toBe(0);
  expect(
    (await postContract(researcher, contractBody(researcher.org!, buyer, { nonTechnicalCostsFen: 0 }))).body
      .techTransactionAmountFen,
  ).toBe(100_000_000);
});

test("bad input is refused with a 400 naming the field, and nothing is written", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const before = await prisma.contract.count();
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ nonTechnicalCostsFen: 100_000_001 }, "nonTechnicalCostsFen"],
    [{ contractAmountFen: -1 }, "contractAmountFen"],
    [{ nonTechnicalCostsFen: -5 }, "nonTechnicalCostsFen"],
    [{ contractAmountFen: 100.5 }, "contractAmountFen"],
    [{ contractAmountFen: "100万" }, "contractAmountFen"],
    [{ contractAmountFen: "10000000" }, "contractAmountFen"],
    [{ contractAmountFen: undefined }, "contractAmountFen"],
    [{ nonTechnicalCostsFen: undefined }, "nonTechnicalCostsFen"],
    [{ type: "donation" }, "type"],
    [{ type: "consulting", subtype: "patent" }, "subtype"],
    [{ subtype: "nonsense" }, "subtype"],
    [{ buyerOrgId: seller.id }, "buyerOrgId"],
    [{ signedAt: "2026-02-30" }, "signedAt"],
    [{ signedAt: "2026-13-01" }, "signedAt"],
    [{ signedAt: "01/03/2026" }, "signedAt"],
    [{ signedAt: undefined }, "signedAt"],
    [{ validUntil: "2026-02-28" }, "validUntil"],
    [{ title: "" }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ field: "alchemy" }, "field"],
    [{ ipType: "magic" }, "ipType"],
    [{ sellerOrgId: "no-such-org" }, "sellerOrgId"],
    [{ brokerOrgId: "no-such-org" }, "brokerOrgId"],
    [{ resultId: "no-such-result" }, "resultId"],
  ];
  for (const [overrides, field] of cases) {
    const body = contractBody(seller, buyer, overrides);
    const res = await postContract(bureau, JSON.parse(JSON.stringify(body)));
    expect(res.status, JSON.stringify(overrides)).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.fields), JSON.stringify(overrides)).toContain(field);
  }
  expect(await prisma.contract.count()).toBe(before);
  // not JSON at all
  const raw = await call(
    contractsRoute.action,
    apiRequest("POST", "/api/v1/contracts", { token: bureau.token, rawBody: "{nope" }),
  );
  expect(raw.status).toBe(400);
  // the database refuses inconsistent amounts whatever path writes them
  await expect(
    prisma.contract.create({
      data: {
        type: "service",
        title: "x",
        sellerOrgId: seller.id,
        buyerOrgId: buyer.id,
        contractAmountFen: 10n,
        nonTechnicalCostsFen: 2n,
        techTransactionAmountFen: 9n,
        signedAt: new Date(),
      },
    }),
  ).rejects.toThrow();
});

test("a contract from an accepted offer: parties, amount, title, type and field prefilled; once per offer", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const result = await publishedResult(researcher.org!, { field: "tungsten", title: "硬质合金涂层技术" });
  const made = await call(
    offersRoute.action,
    apiRequest("POST", "/api/v1/offers", {
      token: company.token,
      body: { resultId: result.id, amountFen: 80_000_000, mode: "transfer" },
    }),
  );
  const offerId = made.body.id;

  // not accepted yet
  expect((await postContract(company, { offerId, signedAt: "2026-04-01" })).status).toBe(409);
  await call(acceptRoute.action, apiRequest("POST", `/api/v1/offers/${offerId}/accept`, { token: researcher.token }), {
    id: offerId,
  });

  // a stranger cannot use it
  const stranger = await makeCaller("company");
  expect((await postContract(stranger, { offerId, signedAt: "2026-04-01" })).status).toBe(400);
  // the parties cannot be swapped
  expect(
    (await postContract(company, { offerId, signedAt: "2026-04-01", sellerOrgId: company.org!.id })).body.error.fields,
  ).toHaveProperty("sellerOrgId");
  // costs above the agreed amount
  expect(
    (await postContract(company, { offerId, signedAt: "2026-04-01", nonTechnicalCostsFen: 90_000_000 })).body.error
      .fields,
  ).toHaveProperty("nonTechnicalCostsFen");

  const created = await postContract(company, { offerId, signedAt: "2026-04-01", nonTechnicalCostsFen: 5_000_000 });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    status: "draft",
    type: "transfer",
    title: "硬质合金涂层技术",
    sellerOrgId: researcher.org!.id, // the result's organization sells
    buyerOrgId: company.org!.id,
    contractAmountFen: 80_000_000,
    techTransactionAmountFen: 75_000_000,
    offerId,
    resultId: result.id,
    field: "tungsten",
  });
  expect((await postContract(company, { offerId, signedAt: "2026-04-01" })).status).toBe(409);
});

test("every transition: draft → submitted → returned → (edit) → submitted → registered → amended → cancelled; and reject", async () => {
  const bureau = await makeCaller("bureau");
  const researcher = await makeCaller("researcher");
  const buyerCaller = await makeCaller("company");
  const buyer = buyerCaller.org!;
  const { body: c } = await postContract(researcher, contractBody(researcher.org!, buyer));

  // draft: edit ok; review/amend/cancel are 409
  const edited = await patch(researcher, c.id, { contractAmountFen: 150_000_000 });
  expect(edited.status).toBe(200);
  expect(edited.body.techTransactionAmountFen).toBe(130_000_000);
  expect((await review(bureau, c.id, "register")).status).toBe(409);
  expect((await amend(bureau, c.id, { contractAmountFen: 1, reason: "x" })).status).toBe(409);
  expect((await cancel(bureau, c.id, { reason: "x" })).status).toBe(409);
  // PATCH re-checks the rules on the merged contract
  expect((await patch(researcher, c.id, { nonTechnicalCostsFen: 150_000_001 })).body.error.fields).toHaveProperty(
    "nonTechnicalCostsFen",
  );
  expect((await patch(researcher, c.id, { validUntil: "2026-01-01" })).body.error.fields).toHaveProperty("validUntil");

  // submitted: no edit, no second submit (the buyer confirms first: docs/decisions/0018)
  expect((await submit(researcher, c.id)).body.error.code).toBe("consent_required");
  expect((await confirm(buyerCaller, c.id)).status).toBe(200);
  const submitted = await submit(researcher, c.id);
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe("submitted");
  expect((await patch(researcher, c.id, { title: "改名" })).status).toBe(409);
  expect((await submit(researcher, c.id)).status).toBe(409);
  // a return needs a note
  expect((await review(bureau, c.id, "return")).status).toBe(400);
  const returned = await review(bureau, c.id, "return", "价款约定不明确，请补正");
  expect(returned.body).toMatchObject({ status: "returned", reviewNote: "价款约定不明确，请补正" });
  expect((await patch(researcher, c.id, { nonTechnicalCostsFen: 30_000_000 })).status).toBe(200);
  // the correction voided the buyer's confirmation: it confirms the new terms
  expect((await submit(researcher, c.id)).body.error.code).toBe("consent_required");
  expect((await confirm(buyerCaller, c.id)).status).toBe(200);
  expect((await submit(researcher, c.id)).status).toBe(200);

  const registered = await review(bureau, c.id, "register");
  expect(registered.status).toBe(200);
  expect(registered.body.status).toBe("registered");
  expect(registered.body.registrationNumber).toMatch(/^\d{2}360701\d{6}$/);
  expect(Date.now() - Date.parse(registered.body.registeredAt)).toBeLessThan(60_000);
  expect((await review(bureau, c.id, "register")).status).toBe(409);
  expect((await patch(researcher, c.id, { title: "改名" })).status).toBe(409);

  // amendment: a new version; the old one stays visible
  expect((await amend(bureau, c.id, { reason: "nothing" })).status).toBe(400);
  expect(
    (await amend(bureau, c.id, { nonTechnicalCostsFen: 200_000_000, reason: "x" })).body.error.fields,
  ).toHaveProperty("nonTechnicalCostsFen");
  const amended = await amend(bureau, c.id, { contractAmountFen: 180_000_000, reason: "补充协议增加开发内容" });
  expect(amended.status).toBe(200);
  expect(amended.body).toMatchObject({
    version: 2,
    contractAmountFen: 180_000_000,
    nonTechnicalCostsFen: 30_000_000,
    techTransactionAmountFen: 150_000_000,
  });
  const detail = await get(researcher, c.id);
  expect(
    detail.body.versions.map((v: { version: number; techTransactionAmountFen: number; current: boolean }) => [
      v.version,
      v.techTransactionAmountFen,
      v.current,
    ]),
  ).toEqual([
    [1, 120_000_000, false],
    [2, 150_000_000, true],
  ]);

  const cancelled = await cancel(bureau, c.id, { reason: "当事人申请注销" });
  expect(cancelled.body).toMatchObject({
    status: "cancelled",
    cancelReason: "当事人申请注销",
    registrationNumber: registered.body.registrationNumber,
  });
  expect((await cancel(bureau, c.id, { reason: "again" })).status).toBe(409);
  expect((await amend(bureau, c.id, { contractAmountFen: 1, reason: "x" })).status).toBe(409);

  const trail = (await get(bureau, c.id)).body.auditTrail.map((e: { action: string }) => e.action);
  expect(trail).toEqual([
    "create",
    "update",
    "confirm",
    "submit",
    "return",
    "update",
    "confirm",
    "submit",
    "register",
    "amend",
    "cancel",
  ]);
  const registerEvent = (await get(bureau, c.id)).body.auditTrail[8];
  expect(registerEvent.before).toMatchObject({ status: "submitted", registrationNumber: null });
  expect(registerEvent.after).toMatchObject({
    status: "registered",
    registrationNumber: registered.body.registrationNumber,
  });

  // reject is final
  const { body: other } = await postContract(researcher, contractBody(researcher.org!, buyer));
  await confirm(buyerCaller, other.id);
  await submit(researcher, other.id);
  expect((await review(bureau, other.id, "reject")).status).toBe(400);
  const rejected = await review(bureau, other.id, "reject", "标的不明确");
  expect(rejected.body.status).toBe("rejected");
  expect((await submit(researcher, other.id)).status).toBe(409);
  expect((await patch(researcher, other.id, { title: "x" })).status).toBe(409);
  expect((await review(bureau, other.id, "register")).status).toBe(409);
});

test("a contract past its validity cannot be submitted", async () => {
  const researcher = await makeCaller("researcher");
  const buyer = await makeOrg({ kind: "enterprise" });
  const { body } = await postContract(
    researcher,
    contractBody(researcher.org!, buyer, { signedAt: "2020-01-01", validUntil: "2020-12-31" }),
  );
  const res = await submit(researcher, body.id);
  expect(res.status).toBe(400);
  expect(res.body.error.fields).toHaveProperty("validUntil");
});

test("permissions per role and across organizations", async () => {
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const broker = await makeCaller("broker");
  const outsider = await makeCaller("company");
  const outsideResearcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const admin = await makeCaller("admin");

  // entry: a party or broker org member, the bureau, an admin; never for someone else's orgs
  expect((await postContract(outsider, contractBody(seller.org!, buyer.org!))).status).toBe(403);
  expect((await postContract(broker, contractBody(seller.org!, buyer.org!))).status).toBe(403);
  const viaBroker = await postContract(broker, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  expect(viaBroker.status).toBe(201);
  expect((await postContract(admin, contractBody(seller.org!, buyer.org!))).status).toBe(201);
  const { body: c } = await postContract(buyer, contractBody(seller.org!, buyer.org!, { brokerOrgId: broker.org!.id }));
  expect(c.status).toBe("draft");

  // reading: parties, broker, bureau, admin; others 404
  for (const who of [seller, buyer, broker, bureau, admin]) expect((await get(who, c.id)).status).toBe(200);
  for (const who of [outsider, outsideResearcher]) expect((await get(who, c.id)).status).toBe(404);
  expect((await call(contractRoute.loader, apiRequest("GET", `/api/v1/contracts/${c.id}`), { id: c.id })).status).toBe(
    401,
  );

  // editing: parties and broker while draft; others 404
  expect((await patch(outsider, c.id, { title: "篡改" })).status).toBe(404);
  expect((await patch(buyer, c.id, { title: "买方修改" })).status).toBe(200);
  // a party cannot write itself out of the contract
  expect((await patch(buyer, c.id, { buyerOrgId: outsider.org!.id })).status).toBe(400);

  // submit: the seller side, the broker or the bureau — not the buyer; the seller confirms first
  expect((await confirm(seller, c.id)).status).toBe(200);
  expect((await submit(buyer, c.id)).status).toBe(403);
  expect((await submit(outsider, c.id)).status).toBe(404);
  expect((await submit(broker, c.id)).status).toBe(200);

  // review, amend, cancel: bureau and admin only
  for (const who of [seller, buyer, broker, outsider]) {
    expect((await review(who, c.id, "register")).status).toBe(403);
  }
  expect((await review(admin, c.id, "return", "请补正")).status).toBe(200);
  await submit(seller, c.id);
  expect((await review(bureau, c.id, "register")).status).toBe(200);
  for (const who of [seller, buyer, broker, outsider]) {
    expect((await amend(who, c.id, { contractAmountFen: 1, reason: "x" })).status).toBe(403);
    expect((await cancel(who, c.id, { reason: "x" })).status).toBe(403);
  }
  expect((await amend(admin, c.id, { nonTechnicalCostsFen: 0, reason: "更正" })).status).toBe(200);

  // the list shows each organization only its own contracts; the bureau sees all
  const list = async (who: Caller, qs = "") =>
    (await call(contractsRoute.loader, apiRequest("GET", `/api/v1/contracts${qs}`, { token: who.token }))).body;
  expect((await list(outsider)).total).toBe(0);
  expect((await list(buyer)).total).toBe(3);
  expect((await list(broker)).items.map((x: { id: string }) => x.id).sort()).toEqual([c.id, viaBroker.body.id].sort());
  expect((await list(bureau, `?sellerOrgId=${seller.org!.id}`)).total).toBe(3);
  expect(
    (await list(bureau, `?sellerOrgId=${seller.org!.id}&status=registered`)).items.map((x: { id: string }) => x.id),
  ).toEqual([c.id]);
  expect((await list(outsider, `?sellerOrgId=${seller.org!.id}`)).total).toBe(0);
  expect(
    (await call(contractsRoute.loader, apiRequest("GET", "/api/v1/contracts?status=bogus", { token: bureau.token })))
      .status,
  ).toBe(400);
});
