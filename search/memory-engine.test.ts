// The in-process search index (SEARCH_MEMORY_INDEX=1) against the PostgreSQL engine on the same
// data: the same pages, totals, highlights and facet counts for a stream of varied queries; every
// published listing containing a query term is found; a change committed on another connection is
// searchable at once; PostgreSQL answers while the index builds or rebuilds.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import type { SearchParams } from "./types.ts";
import { generateListings, generateQueryStream } from "../tests/bench/search-data.ts";
import { normalizeText, queryTerms } from "./normalize.ts";

process.env.SEARCH_MEMORY_INDEX = "1";
process.env.SEARCH_CACHE = "0";
const { memorySearch } = await import("./memory-engine.server.ts");
const { APPLY_LIMIT, memoryIndexReady, memoryIndexStatus, resetMemoryIndex } = await import("./memory-sync.server.ts");
const { pgSearchUncached, loadLexemeStats } = await import("./pg-engine.server.ts");
const { searchListings } = await import("./index.server.ts");

const N = 1_200;
let other: pg.Client;

beforeAll(async () => {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Organization" (id, name, kind, "creditCode", "regionCode", "verifiedAt", "updatedAt")
     SELECT 'mem-org-' || i, '内存索引机构' || i, (ARRAY['university','institute','enterprise','agency'])[1 + i % 4]::"OrgKind",
            'MEM' || lpad(i::text, 15, '0'), (ARRAY['360702','360703','360781','440300','360100'])[1 + i % 5], now(), now()
     FROM generate_series(0, 19) i`,
  );
  const items = generateListings(N, 7, 20);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", "priceFen", status, "publishedAt", "updatedAt")
     SELECT 'mem' || (x.i - 1), 'mem-org-' || x.org, x.title, x.summary, x.keywords, x.field, x.maturity, x.modes, x.price,
            (CASE WHEN x.i % 10 = 0 THEN 'draft' ELSE 'published' END)::"ListingStatus",
            CASE WHEN x.i % 10 = 0 THEN NULL ELSE x.pub END, now()
     FROM jsonb_to_recordset($1::jsonb) AS x(org int, title text, summary text, keywords text[], field text, maturity text,
            modes text[], price bigint, pub timestamp, i int)`,
    JSON.stringify(
      items.map((r, i) => ({
        org: r.orgIndex,
        title: r.title,
        summary: r.summary,
        keywords: r.keywords,
        field: r.field,
        maturity: r.maturity,
        modes: r.transferModes,
        price: r.priceFen,
        pub: r.publishedAt.toISOString(),
        i: i + 1,
      })),
    ),
  );
  await prisma.$executeRawUnsafe(`ANALYZE "SearchDocument"`);
  await loadLexemeStats(true);
  expect(await memoryIndexReady()).toBe(true);
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
}, 120_000);

afterAll(async () => {
  await other?.end();
});

/** A query of the benchmark's stream (`q=…&field=…&sort=…&page=…`) as search parameters. */
function paramsOf(query: string, extra: Partial<SearchParams> = {}): SearchParams {
  const u = new URLSearchParams(query);
  const list = (k: string) => (u.getAll(k).length ? u.getAll(k) : undefined);
  return {
    kind: "result",
    q: u.get("q") ?? undefined,
    filters: {
      field: list("field"),
      maturity: list("maturity"),
      transferMode: list("transferMode"),
      priceMaxFen: u.get("priceMaxFen") ? Number(u.get("priceMaxFen")) : undefined,
    },
    sort: (u.get("sort") as SearchParams["sort"]) ?? undefined,
    page: Number(u.get("page") ?? 1),
    pageSize: 20,
    ...extra,
  };
}

const strip = (r: { tookMs: number }) => ({ ...r, tookMs: 0 });

