// Audit trail and anomaly flags: GET /api/v1/audit/verify detects a tampered contract
// event; histories per entity; related parties, split deals, year-end spikes and amount outliers
// flagged with their explanation; the bureau resolves flags.
import { expect, test } from "vitest";
import { reviewContract } from "../../app/contracts/contracts.server.ts";
import { scanAnomalies } from "../../app/contracts/anomalies.server.ts";
import { tradeNameStem } from "../../app/contracts/related-parties.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import * as auditRoute from "../../app/routes/api.v1.audit.ts";
import * as verifyRoute from "../../app/routes/api.v1.audit.verify.ts";
import * as anomaliesRoute from "../../app/routes/api.v1.anomalies.ts";
import * as resolveRoute from "../../app/routes/api.v1.anomalies.$id.resolve.ts";
import * as contractRoute from "../../app/routes/api.v1.contracts.$id.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, registeredContract, review, submit, type Caller } from "./contracts-helpers.ts";

const verify = (who: Caller) =>
  call(verifyRoute.loader, apiRequest("GET", "/api/v1/audit/verify", { token: who.token }));

test("GET /api/v1/audit/verify re-walks the chain and names the first tampered event", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const c = await registeredContract(bureau, seller, buyer);
  const ok = await verify(bureau);
  expect(ok.status).toBe(200);
  expect(ok.body.ok).toBe(true);
  expect(ok.body.events).toBeGreaterThanOrEqual(3);
  expect((await verify(await makeCaller("admin"))).body.ok).toBe(true);
  for (const role of ["researcher", "company", "broker"] as const)
    expect((await verify(await makeCaller(role))).status).toBe(403);

  // history of one contract
  const history = await call(
    auditRoute.loader,
    apiRequest("GET", `/api/v1/audit?entityType=contract&entityId=${c.id}`, { token: bureau.token }),
  );
  expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "register"]);
  expect(history.body.items[2].after.registrationNumber).toBe(c.registrationNumber);
  expect(
    (
      await call(
        auditRoute.loader,
        apiRequest("GET", "/api/v1/audit?entityType=planet&entityId=x", { token: bureau.token }),
      )
    ).status,
  ).toBe(400);

  // someone with table-owner rights rewrites the registered amount in history
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "register" } });
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`);
  await prisma.$executeRaw`UPDATE "AuditEvent" SET after = jsonb_set(after, '{registrationNumber}', '"00000000000000"') WHERE seq = ${event.seq}`;
  await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only`);
  const broken = await verify(bureau);
  expect(broken.body).toMatchObject({ ok: false, firstBrokenEventId: String(event.seq) });
  // and the trail cannot be edited through the normal path
  await expect(prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = ${event.seq}`).rejects.toThrow(/append-only/);
});

test("trade-name stems ignore place names and legal forms", () => {
  expect(tradeNameStem("赣州金力永磁科技股份有限公司")).toBe("金力永");
  expect(tradeNameStem("江西省赣州市金力永磁新材料有限公司")).toBe("金力永");
  expect(tradeNameStem("章贡区华坚电子有限公司（分公司）")).toBe("华坚电");
});

test("related parties: same organization code, shared people, same region and trade name — explained", async () => {
  const bureau = await makeCaller("bureau");
  const flagOf = async (id: string) =>
    prisma.anomalyFlag.findUnique({ where: { contractId_kind: { contractId: id, kind: "related_parties" } } });

  // the same GB 11714 organization code inside two credit codes
  const parent = await prisma.organization.create({
    data: {
      name: "某研究院",
      kind: "institute",
      regionCode: "360702",
      creditCode: makeCreditCode("12", "360702", "MB123456"),
      verifiedAt: new Date(),
    },
  });
  const twin = await prisma.organization.create({
    data: {
      name: "某研究院科技公司",
      kind: "enterprise",
      regionCode: "360703",
      creditCode: makeCreditCode("91", "360703", "MB123456"),
      verifiedAt: new Date(),
    },
  });
  const { body: a } = await postContract(bureau, contractBody(parent, twin));
  await submit(bureau, a.id);
  const flagA = await flagOf(a.id);
  expect(flagA?.detail).toMatchObject({
    reasons: [
      expect.objectContaining({ code: "same_organization_code", organizationCode: expect.stringMatching(/^MB123456/) }),
    ],
  });

  // shared people: the same contact e-mail on both sides' listings, and the same company mail domain
  const s = await makeOrg({ name: "赣南师范大学" });
  const b = await makeOrg({ kind: "enterprise", name: "章贡区脐橙合作社" });
  await prisma.result.create({
    data: {
      organizationId: s.id,
      title: "r",
      summary: "s",
      keywords: [],
      field: "other",
      maturity: "lab",
      patentNumbers: [],
      transferModes: [],
      contactEmail: "Zhang@Example.cn",
    },
  });
  await prisma.need.create({
    data: {
      organizationId: b.id,
      title: "n",
      description: "d",
      keywords: [],
      field: "other",
      contactEmail: "zhang@example.cn",
    },
  });
  await prisma.user.create({
    data: { email: "li@rare-group.cn", name: "li", role: "researcher", organizationId: s.id },
  });
  await prisma.user.create({
    data: { email: "wang@rare-group.cn", name: "wang", role: "company", organizationId: b.id },
  });
  const { body: c } = await postContract(bureau, contractBody(s, b));
  await submit(bureau, c.id);
  const codes = ((await flagOf(c.id))?.detail as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code);
  expect(codes).toEqual(["shared_people", "shared_mail_domain"]);

  // same kind and region (credit-code characters 2–8) and the same trade name
  const g1 = await prisma.organization.create({
    data: {
      name: "赣州金力永磁科技股份有限公司",
      kind: "enterprise",
      regionCode: "360704",
      creditCode: makeCreditCode("91", "360704", "AA111111"),
      verifiedAt: new Date(),
    },
  });
  const g2 = await prisma.organization.create({
    data: {
      name: "赣州金力永磁新材料有限公司",
      kind: "enterprise",
      regionCode: "360704",
      creditCode: makeCreditCode("91", "360704", "BB222222"),
      verifiedAt: new Date(),
    },
  });
  const { body: d } = await postContract(bureau, contractBody(g1, g2));
  await submit(bureau, d.id);
  const detail = (await flagOf(d.id))?.detail as { reasons: Array<{ code: string; explanation: { zh: string } }> };
  expect(detail.reasons.map((r) => r.code)).toEqual(["same_region_and_trade_name"]);
  expect(detail.reasons[0]!.explanation.zh).toContain("金力永");

  // unrelated parties: no flag
  const { body: e } = await postContract(
    bureau,
    contractBody(
      await makeOrg({ name: "江西理工大学" }),
      await makeOrg({ kind: "enterprise", name: "赣州虔东稀土集团" }),
    ),
  );
  await submit(bureau, e.id);
  expect(await flagOf(e.id)).toBeNull();

  // the bureau sees flags on the contract; the parties do not
  const asBureau = await call(
    contractRoute.loader,
    apiRequest("GET", `/api/v1/contracts/${a.id}`, { token: bureau.token }),
    { id: a.id },
  );
  expect(asBureau.body.flags).toEqual([expect.objectContaining({ kind: "related_parties", resolvedAt: null })]);
});

test("a mail domain used by many organizations (a portal, the demo domain) does not relate two of them", async () => {
  const bureau = await makeCaller("bureau");
  const orgs = [
    await makeOrg({ name: "甲大学" }),
    await makeOrg({ kind: "enterprise", name: "乙公司" }),
    await makeOrg({ kind: "enterprise", name: "丙公司" }),
  ];
  for (const [i, org] of orgs.entries()) {
    await prisma.user.create({
      data: { email: `u${i}@shared-portal.cn`, name: `u${i}`, role: "company", organizationId: org.id },
    });
  }
  const { body } = await postContract(bureau, contractBody(orgs[0]!, orgs[1]!));
  await submit(bureau, body.id);
  const flag = await prisma.anomalyFlag.findUnique({
    where: { contractId_kind: { contractId: body.id, kind: "related_parties" } },
  });
  expect(flag).toBeNull();
});

test("split deal: several contracts within 90 days each just under 500万元 summing over it", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const ids: string[] = [];
  for (const [day, amount] of [
    ["2026-03-01", 480],
    ["2026-04-10", 450],
    ["2026-05-20", 490],
  ] as const) {
    const { body } = await postContract(
      bureau,
      contractBody(seller, buyer, { signedAt: day, contractAmountFen: amount * 1_000_000, nonTechnicalCostsFen: 0 }),
    );
    await submit(bureau, body.id);
    ids.push(body.id);
  }
  // a small one between the same parties is not part of it
  const { body: small } = await postContract(
    bureau,
    contractBody(seller, buyer, { signedAt: "2026-03-15", contractAmountFen: 50_000_000, nonTechnicalCostsFen: 0 }),
  );
  await submit(bureau, small.id);
  const flags = await prisma.anomalyFlag.findMany({
    where: { kind: "split_deal", contractId: { in: [...ids, small.id] } },
  });
  expect(flags.map((f) => f.contractId).sort()).toEqual([...ids].sort());
  expect(flags[0]!.detail).toMatchObject({ sumTechTransactionAmountFen: 1_420_000_000, thresholdFen: 500_000_000 });
});

test("year-end spike and amount outlier, at registration and by a year scan; the bureau resolves flags", async () => {
  const bureau = await makeCaller("bureau");
  const seller = await makeOrg();
  const buyer = await makeOrg({ kind: "enterprise" });
  const registerAt = async (at: string, overrides: Record<string, unknown> = {}) => {
    const { body } = await postContract(
      bureau,
      contractBody(seller, buyer, { contractAmountFen: 10_000_000, nonTechnicalCostsFen: 0, ...overrides }),
    );
    await submit(bureau, body.id);
    await reviewContract(body.id, { decision: "register" }, bureau.user as never, { now: new Date(at) });
    return body.id as string;
  };
  await registerAt("2025-04-01T02:00:00Z");
  const spike = [];
  for (const day of [20, 22, 24, 28, 30]) spike.push(await registerAt(`2025-12-${day}T02:00:00Z`));
  const spikeFlags = await prisma.anomalyFlag.findMany({ where: { kind: "year_end_spike" } });
  expect(spikeFlags.map((f) => f.contractId).sort()).toEqual([...spike].sort());
  expect(spikeFlags[0]!.detail).toMatchObject({ year: 2025, windowCount: 5, restOfYearCount: 1 });

  // 20 comparable consulting/software contracts of 8–12万元, then one of 500万元
  const other = await makeOrg();
  for (let i = 0; i < 20; i++) {
    const { body } = await postContract(
      bureau,
      contractBody(other, buyer, {
        type: "consulting",
        subtype: "consulting",
        field: "software",
        contractAmountFen: 8_000_000 + i * 200_000,
        nonTechnicalCostsFen: 0,
      }),
    );
    await submit(bureau, body.id);
    await reviewContract(body.id, { decision: "register" }, bureau.user as never, {
      now: new Date("2025-06-01T02:00:00Z"),
    });
  }
  const normal = await registerAt("2025-06-02T02:00:00Z", {
    type: "consulting",
    subtype: "consulting",
    field: "software",
    contractAmountFen: 11_000_000,
  });
  const huge = await registerAt("2025-06-02T03:00:00Z", {
    type: "consulting",
    subtype: "consulting",
    field: "software",
    contractAmountFen: 500_000_000,
  });
  const outliers = await prisma.anomalyFlag.findMany({ where: { kind: "amount_outlier" } });
  expect(outliers.map((f) => f.contractId)).toEqual([huge]);
  expect(outliers[0]!.detail).toMatchObject({ comparables: 21 });
  expect(normal).toBeTruthy();

  // the open list, resolution (audited), and a re-scan that leaves resolved flags alone
  const list = await call(
    anomaliesRoute.loader,
    apiRequest("GET", "/api/v1/anomalies?kind=amount_outlier", { token: bureau.token }),
  );
  expect(list.body.items).toEqual([
    expect.objectContaining({
      contractId: huge,
      kind: "amount_outlier",
      contract: expect.objectContaining({ contractAmountFen: 500_000_000 }),
    }),
  ]);
  const company = await makeCaller("company");
  expect(
    (await call(anomaliesRoute.loader, apiRequest("GET", "/api/v1/anomalies", { token: company.token }))).status,
  ).toBe(403);
  const flagId = list.body.items[0].id;
  const resolve = (who: Caller, body: unknown) =>
    call(resolveRoute.action, apiRequest("POST", `/api/v1/anomalies/${flagId}/resolve`, { token: who.token, body }), {
      id: flagId,
    });
  expect((await resolve(company, { resolution: "x" })).status).toBe(403);
  expect((await resolve(bureau, { resolution: "" })).status).toBe(400);
  const resolved = await resolve(bureau, { resolution: "已核实发票与付款凭证，金额真实" });
  expect(resolved.status).toBe(200);
  expect(resolved.body.resolvedAt).not.toBeNull();
  expect((await resolve(bureau, { resolution: "again" })).status).toBe(409);
  expect(await prisma.auditEvent.count({ where: { entityId: huge, action: "anomaly.resolve" } })).toBe(1);
  const open = await call(
    anomaliesRoute.loader,
    apiRequest("GET", "/api/v1/anomalies?kind=amount_outlier", { token: bureau.token }),
  );
  expect(open.body.total).toBe(0);

  const scan = await scanAnomalies(2025);
  expect(scan.flagged.year_end_spike).toBe(5);
  expect(scan.flagged.amount_outlier).toBe(1);
  expect((await prisma.anomalyFlag.findFirstOrThrow({ where: { contractId: huge } })).resolvedAt).not.toBeNull();
  expect(await review(bureau, huge, "register")).toMatchObject({ status: 409 });
});
