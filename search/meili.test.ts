// The Meilisearch adapter. The parts that need no server run always: filter quoting, highlight
// escaping, settings, and the outbox (queued in the listing's transaction, kept with backoff while
// Meilisearch is down, switched off without MEILI_HOST). The live round trip runs only when a
// server answers at MEILI_HOST (none can be installed on the development machines): otherwise it
// is skipped and says why.
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { makeOrg } from "../tests/factories.ts";
import { expectConsoleError } from "../tests/support/console.ts";
import { backoffMs, drainSearchOutbox, reindexMeili } from "./meili-sync.server.ts";
import {
  formattedToHtml,
  meiliFilters,
  meiliReachable,
  meiliSearch,
  meiliSettings,
  quote,
  regionPrefixes,
} from "./meili.server.ts";
import { thesaurus } from "./thesaurus.ts";

const originalHost = process.env.MEILI_HOST;
afterAll(() => {
  if (originalHost === undefined) delete process.env.MEILI_HOST;
  else process.env.MEILI_HOST = originalHost;
});

describe("without a server", () => {
  test("filter values are always quoted and escaped", () => {
    expect(quote(`a"b\\c`)).toBe(`"a\\"b\\\\c"`);
    const { base, dims } = meiliFilters({
      kind: "result",
      page: 1,
      pageSize: 10,
      filters: {
        field: [`x" OR status = "draft`],
        regionCode: ["360700", "440300", "360000"],
        priceMinFen: 100,
        organizationId: "o1",
      },
    });
    expect(base).toEqual([`status IN ["published"]`, "priceFen >= 100", `organizationId = "o1"`]);
    expect(dims.field).toBe(`field IN ["x\\" OR status = \\"draft"]`);
    expect(dims.regionCode).toBe(`regionPrefixes IN ["3607", "4403", "36"]`);
    expect(regionPrefixes("360702")).toEqual(["36", "3607", "360702"]);
  });

  test("highlights from Meilisearch are escaped, only our sentinels become <mark>", () => {
    expect(formattedToHtml("\uE000钕铁硼\uE001 <script>alert(1)</script> & <mark>")).toBe(
      "<mark>钕铁硼</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;mark&gt;",
    );
    expect(formattedToHtml(undefined)).toBe("");
  });

  test("settings: weighted searchable attributes, Chinese, thesaurus as synonyms and dictionary", () => {
    const s = meiliSettings();
    expect(s.searchableAttributes).toEqual(["title", "keywords", "body"]);
    expect(s.localizedAttributes).toEqual([{ attributePatterns: ["title", "keywords", "body"], locales: ["cmn"] }]);
    expect(s.synonyms!["磁钢"]).toEqual(expect.arrayContaining(["钕铁硼", "ndfeb"]));
    expect(s.synonyms!["hlb"]).toEqual(expect.arrayContaining(["黄龙病"]));
    expect(s.dictionary).toEqual(expect.arrayContaining(["钕铁硼", "矫顽力", "黄龙病"]));
    expect(s.filterableAttributes).toEqual(
      expect.arrayContaining(["status", "field", "regionPrefixes", "modes", "priceFen"]),
    );
    expect(s.sortableAttributes).toEqual(expect.arrayContaining(["recency", "priceFen"]));
  });

  test("backoff grows and is capped", () => {
    expect(backoffMs(1)).toBe(2_000);
    expect(backoffMs(3)).toBe(8_000);
    expect(backoffMs(50)).toBe(300_000);
  });

  test("outbox: filled in the listing's transaction, kept with backoff while Meilisearch is down, switched off without it", async () => {
    const org = await makeOrg();
    // enabled: changes are queued by the triggers
    await prisma.appSetting.upsert({
      where: { key: "search.meili" },
      create: { key: "search.meili", value: true },
      update: { value: true },
    });
    // settings already applied for this thesaurus version: the pass goes straight to pushing
    const version = thesaurus().version;
    await prisma.appSetting.upsert({
      where: { key: "search.meili.settings" },
      create: { key: "search.meili.settings", value: version },
      update: { value: version },
    });
    const row = await prisma.result.create({
      data: {
        organizationId: org.id,
        title: "钕铁硼",
        summary: "s",
        keywords: [],
        field: "rare_earth",
        maturity: "lab",
        transferModes: [],
        status: "published",
        publishedAt: new Date(),
      },
    });
    await prisma.result.update({ where: { id: row.id }, data: { status: "withdrawn" } });
    await prisma.result.update({ where: { id: row.id }, data: { viewCount: 5 } }); // not a search change
    const queued = await prisma.searchOutbox.findMany({ where: { listingId: row.id } });
    expect(queued).toHaveLength(2);
    // a rolled-back change queues nothing
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.result.update({ where: { id: row.id }, data: { title: "x" } });
        throw new Error("rollback");
      }),
    ).rejects.toThrow();
    expect(await prisma.searchOutbox.count({ where: { listingId: row.id } })).toBe(2);

    // Meilisearch down (nothing listens on port 9): rows stay, attempts and backoff grow
    process.env.MEILI_HOST = "http://127.0.0.1:9";
    const logs: string[] = [];
    expect(await drainSearchOutbox({ log: (m) => logs.push(m) })).toBe(0);
    const after = await prisma.searchOutbox.findMany({ where: { listingId: row.id } });
    expect(after).toHaveLength(2);
    for (const r of after) {
      expect(r.attempts).toBe(1);
      expect(r.availableAt.getTime()).toBeGreaterThan(Date.now());
      expect(r.lastError).toBeTruthy();
    }
    expect(logs.join("\n")).toMatch(/retrying in 2 s/);
    // not yet due: the next pass leaves them alone
    expect(await drainSearchOutbox()).toBe(0);
    expect((await prisma.searchOutbox.findMany({ where: { listingId: row.id } })).every((r) => r.attempts === 1)).toBe(
      true,
    );

    // no MEILI_HOST: the outbox is switched off and emptied, triggers stop queueing
    delete process.env.MEILI_HOST;
    await drainSearchOutbox();
    expect(await prisma.searchOutbox.count()).toBe(0);
    expect((await prisma.appSetting.findUnique({ where: { key: "search.meili" } }))?.value).toBe(false);
    await prisma.result.update({ where: { id: row.id }, data: { title: "新标题" } });
    expect(await prisma.searchOutbox.count()).toBe(0);
  });

  test("search falls back to the embedded engine when Meilisearch cannot be reached", async () => {
    expectConsoleError(/Meilisearch unreachable/);
    process.env.MEILI_HOST = "http://127.0.0.1:9";
    const org = await makeOrg();
    const row = await prisma.result.create({
      data: {
        organizationId: org.id,
        title: "回退测试硬质合金",
        summary: "s",
        keywords: [],
        field: "tungsten",
        maturity: "lab",
        transferModes: [],
        status: "published",
        publishedAt: new Date(),
      },
    });
    const r = await meiliSearch({ kind: "result", q: "回退测试", page: 1, pageSize: 10 });
    expect(r.ids).toEqual([row.id]);
    delete process.env.MEILI_HOST;
  });
});

