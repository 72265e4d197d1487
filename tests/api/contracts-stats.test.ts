// The dashboard statistics on hand-made data: totals and every groupBy, the
// Asia/Shanghai year, amendments and cancellations in the totals, targets with last year's figure,
// growth and progress, the Bay Area share, drill-down to the same figures, the public aggregate,
// CSV/XLSX exports, and the rollup proven against the contracts.
import ExcelJS from "exceljs";
import { beforeAll, expect, test } from "vitest";
import { reviewContract } from "../../app/contracts/contracts.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import * as contractsRoute from "../../app/routes/api.v1.contracts.ts";
import * as contractsCsvRoute from "../../app/routes/api.v1.contracts[.]csv.ts";
import * as amendRoute from "../../app/routes/api.v1.contracts.$id.amend.ts";
import * as cancelRoute from "../../app/routes/api.v1.contracts.$id.cancel.ts";
import * as statsRoute from "../../app/routes/api.v1.stats.contracts.ts";
import * as statsCsvRoute from "../../app/routes/api.v1.stats.contracts[.]csv.ts";
import * as statsXlsxRoute from "../../app/routes/api.v1.stats.contracts[.]xlsx.ts";
import * as publicRoute from "../../app/routes/api.v1.stats.public.ts";
import * as targetRoute from "../../app/routes/api.v1.stats.targets.$year.ts";
import * as statsVerifyRoute from "../../app/routes/api.v1.stats.verify.ts";
import { verifyContractStats } from "../../app/stats/stats.server.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, submit, type Caller } from "./contracts-helpers.ts";

let bureau: Caller;
const ids: Record<string, string> = {};
const orgs: Record<string, { id: string }> = {};

const wan = (n: number) => n * 1_000_000; // 万元 → fen

async function registerAt(
  name: string,
  seller: { id: string },
  buyer: { id: string },
  at: string,
  overrides: Record<string, unknown>,
) {
  const { body } = await postContract(bureau, contractBody(seller, buyer, { signedAt: "2024-01-01", ...overrides }));
  if (!body.id) throw new Error(JSON.stringify(body));
  await submit(bureau, body.id);
  await reviewContract(body.id, { decision: "register" }, bureau.user as never, { now: new Date(at) });
  ids[name] = body.id;
  return body.id as string;
}

beforeAll(async () => {
  bureau = await makeCaller("bureau");
  orgs.A = await makeOrg({ name: "江西理工大学", kind: "university", regionCode: "360702" });
  orgs.B = await makeOrg({ name: "南康家具企业", kind: "enterprise", regionCode: "360703" });
  orgs.D = await makeOrg({ name: "深圳先进院", kind: "institute", regionCode: "440300" });
  orgs.E = await makeOrg({ name: "高新区稀土企业", kind: "enterprise", regionCode: "360704", zone: "gz_htdz" });
  orgs.F = await makeOrg({ name: "高新区服务机构", kind: "agency", regionCode: "360704", zone: "gz_htdz" });

  // 2024: last year's figure = 150万元
  await registerAt("L1", orgs.A, orgs.B, "2024-05-10T02:00:00Z", {
    contractAmountFen: wan(100),
    nonTechnicalCostsFen: 0,
    field: "rare_earth",
  });
  await registerAt("L2", orgs.A, orgs.E, "2024-12-31T15:59:00Z", {
    contractAmountFen: wan(50),
    nonTechnicalCostsFen: wan(10),
    field: "rare_earth",
  });
  // 2025
  await registerAt("C1", orgs.A, orgs.B, "2025-03-05T01:00:00Z", {
    type: "development",
    subtype: "commissioned",
    contractAmountFen: wan(100),
    nonTechnicalCostsFen: wan(20),
    field: "rare_earth",
  });
  await registerAt("C2", orgs.D, orgs.E, "2025-03-20T08:00:00Z", {
    type: "transfer",
    subtype: "patent",
    contractAmountFen: wan(300),
    nonTechnicalCostsFen: 0,
    field: "new_energy",
  });
  await registerAt("C3", orgs.F, orgs.B, "2025-12-31T15:00:00Z", {
    type: "service",
    subtype: "training",
    contractAmountFen: wan(20),
    nonTechnicalCostsFen: wan(5),
    field: null,
  });
  // registered, then cancelled: out of the totals
  await registerAt("C4", orgs.A, orgs.B, "2025-06-01T00:00:00Z", {
    type: "development",
    subtype: "commissioned",
    contractAmountFen: wan(999),
    nonTechnicalCostsFen: 0,
    field: "rare_earth",
  });
  // registered at 01:30 on 1 January 2026 in Shanghai: a 2026 contract
  await registerAt("C5", orgs.A, orgs.B, "2025-12-31T17:30:00Z", {
    type: "development",
    subtype: "commissioned",
    contractAmountFen: wan(77),
    nonTechnicalCostsFen: 0,
    field: "rare_earth",
  });
  // registered at 50万, amended to 80万 (costs 10万): totals use the current version
  await registerAt("C7", orgs.E, orgs.A, "2025-07-15T04:00:00Z", {
    type: "license",
    subtype: "patent",
    contractAmountFen: wan(50),
    nonTechnicalCostsFen: wan(10),
    field: "rare_earth",
  });
  // submitted, never registered: not counted
  const { body } = await postContract(
    bureau,
    contractBody(orgs.A, orgs.B, { contractAmountFen: wan(1000), nonTechnicalCostsFen: 0 }),
  );
  await submit(bureau, body.id);

  const cancel = await call(
    cancelRoute.action,
    apiRequest("POST", `/api/v1/contracts/${ids.C4}/cancel`, { token: bureau.token, body: { reason: "注销" } }),
    { id: ids.C4! },
  );
  expect(cancel.status).toBe(200);
  const amend = await call(
    amendRoute.action,
    apiRequest("POST", `/api/v1/contracts/${ids.C7}/amend`, {
      token: bureau.token,
      body: { contractAmountFen: wan(80), reason: "补充协议" },
    }),
    { id: ids.C7! },
  );
  expect(amend.status).toBe(200);
});

