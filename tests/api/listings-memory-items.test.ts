// The in-process index serves the list API's items from memory (docs/decisions/0026, "Eighth"). The
// invariant: an item from memory is byte for byte what PostgreSQL would make of the listing at that
// moment. For every column the list rows read, of a result, of a need and of their organization, a
// change made by plain SQL (no application code, so only the triggers can tell the index) must show
// in the very next list response, identical to the response with the items read from PostgreSQL
// beside the index and to the PostgreSQL engine's.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { NEED_LISTED_COLUMNS, RESULT_LISTED_COLUMNS } from "../../app/listings/serialize.server.ts";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as results from "../../app/routes/api.v1.results.ts";
import { apiRequest, makeCaller } from "../factories.ts";

process.env.SEARCH_MEMORY_INDEX = "1";
process.env.SEARCH_MEMORY_ITEMS = "1";
process.env.SEARCH_CACHE = "0";
const { memoryIndexReady, resetMemoryIndex } = await import("../../search/memory-sync.server.ts");
const { searchListings } = await import("../../search/index.server.ts");
const { loadItemsJson } = await import("../../app/listings/list-json.server.ts");

const Q = "列变更";
let org = "";
let subcentre = "";
const ids = { result: [] as string[], need: [] as string[] };

beforeAll(async () => {
  const researcher = await makeCaller("researcher");
  org = researcher.org!.id;
  subcentre = (
    await prisma.subcentre.create({ data: { name: `列变更分中心 ${org}`, kind: "county", regionCode: "360702" } })
  ).id;
  for (const [i, title] of [`${Q}稀土永磁`, `${Q}钨粉 "引号"\\反斜杠`].entries()) {
    const r = await prisma.result.create({
      data: {
        organizationId: org,
        title,
        summary: i ? `摘要\n第二行\t${Q}` : `稀土永磁${Q}摘要`,
        keywords: ["稀土", Q],
        field: "rare_earth",
        maturity: "pilot",
        transferModes: ["license"],
        priceFen: 1_234_567n,
        ipDescription: "专利",
        patentNumbers: ["ZL202110123456.7"],
        contactName: "周老师",
        contactPhone: "0797-1",
        contactEmail: "zhou@example.com",
        status: "published",
        publishedAt: new Date(Date.UTC(2026, 10, 1 + i)),
      },
    });
    ids.result.push(r.id);
    const n = await prisma.need.create({
      data: {
        organizationId: org,
        title: `${title}需求`,
        description: i ? `描述\n${Q}` : `需要${Q}`,
        targetIndicators: i ? "" : "指标一",
        keywords: [Q],
        field: "rare_earth",
        budgetFen: i ? null : 500_000n,
        deadline: new Date("2031-01-01T00:00:00Z"),
        cooperationMode: "joint",
        contactName: "王工",
        status: "published",
        publishedAt: new Date(Date.UTC(2026, 10, 1 + i)),
        confirmationStatus: i ? "confirmed" : null,
        confirmedAt: i ? new Date("2026-11-02T03:04:05.006Z") : null,
      },
    });
    ids.need.push(n.id);
  }
  expect(await memoryIndexReady()).toBe(true);
});

afterAll(() => {
  process.env.SEARCH_MEMORY_ITEMS = "1";
  process.env.SEARCH_MEMORY_INDEX = "1";
});

const handler = { result: results.loader, need: needs.loader };
const paths = (kind: "result" | "need") => {
  const base = `/api/v1/${kind}s?organizationId=${org}`;
  return [base, `${base}&q=${encodeURIComponent(Q)}`, `${base}&sort=price_asc`];
};

async function body(kind: "result" | "need", path: string) {
  const response = (await handler[kind]({ request: apiRequest("GET", path), params: {} })) as Response;
  expect(response.status).toBe(200);
  return response.text();
}

/** The item of every listing the index holds, straight from the engine, and PostgreSQL's for the same ids. */
async function memoryAgainstPostgres(kind: "result" | "need") {
  let besideCalled = false;
  const res = await searchListings(
    { kind, filters: { organizationId: org }, page: 1, pageSize: 20, rawTextLater: true, items: true },
    async () => {
      besideCalled = true;
      return [];
    },
  );
  return { besideCalled, items: res.items, fromPostgres: await loadItemsJson(kind, res.ids, ["published"]) };
}

/** The lists of both kinds from memory; each equal to the two PostgreSQL ways, and served from memory. */
async function lists() {
  const out: string[] = [];
  for (const kind of ["result", "need"] as const) {
    const mem = await memoryAgainstPostgres(kind);
    expect(mem.besideCalled).toBe(false);
    expect(mem.items).toEqual(mem.fromPostgres);
    for (const path of paths(kind)) {
      const fromMemory = await body(kind, path);
      process.env.SEARCH_MEMORY_ITEMS = "0";
      const rowsFromPostgres = await body(kind, path);
      process.env.SEARCH_MEMORY_INDEX = "0";
      const postgresEngine = await body(kind, path);
      process.env.SEARCH_MEMORY_INDEX = "1";
      process.env.SEARCH_MEMORY_ITEMS = "1";
      expect(fromMemory, `${path}: memory items against PostgreSQL's rows`).toBe(rowsFromPostgres);
      expect(fromMemory, `${path}: memory items against the PostgreSQL engine`).toBe(postgresEngine);
      out.push(fromMemory);
    }
  }
  return out.join("\n");
}

