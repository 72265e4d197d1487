// The facet rollup (migration 20261128090000_search_facet_rollup, search/facet-rollup.server.ts):
// after every kind of write to the listings, the rollup's facet counts equal buildFacetSql()'s
// over the documents, for many filter combinations, and verifyFacetRollup() finds no difference.
import pg from "pg";
import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { makeOrg } from "../tests/factories.ts";
import { rollupFacetSql, verifyFacetRollup } from "./facet-rollup.server.ts";
import type { ListingKind, SearchParams } from "./index.server.ts";
import { buildFacetSql, prepareQuery } from "./pg-engine.server.ts";
import { searchQuery } from "./pool.server.ts";

type FacetRow = { dim: string; val: string | null; n: number; exact: boolean };

const sorted = (rows: FacetRow[]) => rows.map((r) => `${r.dim}|${r.val}|${r.n}|${r.exact}`).sort();

const RESULT_CASES: Array<Partial<SearchParams>> = [
  {},
  { filters: { field: ["tungsten"] } },
  { filters: { maturity: ["pilot", "lab"] } },
  { filters: { regionCode: ["360700"] } },
  { filters: { regionCode: ["440000"] } },
  { filters: { regionCode: ["360781", "440300"] } },
  { filters: { orgKind: ["enterprise"] } },
  { filters: { transferMode: ["license", "transfer"] } },
  {
    filters: {
      field: ["tungsten", "rare_earth", "new_energy"],
      maturity: ["pilot", "industrial", "lab"],
      regionCode: ["360700", "440000"],
      orgKind: ["university", "enterprise"],
      transferMode: ["license", "joint_development"],
    },
  },
  { filters: { field: ["rare_earth"], transferMode: ["license"] } },
  { statuses: ["published"] },
  { statuses: ["published", "draft", "withdrawn"] },
  { statuses: ["draft", "pending_review"], filters: { regionCode: ["360700"], orgKind: ["university"] } },
  // a price that is no number is ignored by both, and so is an unknown status
  { filters: { priceMaxFen: Number.NaN, field: ["other"] } },
  { statuses: ["bogus" as "published"] },
];

const NEED_CASES: Array<Partial<SearchParams>> = [
  {},
  { filters: { field: ["new_energy"] } },
  { filters: { regionCode: ["440000"] } },
  { filters: { transferMode: ["joint_development", "transfer"] } },
  // maturity is no filter of needs
  { filters: { maturity: ["pilot"], orgKind: ["enterprise", "institute"], regionCode: ["360700", "440000"] } },
  { statuses: ["published", "withdrawn"] },
];

/** Both SQLs on the search pool; returns the rollup's rows (sorted) after comparing. */
async function compare(kind: ListingKind, p: Partial<SearchParams>) {
  const params: SearchParams = { kind, page: 1, pageSize: 20, facets: true, ...p };
  const rollup = rollupFacetSql(params, null);
  expect(rollup, JSON.stringify(p)).not.toBeNull();
  const documents = buildFacetSql(params, null);
  const [a, b] = await Promise.all([
    searchQuery<FacetRow>(rollup!.text, rollup!.values),
    searchQuery<FacetRow>(documents.text, documents.values),
  ]);
  expect(sorted(a.rows), `${kind} ${JSON.stringify(p)}`).toEqual(sorted(b.rows));
  return sorted(a.rows);
}

/** Every filter combination for results and needs, then the full comparison with the documents. */
async function expectRollupExact() {
  let nonEmpty = 0;
  for (const p of RESULT_CASES) if ((await compare("result", p)).length) nonEmpty++;
  for (const p of NEED_CASES) if ((await compare("need", p)).length) nonEmpty++;
  // the comparisons are not between two empty answers
  expect(nonEmpty).toBeGreaterThan(RESULT_CASES.length);
  expect(await verifyFacetRollup()).toEqual({ ok: true, differences: 0 });
  // nothing left behind by the transactions
  const [left] = await prisma.$queryRawUnsafe<Array<{ deltas: number; flushes: number; empty: number }>>(
    `SELECT (SELECT count(*) FROM "SearchFacetDelta")::int AS deltas, (SELECT count(*) FROM "SearchFacetFlush")::int AS flushes,
            (SELECT count(*) FROM "SearchFacetCount" WHERE n <= 0)::int AS empty`,
  );
  expect(left).toEqual({ deltas: 0, flushes: 0, empty: 0 });
}