describe("the in-process index answers as the PostgreSQL engine does", () => {
  test("pages, totals, highlights and facets of 300 varied queries", async () => {
    const before = memoryIndexStatus().answers.memory;
    const queries = generateQueryStream(300, 11);
    let compared = 0;
    for (const [i, query] of queries.entries()) {
      const params = paramsOf(query, i % 5 === 0 ? { facets: true } : {});
      const [mem, pgr] = [await memorySearch(params), await pgSearchUncached(params)];
      expect(strip(mem), query).toEqual(strip(pgr));
      compared++;
    }
    expect(compared).toBe(300);
    expect(memoryIndexStatus().answers.memory - before).toBe(300);
  });

  test("the list API's highlights, made from its own rows, are the engine's", async () => {
    const { listResults } = await import("../app/listings/list.server.ts");
    const { parseListingQuery } = await import("../app/listings/query.ts");
    let marked = 0;
    for (const query of generateQueryStream(60, 13)) {
      const parsed = parseListingQuery(new URLSearchParams(`pageSize=20&${query}`), "fen");
      if (!parsed.ok) throw new Error(query);
      const list = await listResults(parsed.query, { statuses: ["published"] });
      const engine = await pgSearchUncached(paramsOf(query));
      expect(
        list.rows.map((r) => r.id),
        query,
      ).toEqual(engine.ids);
      expect(list.highlights, query).toEqual(engine.highlights);
      marked += Object.values(list.highlights).filter((h) => h.title?.includes("<mark>")).length;
    }
    expect(marked).toBeGreaterThan(0);
  });

  test("without a query: newest, price sorts, filters (region, org kind, organization), facets, deep pages", async () => {
    const cases: Array<Partial<SearchParams>> = [
      {},
      { sort: "price_asc", page: 3 },
      { sort: "price_desc", filters: { regionCode: ["360700"] }, facets: true },
      { filters: { orgKind: ["university"], priceMinFen: 100_000_000 }, facets: true },
      { filters: { organizationId: "mem-org-3" }, page: 2 },
      { filters: { regionCode: ["440000"], transferMode: ["license"] }, facets: true },
      { q: "稀土", filters: { regionCode: ["360781"], orgKind: ["enterprise", "agency"] }, facets: true },
      { q: "稀土", page: 4 },
      { q: "稀土 永磁", sort: "newest", page: 2 },
      { page: 1_000 },
    ];
    for (const c of cases) {
      const params: SearchParams = { kind: "result", page: 1, pageSize: 20, ...c };
      expect(strip(await memorySearch(params)), JSON.stringify(c)).toEqual(strip(await pgSearchUncached(params)));
    }
  });

  test("every published listing containing the query is found (1, 2, 4 characters, mixed, Latin)", async () => {
    const { rows } = await other.query<{ id: string; text: string }>(
      `SELECT r.id, r.title || ' ' || array_to_string(r.keywords, ' ') || ' ' || r.summary AS text
       FROM "Result" r WHERE r.status = 'published' AND r.id LIKE 'mem%'`,
    );
    const texts = rows.map((r) => ({ id: r.id, text: normalizeText(r.text) }));
    for (const q of [
      "钨",
      "磁",
      "稀土",
      "涂层",
      "硬质合金",
      "磷酸铁锂",
      "稀土 永磁",
      "ndfeb",
      "PCB",
      "5G基站",
      "钕铁硼 矫顽力",
    ]) {
      const r = await memorySearch({ kind: "result", q, page: 1, pageSize: 100 });
      const all: string[] = [...r.ids];
      for (let page = 2; all.length < r.total; page++) {
        all.push(...(await memorySearch({ kind: "result", q, page, pageSize: 100 })).ids);
      }
      expect(all.length, q).toBe(r.total);
      const found = new Set(all);
      const terms = queryTerms(q);
      const containing = texts.filter((t) => terms.every((term) => t.text.includes(term)));
      for (const t of containing) expect(found.has(t.id), `${q}: ${t.id}`).toBe(true);
      // drafts are never found
      expect(all.some((id) => Number(id.slice(3)) % 10 === 9)).toBe(false);
    }
  });
});

