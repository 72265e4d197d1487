// Historical import of registered contracts: all-or-nothing, every bad line reported,
// duplicate registration numbers refused within the file and against the database, imported
// figures feeding last year's total, imported serials never handed out again.
import { expect, test } from "vitest";
import { ContractImportError, importContracts } from "../../app/contracts/import.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as importRoute from "../../app/routes/api.v1.contracts.import.ts";
import { verifyAuditChain } from "../../app/audit/audit.server.ts";
import { verifyContractStats } from "../../app/stats/stats.server.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, review, submit } from "./contracts-helpers.ts";
import { shanghaiYearMonth } from "../../app/domain/time.ts";

function line(seller: { id: string }, buyer: { id: string }, n: number, overrides: Record<string, unknown> = {}) {
  return {
    registrationNumber: `24360701${String(n).padStart(6, "0")}`,
    registeredAt: "2024-06-30T10:00:00+08:00",
    type: "service",
    title: `历史合同 ${n}`,
    sellerOrgId: seller.id,
    buyerOrgId: buyer.id,
    contractAmountFen: 10_000_000 + n,
    nonTechnicalCostsFen: 1_000_000,
    signedAt: "2024-06-01",
    ...overrides,
  };
}

const post = (token: string, body: unknown) =>
  call(importRoute.action, apiRequest("POST", "/api/v1/contracts/import", { token, body }));

test("a valid file imports every line as registered, in the Shanghai year of its registration time", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg({ regionCode: "360702", kind: "university" });
  const buyer = await makeOrg({ regionCode: "441900", kind: "enterprise" });
  const contracts = [
    line(seller, buyer, 1),
    line(seller, buyer, 2, {
      registeredAt: "2024-12-31T23:30:00+08:00",
      field: "tungsten",
      type: "transfer",
      subtype: "patent",
    }),
    line(seller, buyer, 3, { registrationNumber: "25360701000003", registeredAt: "2024-12-31T16:30:00Z" }), // 00:30 on 1 Jan 2025 in Shanghai
  ];
  const res = await post(bureau.token, { contracts });
  expect(res.status).toBe(201);
  expect(res.body.imported).toBe(3);
  const rows = await prisma.contract.findMany({
    where: { id: { in: res.body.ids } },
    orderBy: { registrationNumber: "asc" },
  });
  expect(rows.map((r) => [r.registrationNumber, r.status, r.imported, r.registeredYear, r.registeredMonth])).toEqual([
    ["24360701000001", "registered", true, 2024, 6],
    ["24360701000002", "registered", true, 2024, 12],
    ["25360701000003", "registered", true, 2025, 1],
  ]);
  expect(rows[0]).toMatchObject({
    sellerRegion: "360702",
    buyerRegion: "441900",
    bayArea: true,
    techTransactionAmountFen: 9_000_001n,
  });
  expect(await prisma.contractVersion.count({ where: { contractId: { in: res.body.ids } } })).toBe(3);
  expect(await prisma.auditEvent.count({ where: { entityId: { in: res.body.ids }, action: "import" } })).toBe(3);
  expect((await verifyAuditChain()).ok).toBe(true);
  expect((await verifyContractStats()).ok).toBe(true);
});