async function stats(qs: string, who: Caller = bureau) {
  return call(statsRoute.loader, apiRequest("GET", `/api/v1/stats/contracts?${qs}`, { token: who.token }));
}

test("totals over registered, not cancelled contracts of the Shanghai year, with amendments", async () => {
  const { status, body } = await stats("year=2025&groupBy=type");
  expect(status).toBe(200);
  // C1 100/80 + C2 300/300 + C3 20/15 + C7 80/70 (amended); C4 cancelled, C5 in 2026, the submitted one not counted
  expect(body.totals).toEqual({ count: 4, contractAmountFen: wan(500), techTransactionAmountFen: wan(465) });
  expect(body.groups).toEqual([
    { key: "transfer", count: 1, contractAmountFen: wan(300), techTransactionAmountFen: wan(300) },
    { key: "development", count: 1, contractAmountFen: wan(100), techTransactionAmountFen: wan(80) },
    { key: "license", count: 1, contractAmountFen: wan(80), techTransactionAmountFen: wan(70) },
    { key: "service", count: 1, contractAmountFen: wan(20), techTransactionAmountFen: wan(15) },
  ]);
  const y2026 = await stats("year=2026&groupBy=month");
  expect(y2026.body.totals).toEqual({ count: 1, contractAmountFen: wan(77), techTransactionAmountFen: wan(77) });
  expect(y2026.body.groups[0]).toEqual({
    key: "01",
    count: 1,
    contractAmountFen: wan(77),
    techTransactionAmountFen: wan(77),
  });
  // 2024: L2 registered at 23:59 on 31 December in Shanghai stays in 2024
  expect((await stats("year=2024")).body.totals).toEqual({
    count: 2,
    contractAmountFen: wan(150),
    techTransactionAmountFen: wan(140),
  });
});

