// A commission is owed to a broker organization (丙): a contract agreeing one without a broker
// organization is refused with a 400 naming the fields, in both languages, on entry and on edit;
// and a broker who belongs to no broker organization cannot be named as 丙 (docs/decisions/0031).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, type Caller } from "./contracts-helpers.ts";

const patch = (c: Caller | null, id: string, body: unknown) =>
  call(contractRoute.action, apiRequest("PATCH", `/api/v1/contracts/${id}`, { token: c?.token, body }), { id });

test("a commission without a broker organization is refused on entry, naming commission and brokerOrgId in zh and en", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const before = await prisma.contract.count({ where: { sellerOrgId: researcher.org!.id } });
  for (const commission of [{ rateBp: 300 }, { amountFen: 1_000_000 }, { amountFen: 0 }]) {
    const r = await postContract(researcher, contractBody(researcher.org!, company.org!, { commission }));
    expect(r.status, JSON.stringify(commission)).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["brokerOrgId", "commission"]);
    expect(r.body.error.fields.commission).toMatch(/经纪机构.*\/ .*broker organization/);
  }
  expect(await prisma.contract.count({ where: { sellerOrgId: researcher.org!.id } })).toBe(before);
  // no commission: a two-party contract is fine; with a broker organization the commission is too
  expect((await postContract(researcher, contractBody(researcher.org!, company.org!))).status).toBe(201);
  const agency = await makeOrg({ kind: "agency" });
  const three = await postContract(
    researcher,
    contractBody(researcher.org!, company.org!, { brokerOrgId: agency.id, commission: { rateBp: 300 } }),
  );
  expect(three.status).toBe(201);
  expect(three.body).toMatchObject({ brokerOrgId: agency.id, commission: { rateBp: 300 } });
});

test("an edit that leaves a commission without its broker organization is refused; the contract is unchanged", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const agency = await makeOrg({ kind: "agency" });
  const made = await postContract(
    researcher,
    contractBody(researcher.org!, company.org!, { brokerOrgId: agency.id, commission: { amountFen: 500_000 } }),
  );
  expect(made.status).toBe(201);
  const id = made.body.id as string;
  const dropped = await patch(researcher, id, { brokerOrgId: null });
  expect(dropped.status).toBe(400);
  expect(dropped.body.error.fields).toHaveProperty("brokerOrgId");
  expect(dropped.body.error.fields).toHaveProperty("commission");
  expect(await prisma.contract.findUniqueOrThrow({ where: { id } })).toMatchObject({
    brokerOrgId: agency.id,
    commissionAmountFen: 500_000n,
  });
  // dropping both together is fine
  const both = await patch(researcher, id, { brokerOrgId: null, commission: null });
  expect(both.status).toBe(200);
  expect(both.body).toMatchObject({ brokerOrgId: null, commission: null });
  // adding a commission to a two-party contract is refused
  const added = await patch(researcher, id, { commission: { rateBp: 100 } });
  expect(added.status).toBe(400);
  expect(added.body.error.fields).toHaveProperty("commission");
  // refusals before the rule: another organization 404/403, another role 403, anonymous 401
  expect([403, 404]).toContain((await patch(await makeCaller("company"), id, { commission: null })).status);
  expect([403, 404]).toContain((await patch(await makeCaller("broker"), id, { commission: null })).status);
  expect((await patch(null, id, { commission: null })).status).toBe(401);
});

test("a broker who belongs to no broker organization cannot be named as 丙", async () => {
  const researcher = await makeCaller("researcher");
  const company = await makeCaller("company");
  const loose = await makeCaller("broker", { org: null });
  const r = await postContract(
    researcher,
    contractBody(researcher.org!, company.org!, { brokerUserId: loose.user.id }),
  );
  expect(r.status).toBe(400);
  expect(r.body.error.fields.brokerUserId).toMatch(/经纪机构.*\/ .*broker organization/);
  // the broker of an agency is, and the agency becomes 丙
  const agency = await makeOrg({ kind: "agency" });
  const member = await makeCaller("broker", { org: agency });
  const ok = await postContract(
    researcher,
    contractBody(researcher.org!, company.org!, { brokerUserId: member.user.id, commission: { rateBp: 200 } }),
  );
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({ brokerUserId: member.user.id, brokerOrgId: agency.id });
});