const COMMON: Record<string, string> = {
  title: `title = title || '改'`,
  keywords: `keywords = array_append(keywords, '新词')`,
  field: `field = 'tungsten'`,
  contactName: `"contactName" = "contactName" || '改'`,
  contactPhone: `"contactPhone" = "contactPhone" || '9'`,
  contactEmail: `"contactEmail" = 'x' || "contactEmail"`,
  rejectionReason: `"rejectionReason" = coalesce("rejectionReason", '') || '改'`,
  publishedAt: `"publishedAt" = "publishedAt" - interval '3 days'`,
  createdAt: `"createdAt" = "createdAt" - interval '1 hour'`,
  updatedAt: `"updatedAt" = "updatedAt" + interval '1.5 seconds'`,
  subcentreId: `"subcentreId" = CASE WHEN "subcentreId" IS NULL THEN $1 ELSE NULL END`,
  // two steps: off the list, then back
  status: `status = 'withdrawn'`,
};
const CHANGES = {
  result: {
    ...COMMON,
    summary: `summary = summary || '改'`,
    maturity: `maturity = 'industrial'`,
    transferModes: `"transferModes" = array_append("transferModes", 'assignment')`,
    priceFen: `"priceFen" = coalesce("priceFen", 0) + 7000000`,
    ipDescription: `"ipDescription" = "ipDescription" || '改'`,
    patentNumbers: `"patentNumbers" = array_append("patentNumbers", 'ZL1')`,
  },
  need: {
    ...COMMON,
    description: `description = description || '改'`,
    targetIndicators: `"targetIndicators" = "targetIndicators" || '改'`,
    budgetFen: `"budgetFen" = CASE WHEN "budgetFen" IS NULL THEN 10 ELSE NULL END`,
    deadline: `deadline = coalesce(deadline, DATE '2030-01-01') + 1`,
    cooperationMode: `"cooperationMode" = coalesce("cooperationMode", '') || 'x'`,
    confirmationStatus: `"confirmationStatus" = CASE WHEN "confirmationStatus" IS NULL THEN 'awaiting_company_confirmation' ELSE NULL END`,
    confirmedAt: `"confirmedAt" = coalesce("confirmedAt", TIMESTAMP '2026-01-01') + interval '1 minute'`,
  },
};

test("every column a list row reads, changed by SQL, is in the next list response: memory items = PostgreSQL's, byte for byte", async () => {
  // a column the row loaders read and this test does not change would go unchecked
  expect(new Set(["id", ...Object.keys(CHANGES.result)])).toEqual(new Set(RESULT_LISTED_COLUMNS));
  expect(new Set(["id", ...Object.keys(CHANGES.need)])).toEqual(new Set(NEED_LISTED_COLUMNS));
  let before = await lists();
  for (const kind of ["result", "need"] as const) {
    const table = kind === "result" ? `"Result"` : `"Need"`;
    for (const [column, set] of Object.entries(CHANGES[kind])) {
      // the second listing: the one whose title and text JSON escapes, then the first
      for (const id of [ids[kind][1]!, ids[kind][0]!]) {
        const values = set.includes("$1") ? [subcentre] : [];
        await prisma.$executeRawUnsafe(`UPDATE ${table} SET ${set} WHERE id = $${values.length + 1}`, ...values, id);
        const after = await lists();
        expect(after, `${kind}.${column} changed: the lists show it`).not.toBe(before);
        before = after;
        if (column === "status") {
          await prisma.$executeRawUnsafe(`UPDATE ${table} SET status = 'published' WHERE id = $1`, id);
          before = await lists();
        }
      }
    }
  }
  for (const [column, set] of Object.entries({
    name: `name = name || '改'`,
    regionCode: `"regionCode" = CASE WHEN "regionCode" = '360703' THEN '360702' ELSE '360703' END`,
    kind: `kind = CASE WHEN kind = 'institute' THEN 'enterprise'::"OrgKind" ELSE 'institute'::"OrgKind" END`,
  })) {
    await prisma.$executeRawUnsafe(`UPDATE "Organization" SET ${set} WHERE id = $1`, org);
    const after = await lists();
    expect(after, `organization.${column} changed: the lists show it`).not.toBe(before);
    before = after;
  }
  // and a fresh build reads the same items
  resetMemoryIndex();
  expect(await memoryIndexReady()).toBe(true);
  expect(await lists()).toBe(before);
}, 120_000);