test("bad lines: all reported with line numbers and fields, nothing written (400)", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const before = await prisma.contract.count();
  const auditBefore = await prisma.auditEvent.count();
  const contracts = [
    line(seller, buyer, 101),
    line(seller, buyer, 102, { contractAmountFen: "100万" }),
    line(seller, buyer, 103, { nonTechnicalCostsFen: 20_000_000 }),
    line(seller, buyer, 104, { signedAt: "2024-02-30" }),
    line(seller, buyer, 105, { buyerOrgId: seller.id }),
    line(seller, buyer, 106, { registrationNumber: "2436070100010" }),
    line(seller, buyer, 107, { registrationNumber: "24440301000107" }), // not Jiangxi/Ganzhou
    line(seller, buyer, 108, { registrationNumber: "23360701000108" }), // year digits ≠ registration year
    line(seller, buyer, 109, { sellerOrgId: "nope" }),
    line(seller, buyer, 110, { type: "gift" }),
    line(seller, buyer, 111, { registeredAt: "yesterday" }),
    line(seller, buyer, 112),
  ];
  const res = await post(bureau.token, { contracts });
  expect(res.status).toBe(400);
  const fields = res.body.error.fields as Record<string, string>;
  expect(Object.keys(fields).sort()).toEqual(
    [
      "contracts.1.contractAmountFen",
      "contracts.2.nonTechnicalCostsFen",
      "contracts.3.signedAt",
      "contracts.4.buyerOrgId",
      "contracts.5.registrationNumber",
      "contracts.6.registrationNumber",
      "contracts.7.registrationNumber",
      "contracts.8.sellerOrgId",
      "contracts.9.type",
      "contracts.10.registeredAt",
    ].sort(),
  );
  expect(fields["contracts.1.contractAmountFen"]).toMatch(/^第 2 行 \/ line 2: /);
  expect(res.body.error.message).toContain("第 2 行");
  expect(await prisma.contract.count()).toBe(before);
  expect(await prisma.auditEvent.count()).toBe(auditBefore);
});

test("duplicate registration numbers, within the file or against the database, refuse the whole import (409)", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  expect((await post(bureau.token, { contracts: [line(seller, buyer, 201)] })).status).toBe(201);
  const before = await prisma.contract.count();

  const inFile = await post(bureau.token, {
    contracts: [line(seller, buyer, 202), line(seller, buyer, 203), line(seller, buyer, 202)],
  });
  expect(inFile.status).toBe(409);
  expect(inFile.body.error.code).toBe("duplicate_registration_number");
  expect(inFile.body.error.fields["contracts.2.registrationNumber"]).toContain("第 1 行");

  const inDb = await post(bureau.token, { contracts: [line(seller, buyer, 204), line(seller, buyer, 201)] });
  expect(inDb.status).toBe(409);
  expect(Object.keys(inDb.body.error.fields)).toEqual(["contracts.1.registrationNumber"]);
  expect(await prisma.contract.count()).toBe(before);

  // the function the CLI calls reports the same, with file line numbers
  try {
    await importContracts(
      ['{"registrationNumber": "x"}', "not json", JSON.stringify(line(seller, buyer, 201))],
      { id: bureau.user.id },
      { lineNumbers: [3, 5, 9] },
    );
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractImportError);
    const problems = (error as ContractImportError).problems;
    expect(new Set(problems.map((p) => p.line))).toEqual(new Set([3, 5, 9]));
    expect((error as ContractImportError).duplicatesOnly).toBe(false);
  }
});

test("imported serials are never handed out again; only the bureau and admins import", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const year = shanghaiYearMonth(new Date()).year;
  const yy = String(year % 100).padStart(2, "0");
  const imported = line(seller, buyer, 1, {
    registrationNumber: `${yy}360701000500`,
    registeredAt: new Date().toISOString(),
  });
  expect((await post(bureau.token, { contracts: [imported] })).status).toBe(201);
  const { body } = await postContract(bureau, contractBody(seller, buyer));
  await submit(bureau, body.id);
  const registered = await review(bureau, body.id, "register");
  expect(registered.body.registrationNumber).toBe(`${yy}360701000501`);

  for (const role of ["researcher", "company", "broker"] as const) {
    const caller = await makeCaller(role);
    expect((await post(caller.token, { contracts: [line(seller, buyer, 900)] })).status).toBe(403);
  }
  const admin = await makeCaller("admin");
  expect((await post(admin.token, { contracts: [line(seller, buyer, 901)] })).status).toBe(201);
  expect((await post(admin.token, { contracts: [] })).status).toBe(400);
  expect((await post(admin.token, { rows: [] })).status).toBe(400);
});