describe("kept in step with PostgreSQL", () => {
  test("a change committed on another connection is searchable at once", async () => {
    const q = "内存同步测试词";
    expect((await searchListings({ kind: "result", q, page: 1, pageSize: 20 })).total).toBe(0);
    await other.query(
      `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
       VALUES ('mem-sync', 'mem-org-1', $1, '正文', '{}', 'other', 'lab', '{}', 'published', now(), now())`,
      [`${q}成果`],
    );
    const before = memoryIndexStatus().answers.memory;
    const found = await searchListings({ kind: "result", q, page: 1, pageSize: 20 });
    expect(found.ids).toEqual(["mem-sync"]);
    expect(memoryIndexStatus().answers.memory).toBe(before + 1);
    // an edit moves it, a withdrawal removes it, an organization's new region is a filter at once
    await other.query(`UPDATE "Result" SET title = '改名之后的成果' WHERE id = 'mem-sync'`);
    expect((await searchListings({ kind: "result", q, page: 1, pageSize: 20 })).total).toBe(0);
    expect((await searchListings({ kind: "result", q: "改名之后", page: 1, pageSize: 20 })).ids).toEqual(["mem-sync"]);
    await other.query(`UPDATE "Organization" SET "regionCode" = '360802' WHERE id = 'mem-org-1'`);
    const moved = await searchListings({
      kind: "result",
      q: "改名之后",
      page: 1,
      pageSize: 20,
      filters: { regionCode: ["360800"] },
    });
    expect(moved.ids).toEqual(["mem-sync"]);
    await other.query(`UPDATE "Result" SET status = 'withdrawn' WHERE id = 'mem-sync'`);
    expect((await searchListings({ kind: "result", q: "改名之后", page: 1, pageSize: 20 })).total).toBe(0);
    // a rolled-back write changes nothing
    await other.query("BEGIN");
    await other.query(`UPDATE "Result" SET status = 'published' WHERE id = 'mem-sync'`);
    expect((await searchListings({ kind: "result", q: "改名之后", page: 1, pageSize: 20 })).total).toBe(0);
    await other.query("ROLLBACK");
    expect((await searchListings({ kind: "result", q: "改名之后", page: 1, pageSize: 20 })).total).toBe(0);
    expect(memoryIndexStatus().ready).toBe(true);
  });

  test("transactions committing out of order are both applied", async () => {
    const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await a.connect();
    try {
      const insert = (client: pg.Client, id: string) =>
        client.query(
          `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
           VALUES ($1, 'mem-org-2', '乱序提交测试成果', '正文', '{}', 'other', 'lab', '{}', 'published', now(), now())`,
          [id],
        );
      await a.query("BEGIN");
      await insert(a, "mem-early"); // the older transaction…
      await other.query("BEGIN");
      await insert(other, "mem-late");
      await other.query("COMMIT"); // …commits after a younger one
      expect((await searchListings({ kind: "result", q: "乱序提交", page: 1, pageSize: 20 })).ids).toEqual([
        "mem-late",
      ]);
      await a.query("COMMIT");
      const both = await searchListings({ kind: "result", q: "乱序提交", page: 1, pageSize: 20 });
      expect([...both.ids].sort()).toEqual(["mem-early", "mem-late"]);
    } finally {
      await a.end();
    }
  });

  test("a change made in a savepoint of a transaction left open is applied when it commits", async () => {
    // the check reads only the xid ranges between the transactions in progress: the open one's log
    // rows (under its top-level xid, savepoint or not) are skipped until it has committed
    const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await a.connect();
    try {
      await a.query("BEGIN");
      await a.query("SAVEPOINT s1");
      await a.query(
        `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
         VALUES ('mem-open', 'mem-org-2', '长事务保存点成果', '正文', '{}', 'other', 'lab', '{}', 'published', now(), now())`,
      );
      await a.query("RELEASE SAVEPOINT s1");
      const before = memoryIndexStatus().answers.memory;
      const search = () => searchListings({ kind: "result", q: "长事务保存点", page: 1, pageSize: 20 });
      expect((await search()).ids).toEqual([]);
      expect((await search()).ids).toEqual([]);
      await a.query("COMMIT");
      expect((await search()).ids).toEqual(["mem-open"]);
      // all three answered from memory, the open transaction never forcing PostgreSQL to answer
      expect(memoryIndexStatus().answers.memory - before).toBe(3);
    } finally {
      await a.end();
    }
  });

  describe("a search runs at once on the index as it is, its rows loaded beside the change check", () => {
    // The change is written in a transaction that also locks the change log: the check that starts
    // with the search waits for it, the search runs on the index without the change meanwhile, and
    // the check sees the change once the transaction commits (its snapshot is taken after the lock).
    async function duringCheck(change: string, q: string) {
      const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await a.connect();
      try {
        await a.query("BEGIN");
        await a.query(change);
        await a.query(`LOCK TABLE "SearchChange" IN ACCESS EXCLUSIVE MODE`);
        const calls: string[][] = [];
        let loaded!: () => void;
        const first = new Promise<void>((resolve) => (loaded = resolve));
        const searching = searchListings({ kind: "result", q, page: 1, pageSize: 20 }, async (ids) => {
          calls.push(ids);
          loaded();
          return ids.map((id) => `row of ${id}`);
        });
        await first;
        const optimistic = [...calls];
        await a.query("COMMIT");
        const res = await searching;
        return { res, optimistic, calls };
      } finally {
        await a.end();
      }
    }
    const insert = (id: string, title: string) =>
      `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
       VALUES ('${id}', 'mem-org-3', '${title}', '正文', '{}', 'other', 'lab', '{}', 'published', now(), now())`;

    test("a listing the check adds makes it search again and load the new page's rows", async () => {
      const before = memoryIndexStatus().answers.memory;
      const { res, optimistic, calls } = await duringCheck(insert("mem-opt", "乐观检索测试成果"), "乐观检索测试");
      expect(optimistic).toEqual([[]]);
      expect(calls).toEqual([[], ["mem-opt"]]);
      expect(res.ids).toEqual(["mem-opt"]);
      expect(res.beside).toEqual({ value: ["row of mem-opt"] });
      expect(memoryIndexStatus().answers.memory).toBe(before + 1);
    });

    test("a listing the check withdraws is not answered, though the first search found it", async () => {
      const { res, optimistic, calls } = await duringCheck(
        `UPDATE "Result" SET status = 'withdrawn' WHERE id = 'mem-opt'`,
        "乐观检索测试",
      );
      expect(optimistic).toEqual([["mem-opt"]]);
      expect(calls).toEqual([["mem-opt"], []]);
      expect(res.ids).toEqual([]);
      expect(res.total).toBe(0);
      expect(res.beside).toEqual({ value: [] });
    });

    test("a change elsewhere searches again but keeps the rows loaded for the same page", async () => {
      await other.query(insert("mem-opt-kept", "乐观保留测试成果"));
      // in the index before the search below starts (this search waits for the check that applies it)
      expect((await searchListings({ kind: "result", q: "乐观保留测试", page: 1, pageSize: 20 })).ids).toEqual([
        "mem-opt-kept",
      ]);
      const { res, calls } = await duringCheck(insert("mem-opt-other", "无关的另一项成果"), "乐观保留测试");
      expect(calls).toEqual([["mem-opt-kept"]]);
      expect(res.ids).toEqual(["mem-opt-kept"]);
      expect(res.beside).toEqual({ value: ["row of mem-opt-kept"] });
      expect((await searchListings({ kind: "result", q: "无关的另一项", page: 1, pageSize: 20 })).ids).toEqual([
        "mem-opt-other",
      ]);
    });
  });

  test("while the index builds, and after a change too large to apply, PostgreSQL answers", async () => {
    const params: SearchParams = { kind: "result", q: "稀土", page: 2, pageSize: 20, facets: true };
    const expected = strip(await pgSearchUncached(params));
    resetMemoryIndex();
    const before = memoryIndexStatus().answers;
    expect(strip(await searchListings(params))).toEqual(expected);
    const during = memoryIndexStatus();
    expect(during.answers.postgres).toBe(before.postgres + 1);
    expect(await memoryIndexReady()).toBe(true);
    expect(strip(await searchListings(params))).toEqual(expected);
    expect(memoryIndexStatus().answers.memory).toBe(during.answers.memory + 1);

    // a bulk change: rebuilt in the background, and the new listings found at once meanwhile
    await other.query(
      `INSERT INTO "Result" (id, "organizationId", title, summary, keywords, field, maturity, "transferModes", status, "publishedAt", "updatedAt")
       SELECT 'mem-bulk' || i, 'mem-org-4', '批量导入测试成果' || i, '正文', '{}', 'other', 'lab', '{}', 'published', now(), now()
       FROM generate_series(1, ${APPLY_LIMIT + 1}) i`,
    );
    const fallbacks = memoryIndexStatus().answers.postgres;
    const bulk = await searchListings({ kind: "result", q: "批量导入测试", page: 1, pageSize: 20 });
    expect(bulk.total).toBe(APPLY_LIMIT + 1);
    expect(memoryIndexStatus().answers.postgres).toBe(fallbacks + 1);
    expect(await memoryIndexReady()).toBe(true);
    const fromMemory = await memorySearch({ kind: "result", q: "批量导入测试", page: 1, pageSize: 20 });
    expect(strip(fromMemory)).toEqual(strip(bulk));
    expect(memoryIndexStatus().ready).toBe(true);
  });

  test("owners' and reviewers' lists (other statuses) go to PostgreSQL", async () => {
    const before = memoryIndexStatus().answers;
    const drafts = await searchListings({ kind: "result", statuses: ["draft"], page: 1, pageSize: 5 });
    expect(drafts.total).toBe(N / 10);
    expect(memoryIndexStatus().answers).toEqual(before);
  });
});

test("GET /api/v1/health reports the worker's in-process index", async () => {
  const { healthReport } = await import("../app/health/health.server.ts");
  expect(await memoryIndexReady()).toBe(true);
  const { body } = await healthReport();
  expect(body.search).toMatchObject({ engine: "postgres", status: "ok", memoryIndex: { state: "ready" } });
  resetMemoryIndex();
  const building = await healthReport();
  expect(building.body.search).toMatchObject({ memoryIndex: { state: "building" } });
});