let serial = 0;
async function result(
  org: string,
  o: {
    field?: string;
    maturity?: string;
    modes?: string[];
    status?: "published" | "draft" | "withdrawn" | "pending_review";
    price?: number | null;
  } = {},
) {
  serial += 1;
  const status = o.status ?? "published";
  return prisma.result.create({
    data: {
      organizationId: org,
      title: `分面测试成果${serial}`,
      summary: "分面统计",
      keywords: [],
      field: o.field ?? "other",
      maturity: o.maturity ?? "lab",
      transferModes: o.modes ?? ["license"],
      priceFen: o.price === undefined || o.price === null ? null : BigInt(o.price),
      status,
      publishedAt: status === "published" ? new Date() : null,
    },
  });
}

async function need(
  org: string,
  o: { field?: string; mode?: string | null; status?: "published" | "draft" | "withdrawn" } = {},
) {
  serial += 1;
  const status = o.status ?? "published";
  return prisma.need.create({
    data: {
      organizationId: org,
      title: `分面测试需求${serial}`,
      description: "分面统计",
      keywords: [],
      field: o.field ?? "other",
      cooperationMode: o.mode === undefined ? "joint_development" : o.mode,
      status,
      publishedAt: status === "published" ? new Date() : null,
    },
  });
}

/** The rollup rows of one field value (fields made up by the tests are unique to them). */
async function cells(field: string) {
  return prisma.$queryRawUnsafe<
    Array<{
      kind: string;
      status: string;
      maturity: string;
      regionCode: string;
      orgKind: string;
      modes: string[];
      n: number;
    }>
  >(
    `SELECT kind, status, maturity, "regionCode", "orgKind", modes, n FROM "SearchFacetCount" WHERE field = $1 ORDER BY status, modes`,
    field,
  );
}