test("every groupBy on the hand-made data", async () => {
  const groups = async (groupBy: string) =>
    (await stats(`year=2025&groupBy=${groupBy}`)).body.groups.map(
      (g: { key: string; count: number; contractAmountFen: number }) => [
        g.key,
        g.count,
        g.contractAmountFen / 1_000_000,
      ],
    );
  expect(await groups("sellerRegion")).toEqual(
    [
      ["440300", 1, 300],
      ["360702", 1, 100],
      ["360704", 2, 100],
    ].sort((a, b) => (b[2] as number) - (a[2] as number) || (b[1] as number) - (a[1] as number)),
  );
  expect(await groups("buyerRegion")).toEqual([
    ["360704", 1, 300],
    ["360703", 2, 120],
    ["360702", 1, 80],
  ]);
  expect(await groups("zone")).toEqual([
    ["none", 2, 400],
    ["gz_htdz", 2, 100],
  ]);
  expect(await groups("field")).toEqual([
    ["new_energy", 1, 300],
    ["rare_earth", 2, 180],
    ["none", 1, 20],
  ]);
  expect(await groups("sellerKind")).toEqual([
    ["institute", 1, 300],
    ["university", 1, 100],
    ["enterprise", 1, 80],
    ["agency", 1, 20],
  ]);
  expect(await groups("bayArea")).toEqual([
    ["yes", 1, 300],
    ["no", 3, 200],
  ]);
  const months = await groups("month");
  expect(months.map((m: unknown[]) => m[0])).toEqual([
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
    "07",
    "08",
    "09",
    "10",
    "11",
    "12",
  ]);
  expect(months.filter((m: unknown[]) => (m[1] as number) > 0)).toEqual([
    ["03", 2, 400],
    ["07", 1, 80],
    ["12", 1, 20],
  ]);
  // each breakdown sums to the totals
  for (const g of [
    "type",
    "sellerRegion",
    "buyerRegion",
    "zone",
    "field",
    "month",
    "sellerKind",
    "buyerKind",
    "bayArea",
  ]) {
    const { body } = await stats(`year=2025&groupBy=${g}`);
    const sum = body.groups.reduce((s: number, x: { contractAmountFen: number }) => s + x.contractAmountFen, 0);
    expect(sum, g).toBe(body.totals.contractAmountFen);
  }
  expect((await stats("year=2025&groupBy=colour")).status).toBe(400);
  expect((await stats("year=twenty")).status).toBe(400);
  expect((await stats("groupBy=type")).status).toBe(400);
});

test("the Bay Area share", async () => {
  const { body } = await stats("year=2025");
  expect(body.bayArea).toMatchObject({
    count: 1,
    contractAmountFen: wan(300),
    shareOfContractAmount: 0.6,
    shareOfCount: 0.25,
  });
});

test("targets: the city's and a county's, last year's figure, growth and progress; bureau only", async () => {
  const company = await makeCaller("company");
  const put = (who: Caller, year: string, body: unknown) =>
    call(targetRoute.action, apiRequest("PUT", `/api/v1/stats/targets/${year}`, { token: who.token, body }), { year });
  expect((await put(company, "2025", { amountFen: wan(600) })).status).toBe(403);
  expect((await put(bureau, "2025", { amountFen: "600万" })).body.error.fields).toHaveProperty("amountFen");
  expect((await put(bureau, "2025", { amountFen: wan(600), regionCode: "440300" })).body.error.fields).toHaveProperty(
    "regionCode",
  );
  expect((await put(bureau, "20x5", { amountFen: wan(600) })).status).toBe(400);
  expect((await put(bureau, "2025", { amountFen: wan(400) })).status).toBe(200);
  const changed = await put(bureau, "2025", { amountFen: wan(1000) });
  expect(changed.body).toMatchObject({ year: 2025, regionCode: "", amountFen: wan(1000) });
  expect((await put(bureau, "2025", { amountFen: wan(200), regionCode: "360704" })).status).toBe(200);

  const { body } = await stats("year=2025&groupBy=sellerRegion");
  // 500万 this year against 150万 last year: +233.33%; 50% of the 1000万 target
  expect(body.target).toEqual({
    regionCode: "",
    amountFen: wan(1000),
    lastYearAmountFen: wan(150),
    growthRate: 2.3333,
    progress: 0.5,
  });
  expect(body.groups.find((g: { key: string }) => g.key === "360704")).toMatchObject({
    targetAmountFen: wan(200),
    progress: 0.5,
  });
  // a county's own target when the figures are filtered to it
  const county = await stats("year=2025&groupBy=type&sellerRegion=360704");
  expect(county.body.totals.contractAmountFen).toBe(wan(100));
  expect(county.body.target).toMatchObject({ regionCode: "360704", amountFen: wan(200), progress: 0.5 });
  // no target, no last year
  expect((await stats("year=2030")).body.target).toEqual({
    regionCode: "",
    amountFen: null,
    lastYearAmountFen: 0,
    growthRate: null,
    progress: null,
  });

  const list = await call(
    targetRoute.loader,
    apiRequest("GET", "/api/v1/stats/targets/2025", { token: bureau.token }),
    { year: "2025" },
  );
  expect(list.body.items.map((t: { regionCode: string }) => t.regionCode)).toEqual(["", "360704"]);
  const trail = await prisma.auditEvent.findMany({
    where: { entityType: "target", entityId: "2025:city" },
    orderBy: { seq: "asc" },
  });
  expect(trail.map((e) => [e.action, (e.after as { amountFen: number }).amountFen])).toEqual([
    ["create", wan(400)],
    ["update", wan(1000)],
  ]);
});