// ---------------------------------------------------------------- live, when a server answers
const live = originalHost
  ? await (async () => {
      process.env.MEILI_HOST = originalHost;
      const ok = await meiliReachable();
      if (!ok)
        console.log(
          `[search/meili.test.ts] live Meilisearch tests skipped: no server answers at MEILI_HOST=${originalHost}`,
        );
      return ok;
    })()
  : (console.log(
      "[search/meili.test.ts] live Meilisearch tests skipped: MEILI_HOST is not set (no Meilisearch server can be installed on this machine)",
    ),
    false);

describe.skipIf(!live)("live Meilisearch", () => {
  test("reindex, search with filters, facets and escaped highlights, outbox sync of a withdrawal", async () => {
    process.env.MEILI_HOST = originalHost;
    process.env.MEILI_INDEX_PREFIX = `test_${Date.now()}_`;
    const org = await makeOrg({ regionCode: "360702" });
    const a = await prisma.result.create({
      data: {
        organizationId: org.id,
        title: "晶界扩散钕铁硼 <b>x</b>",
        summary: "提高矫顽力",
        keywords: ["钕铁硼"],
        field: "rare_earth",
        maturity: "pilot",
        transferModes: ["license"],
        status: "published",
        publishedAt: new Date(),
      },
    });
    await reindexMeili();
    await prisma.appSetting.upsert({
      where: { key: "search.meili" },
      create: { key: "search.meili", value: true },
      update: { value: true },
    });
    const r = await meiliSearch({
      kind: "result",
      q: "钕铁硼",
      page: 1,
      pageSize: 10,
      facets: true,
      filters: { regionCode: ["360700"] },
    });
    expect(r.ids).toContain(a.id);
    expect(r.highlights[a.id]!.title).toContain("&lt;b&gt;");
    expect(r.facets!.field!.rare_earth).toBeGreaterThan(0);
    const syn = await meiliSearch({ kind: "result", q: "磁钢", page: 1, pageSize: 10 });
    expect(syn.ids).toContain(a.id);
    await prisma.result.update({ where: { id: a.id }, data: { status: "withdrawn" } });
    await drainSearchOutbox();
    expect((await meiliSearch({ kind: "result", q: "钕铁硼", page: 1, pageSize: 10 })).ids).not.toContain(a.id);
  });
});