test("the rollup follows inserts, updates, deletes, organization changes and multi-row statements, for every filter", async () => {
  const uni = (await makeOrg({ kind: "university", regionCode: "360702" })).id;
  const county = (await makeOrg({ kind: "enterprise", regionCode: "360781" })).id;
  const shenzhen = (await makeOrg({ kind: "enterprise", regionCode: "440300" })).id;
  const guangzhou = (await makeOrg({ kind: "institute", regionCode: "440106" })).id;
  const beijing = (await makeOrg({ kind: "agency", regionCode: "110108" })).id;

  // inserts
  const r1 = await result(uni, { field: "tungsten", maturity: "pilot", modes: ["license", "transfer"], price: 100_00 });
  const r2 = await result(uni, { field: "tungsten", maturity: "lab", modes: ["transfer", "license"] });
  const r3 = await result(county, { field: "rare_earth", maturity: "industrial", modes: ["joint_development"] });
  const r4 = await result(shenzhen, {
    field: "new_energy",
    maturity: "pilot",
    modes: ["license", "service", "equity"],
    price: 5_000_00,
  });
  const r5 = await result(guangzhou, { field: "rare_earth", maturity: "small_batch", modes: [] });
  const r6 = await result(beijing, { field: "other", maturity: "lab", modes: ["service"] });
  await result(uni, { field: "tungsten", maturity: "lab", modes: ["license"], status: "draft" });
  await result(county, { field: "rare_earth", maturity: "pilot", modes: ["transfer"], status: "pending_review" });
  const n1 = await need(uni, { field: "tungsten", mode: "joint_development" });
  const n2 = await need(shenzhen, { field: "new_energy", mode: "transfer" });
  await need(guangzhou, { field: "new_energy", mode: null });
  await need(county, { field: "rare_earth", mode: "license", status: "draft" });
  await expectRollupExact();

  // updates: status, field, transfer modes, price (no facet dimension), several columns at once
  await prisma.result.update({ where: { id: r1.id }, data: { status: "withdrawn" } });
  await prisma.result.update({ where: { id: r2.id }, data: { field: "rare_earth" } });
  await prisma.result.update({ where: { id: r3.id }, data: { transferModes: ["license", "joint_development"] } });
  await prisma.result.update({ where: { id: r4.id }, data: { priceFen: 9_000_00n } });
  await prisma.result.update({
    where: { id: r5.id },
    data: { maturity: "pilot", transferModes: ["equity"], title: "分面测试成果改名" },
  });
  await prisma.need.update({ where: { id: n1.id }, data: { cooperationMode: "transfer", field: "new_energy" } });
  await prisma.need.update({ where: { id: n2.id }, data: { status: "withdrawn" } });
  await expectRollupExact();

  // deletes
  await prisma.result.delete({ where: { id: r6.id } });
  await prisma.need.delete({ where: { id: n2.id } });
  await expectRollupExact();

  // an organization's region and kind: every document of it moves (one multi-row UPDATE)
  await prisma.organization.update({ where: { id: uni }, data: { regionCode: "441900", kind: "institute" } });
  await prisma.organization.update({ where: { id: shenzhen }, data: { kind: "university" } });
  await expectRollupExact();

  // a multi-row INSERT … SELECT: 300 listings in one statement (300 one-row document statements)
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
     SELECT 'bulk' || i, (ARRAY[$1, $2, $3, $4, $5])[1 + i % 5], '分面批量成果' || i, '批量', '{}',
            (ARRAY['tungsten', 'rare_earth', 'new_energy', 'other'])[1 + i % 4], (ARRAY['lab', 'pilot', 'industrial'])[1 + i % 3],
            (CASE i % 4 WHEN 0 THEN '{license,transfer}' WHEN 1 THEN '{transfer,license}' WHEN 2 THEN '{service}' ELSE '{joint_development,license,equity}' END)::text[],
            (ARRAY['published', 'published', 'draft', 'withdrawn']::"ListingStatus"[])[1 + i % 4], now(), now()
     FROM generate_series(1, 300) i`,
    uni,
    county,
    shenzhen,
    guangzhou,
    beijing,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Need" (id, "organizationId", title, description, keywords, field, "cooperationMode", status, "publishedAt", "updatedAt")
     SELECT 'bulkneed' || i, (ARRAY[$1, $2, $3])[1 + i % 3], '分面批量需求' || i, '批量', '{}',
            (ARRAY['tungsten', 'new_energy'])[1 + i % 2], (ARRAY['license', 'transfer', NULL])[1 + i % 3], 'published', now(), now()
     FROM generate_series(1, 60) i`,
    county,
    shenzhen,
    beijing,
  );
  await expectRollupExact();

  // multi-row UPDATE and DELETE statements on the listings, and straight on the documents
  await prisma.$executeRawUnsafe(
    `UPDATE "Result" SET status = 'withdrawn' WHERE id LIKE 'bulk%' AND field = 'tungsten'`,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "Result" SET "transferModes" = '{equity}' WHERE id LIKE 'bulk%' AND maturity = 'pilot'`,
  );
  await prisma.$executeRawUnsafe(`DELETE FROM "Result" WHERE id LIKE 'bulk%' AND field = 'rare_earth'`);
  await prisma.$executeRawUnsafe(
    `UPDATE "SearchDocument" SET field = 'software' WHERE kind = 'need' AND "listingId" LIKE 'bulkneed%' AND field = 'tungsten'`,
  );
  await prisma.$executeRawUnsafe(
    `DELETE FROM "SearchDocument" WHERE kind = 'need' AND "listingId" LIKE 'bulkneed%' AND modes = '{}'`,
  );
  await expectRollupExact();

  // an interactive transaction mixing all of it commits once; a failed one leaves nothing
  await prisma.$transaction(async (tx) => {
    const a = await tx.result.create({
      data: {
        organizationId: county,
        title: "事务内成果",
        summary: "x",
        keywords: [],
        field: "electronics",
        maturity: "lab",
        transferModes: ["license"],
        status: "published",
        publishedAt: new Date(),
      },
    });
    await tx.result.update({ where: { id: a.id }, data: { field: "software" } });
    await tx.result.update({ where: { id: r3.id }, data: { status: "draft" } });
    await tx.need.delete({ where: { id: n1.id } });
  });
  await expect(
    prisma.$transaction(async (tx) => {
      await tx.result.create({
        data: {
          organizationId: county,
          title: "回滚成果",
          summary: "x",
          keywords: [],
          field: "biomedicine",
          maturity: "lab",
          transferModes: ["license"],
          status: "published",
          publishedAt: new Date(),
        },
      });
      await tx.result.update({ where: { id: r4.id }, data: { status: "withdrawn" } });
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
  expect(await cells("biomedicine")).toEqual([]);
  await expectRollupExact();

  // TRUNCATE fires no DELETE trigger: the rollup is emptied with the documents, then rebuilt
  await prisma.$executeRawUnsafe(`TRUNCATE "SearchDocument", "SearchText"`);
  expect(
    await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "SearchFacetCount"`),
  ).toEqual([{ n: 0 }]);
  const { reindexSearch } = await import("./reindex.server.ts");
  await reindexSearch({ engine: "postgres" });
  await expectRollupExact();
});