test("stats are for the bureau and admins only", async () => {
  for (const role of ["researcher", "company", "broker"] as const)
    expect((await stats("year=2025", await makeCaller(role))).status).toBe(403);
  expect((await stats("year=2025", await makeCaller("admin"))).status).toBe(200);
  expect((await call(statsRoute.loader, apiRequest("GET", "/api/v1/stats/contracts?year=2025"))).status).toBe(401);
});

test("every figure drills down to the contracts list with the same keys and the same sums", async () => {
  for (const groupBy of [
    "type",
    "sellerRegion",
    "buyerRegion",
    "zone",
    "field",
    "month",
    "sellerKind",
    "buyerKind",
    "bayArea",
  ]) {
    const { body } = await stats(`year=2025&groupBy=${groupBy}`);
    for (const g of body.groups.filter((x: { count: number }) => x.count > 0)) {
      const filterKey = groupBy === "month" ? "month" : groupBy;
      const list = await call(
        contractsRoute.loader,
        apiRequest("GET", `/api/v1/contracts?year=2025&status=registered&${filterKey}=${g.key}&pageSize=100`, {
          token: bureau.token,
        }),
      );
      expect(list.status).toBe(200);
      expect(list.body.totals, `${groupBy}=${g.key}`).toEqual({
        count: g.count,
        contractAmountFen: g.contractAmountFen,
        techTransactionAmountFen: g.techTransactionAmountFen,
      });
      expect(list.body.items).toHaveLength(g.count);
    }
  }
  // text search: title contains / registration number starts with; LIKE wildcards are literal
  const q = async (text: string) =>
    (
      await call(
        contractsRoute.loader,
        apiRequest("GET", `/api/v1/contracts?year=2025&status=registered&q=${encodeURIComponent(text)}`, {
          token: bureau.token,
        }),
      )
    ).body.totals.count;
  expect(await q("废料回收")).toBe(4);
  expect(await q("%")).toBe(0);
  expect(await q("_")).toBe(0);
  expect(await q("253607")).toBe(4);
  // filtered figures (a drill-down chart) agree with the list too
  const dev = await stats("year=2025&groupBy=month&type=license");
  expect(dev.body.totals).toEqual({ count: 1, contractAmountFen: wan(80), techTransactionAmountFen: wan(70) });
  expect(dev.body.groups.find((g: { key: string }) => g.key === "07")).toMatchObject({ count: 1 });
});

test("the public statistics: aggregates by type, field and month, no contract details, no login", async () => {
  const { status, body } = await call(publicRoute.loader, apiRequest("GET", "/api/v1/stats/public?year=2025"));
  expect(status).toBe(200);
  expect(body.totals).toEqual({ count: 4, contractAmountFen: wan(500), techTransactionAmountFen: wan(465) });
  expect(Object.keys(body).sort()).toEqual(["bayArea", "byField", "byMonth", "byType", "target", "totals", "year"]);
  expect(body.byMonth).toHaveLength(12);
  const text = JSON.stringify(body);
  for (const id of Object.values(ids)) expect(text).not.toContain(id);
  for (const org of Object.values(orgs)) expect(text).not.toContain(org.id);
  expect(text).not.toContain("江西理工大学");
});