test("each event moves its own rollup rows: insert, update, delete (a trigger missing one event fails here)", async () => {
  const org = (await makeOrg({ kind: "enterprise", regionCode: "360781" })).id;
  const field = "facet_probe";
  // equal sets of modes share one row, however the document lists them
  const a = await result(org, { field, maturity: "pilot", modes: ["transfer", "license"] });
  const b = await result(org, { field, maturity: "pilot", modes: ["license", "transfer", "license"] });
  expect(await cells(field)).toEqual([
    {
      kind: "result",
      status: "published",
      maturity: "pilot",
      regionCode: "360781",
      orgKind: "enterprise",
      modes: ["license", "transfer"],
      n: 2,
    },
  ]);
  await prisma.result.update({ where: { id: b.id }, data: { status: "withdrawn" } });
  expect(await cells(field)).toEqual([
    {
      kind: "result",
      status: "published",
      maturity: "pilot",
      regionCode: "360781",
      orgKind: "enterprise",
      modes: ["license", "transfer"],
      n: 1,
    },
    {
      kind: "result",
      status: "withdrawn",
      maturity: "pilot",
      regionCode: "360781",
      orgKind: "enterprise",
      modes: ["license", "transfer"],
      n: 1,
    },
  ]);
  // the last document of a row leaves: the row is deleted, not left at 0
  await prisma.result.delete({ where: { id: a.id } });
  expect(await cells(field)).toEqual([
    {
      kind: "result",
      status: "withdrawn",
      maturity: "pilot",
      regionCode: "360781",
      orgKind: "enterprise",
      modes: ["license", "transfer"],
      n: 1,
    },
  ]);
  // a need: no maturity ('' in the rollup), its cooperation mode as its one mode
  const n = await need(org, { field, mode: null });
  expect((await cells(field)).filter((c) => c.kind === "need")).toEqual([
    { kind: "need", status: "published", maturity: "", regionCode: "360781", orgKind: "enterprise", modes: [], n: 1 },
  ]);
  await prisma.need.delete({ where: { id: n.id } });
  await prisma.result.delete({ where: { id: b.id } });
  expect(await cells(field)).toEqual([]);
  expect(await verifyFacetRollup()).toEqual({ ok: true, differences: 0 });

  // a difference is found: the rollup changed behind the triggers' back
  const c = await result(org, { field: "facet_probe_2", modes: ["service"] });
  await prisma.$executeRawUnsafe(`UPDATE "SearchFacetCount" SET n = n + 1 WHERE field = 'facet_probe_2'`);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "SearchFacetCount" VALUES ('result', 'published', 'phantom', '', '360781', 'enterprise', '{}', 1)`,
  );
  expect(await verifyFacetRollup()).toEqual({ ok: false, differences: 2 });
  await prisma.$executeRawUnsafe(`UPDATE "SearchFacetCount" SET n = n - 1 WHERE field = 'facet_probe_2'`);
  await prisma.$executeRawUnsafe(`DELETE FROM "SearchFacetCount" WHERE field = 'phantom'`);
  await prisma.result.delete({ where: { id: c.id } });
  expect(await verifyFacetRollup()).toEqual({ ok: true, differences: 0 });
});

test("savepoints and concurrent transactions: rolled-back work is not counted, crossing writers do not deadlock", async () => {
  const org = (await makeOrg({ kind: "university", regionCode: "360702" })).id;
  const field = "facet_tx";
  const insert = (c: pg.Client, id: string, modes: string[]) =>
    c.query(
      `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
       VALUES ($1, $2, '事务测试', 'x', '{}', $3, 'lab', $4, 'published', now(), now())`,
      [id, org, field, modes],
    );
  const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const b = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await a.connect();
  await b.connect();
  try {
    // a rolled-back savepoint takes its documents' deltas (and the queued apply) with it
    await a.query("BEGIN");
    await a.query("SAVEPOINT s1");
    await insert(a, "tx-sp-1", ["license"]);
    await a.query("ROLLBACK TO SAVEPOINT s1");
    await insert(a, "tx-sp-2", ["transfer"]);
    await a.query("SAVEPOINT s2");
    await insert(a, "tx-sp-3", ["service"]);
    await a.query("RELEASE SAVEPOINT s2");
    await a.query("COMMIT");
    expect((await cells(field)).map((c) => [c.modes, c.n])).toEqual([
      [["service"], 1],
      [["transfer"], 1],
    ]);

    // two transactions writing the same rollup rows in opposite orders, both open at once
    // (applying each statement at once would lock row X then wait for Y in one, Y then X in the
    // other: a deadlock); both commit, and both are counted
    await a.query("BEGIN");
    await b.query("BEGIN");
    await insert(a, "tx-a-1", ["license"]);
    await insert(b, "tx-b-1", ["equity"]);
    await Promise.all([insert(a, "tx-a-2", ["equity"]), insert(b, "tx-b-2", ["license"])]);
    await Promise.all([a.query("COMMIT"), b.query("COMMIT")]);
    expect((await cells(field)).map((c) => [c.modes, c.n])).toEqual([
      [["equity"], 2],
      [["license"], 2],
      [["service"], 1],
      [["transfer"], 1],
    ]);
  } finally {
    await a.end();
    await b.end();
  }
  expect(await verifyFacetRollup()).toEqual({ ok: true, differences: 0 });
});

test("the rollup answers no query text only, and neither price nor organization filters", () => {
  const base: SearchParams = { kind: "result", page: 1, pageSize: 20, facets: true };
  expect(rollupFacetSql(base, prepareQuery("钨"))).toBeNull();
  expect(rollupFacetSql({ ...base, filters: { priceMinFen: 100 } }, null)).toBeNull();
  expect(rollupFacetSql({ ...base, filters: { priceMaxFen: 0 } }, null)).toBeNull();
  expect(rollupFacetSql({ ...base, filters: { organizationId: "org-1" } }, null)).toBeNull();
  expect(
    rollupFacetSql({ ...base, kind: "need", filters: { field: ["tungsten"], transferMode: ["license"] } }, null),
  ).not.toBeNull();
  // a filter value is a parameter, never SQL text
  const sql = rollupFacetSql({ ...base, filters: { field: ['x\'; DROP TABLE "Result"; --'] } }, null)!;
  expect(sql.text).not.toContain("DROP TABLE");
  expect(sql.values).toContainEqual(['x\'; DROP TABLE "Result"; --']);
});