test("CSV and XLSX exports of a breakdown and of the contracts list", async () => {
  const csv = await statsCsvRoute.loader({
    request: apiRequest("GET", "/api/v1/stats/contracts.csv?year=2025&groupBy=type", { token: bureau.token }),
    params: {},
    context: {},
  } as never);
  expect(csv.status).toBe(200);
  expect(csv.headers.get("Content-Type")).toContain("text/csv");
  expect(csv.headers.get("Content-Disposition")).toContain("contract-stats-2025-type.csv");
  const bytes = new Uint8Array(await csv.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM so Excel reads Chinese
  const text = new TextDecoder().decode(bytes); // drops the BOM
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("代码,合同类型,合同数（项）,合同成交额（元）,技术交易额（元）,成交额占比");
  expect(lines[1]).toBe("transfer,技术转让,1,3000000.00,3000000.00,60.00%");
  expect(lines.at(-1)).toBe("total,合计,4,5000000.00,4650000.00,100.00%");
  const en = await (
    await statsCsvRoute.loader({
      request: apiRequest("GET", "/api/v1/stats/contracts.csv?year=2025&groupBy=type&lang=en", { token: bureau.token }),
      params: {},
      context: {},
    } as never)
  ).text();
  expect(en).toContain("Technology transfer");

  const xlsx = await statsXlsxRoute.loader({
    request: apiRequest("GET", "/api/v1/stats/contracts.xlsx?year=2025&groupBy=sellerRegion", { token: bureau.token }),
    params: {},
    context: {},
  } as never);
  expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(2).values).toEqual([undefined, "440300", "深圳市", 1, 3_000_000, 3_000_000, "60.00%"]);
  expect(sheet.getRow(sheet.rowCount).getCell(4).value).toBe(5_000_000);

  const list = await contractsCsvRoute.loader({
    request: apiRequest("GET", "/api/v1/contracts.csv?year=2025&status=registered", { token: bureau.token }),
    params: {},
    context: {},
  } as never);
  const rows = (await list.text()).trim().split("\r\n");
  expect(rows).toHaveLength(5); // header + 4 contracts
  expect(rows.slice(1).every((r) => /^\d{14},/.test(r))).toBe(true);
  // the exports are for those who may see the figures
  const company = await makeCaller("company");
  expect(
    (
      await statsCsvRoute.loader({
        request: apiRequest("GET", "/api/v1/stats/contracts.csv?year=2025", { token: company.token }),
        params: {},
        context: {},
      } as never)
    ).status,
  ).toBe(403);
  const mine = await contractsCsvRoute.loader({
    request: apiRequest("GET", "/api/v1/contracts.csv?year=2025", { token: company.token }),
    params: {},
    context: {},
  } as never);
  expect((await mine.text()).trim().split("\r\n")).toHaveLength(1);
});

test("a CSV cell that would start a formula is neutralised", async () => {
  const { toCsv } = await import("../../app/stats/export.server.ts");
  const csv = toCsv({
    title: "t",
    columns: [{ key: "a", zh: "A", en: "A" }],
    rows: [{ a: '=HYPERLINK("x")' }, { a: "a,b" }],
  });
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  expect(csv).toContain(`"a,b"`);
});

test("the rollup equals the contracts; a tampered rollup row is detected", async () => {
  expect(await verifyContractStats()).toEqual({ ok: true, mismatches: [] });
  await prisma.$executeRaw`UPDATE "ContractStat" SET "contractAmountFen" = "contractAmountFen" + 1 WHERE year = 2025 AND dim = 'type' AND key = 'service'`;
  const broken = await verifyContractStats(2025);
  expect(broken.ok).toBe(false);
  const viaApi = await call(
    statsVerifyRoute.loader,
    apiRequest("GET", "/api/v1/stats/verify?year=2025", { token: bureau.token }),
  );
  expect(viaApi.body).toMatchObject({
    ok: false,
    mismatches: [{ year: 2025, dim: "type", key: "service", expectedCount: 1, actualCount: 1 }],
  });
  expect(broken.mismatches).toEqual([expect.objectContaining({ year: 2025, dim: "type", key: "service" })]);
  await prisma.$executeRaw`UPDATE "ContractStat" SET "contractAmountFen" = "contractAmountFen" - 1 WHERE year = 2025 AND dim = 'type' AND key = 'service'`;
  expect((await verifyContractStats()).ok).toBe(true);
});
