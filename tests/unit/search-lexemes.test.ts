// Bulk imports compute the index lexemes in Node (search/normalize.ts indexLexemes) and build the
// documents set-based (search_index_results / search_index_needs): both must give exactly what
// the row-by-row trigger path gives (search_lexemes, search_upsert_result / search_upsert_need).
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { indexLexemes, indexText } from "../../search/normalize.ts";
import { generateListings } from "../bench/search-data.ts";
import { makeOrg } from "../factories.ts";

const EDGE_CASES = [
  "",
  "稀土永磁",
  "钨",
  "稀土永磁材料（NdFeB）的晶界扩散工艺",
  "ＮｄＦｅＢ磁体，矫顽力≥２０ｋＯｅ；ＢＭＳ",
  "5G基站PCB板、锂电池BMS系统：v2.0版",
  "鱼塘一到夏天就翻塘死鱼\n注塑件表面总有一道道花纹",
  "ZL202110123456.7 ZL2021 1012 3456.7",
  "Wc-Co 硬质合金 · 刀具 — “涂层” …",
  "㐀㐁 豈更 兀",
  "a b  c\t\td",
  "Ångström μm ÄÖÜ straße",
  "İstanbul",
  "ΔT 温差 Ω",
  "😀 表情 𠀀 扩展B",
  "ﬁber ligature ①②③ ㎏",
];

async function sqlLexemes(text: string) {
  const rows = await prisma.$queryRaw<Array<{ l: string[] }>>`SELECT search_lexemes(${text}) AS l`;
  return [...new Set(rows[0]!.l)].sort();
}

test("indexText() gives search_normalize()'s text, or leaves the text to SQL", async () => {
  const texts = [
    ...EDGE_CASES,
    ...generateListings(50, 8).flatMap((l) => [l.title, l.keywords.join(" | "), l.summary]),
  ];
  // one statement for all the texts (a round trip each takes seconds on a loaded machine)
  const rows = await prisma.$queryRaw<Array<{ t: string }>>`
    SELECT search_normalize(x) AS t FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i`;
  let computed = 0;
  texts.forEach((text, i) => {
    const js = indexText(text);
    if (js === null) return;
    computed++;
    expect(js, JSON.stringify(text)).toBe(rows[i]!.t);
  });
  expect(indexText("Ångström")).toBeNull();
  expect(indexText("😀 表情")).toBeNull();
  expect(indexText("ＮｄＦｅＢ磁体")).toBe("ndfeb磁体");
  expect(computed).toBeGreaterThan(texts.length - 6);
});

test("indexLexemes() gives search_lexemes()'s lexemes, or leaves the text to SQL", async () => {
  const texts = [
    ...EDGE_CASES,
    ...generateListings(150, 7).flatMap((l) => [`${l.title} ${l.keywords.join(" | ")}`, l.summary]),
  ];
  let computed = 0;
  for (const text of texts) {
    const js = indexLexemes(text);
    if (js === null) continue;
    computed++;
    expect([...new Set(js)].sort(), JSON.stringify(text)).toEqual(await sqlLexemes(text));
  }
  // left to SQL: non-ASCII letters that change case, characters outside the BMP
  expect(indexLexemes("Ångström")).toBeNull();
  expect(indexLexemes("İstanbul")).toBeNull();
  expect(indexLexemes("😀 表情")).toBeNull();
  expect(indexLexemes("ＮｄＦｅＢ磁体")).not.toBeNull();
  expect(computed).toBeGreaterThan(texts.length - 6);
});

test("set-based indexing builds the same documents as the row triggers", async () => {
  const org = await makeOrg({ name: "批量索引测试大学" });
  const results = await Promise.all(
    generateListings(20, 11).map((l, i) =>
      prisma.result.create({
        data: {
          organizationId: org.id,
          title: i === 0 ? "Ångström 级 ＮｄＦｅＢ 磁体" : l.title,
          summary: l.summary,
          keywords: l.keywords,
          field: l.field,
          maturity: l.maturity,
          transferModes: l.transferModes,
          priceFen: l.priceFen === null ? null : BigInt(l.priceFen),
          patentNumbers: i % 3 === 0 ? ["ZL202110123456.7"] : [],
          ipDescription: i % 4 === 0 ? "发明专利 2 项" : "",
          status: i % 2 ? "published" : "draft",
          publishedAt: i % 2 ? new Date() : null,
        },
      }),
    ),
  );
  const needs = await Promise.all(
    generateListings(10, 12).map((l, i) =>
      prisma.need.create({
        data: {
          organizationId: org.id,
          title: l.title,
          description: l.summary,
          targetIndicators: i % 2 ? "良品率 ≥ 98%" : "",
          keywords: l.keywords,
          field: l.field,
          cooperationMode: i % 2 ? "license" : null,
          budgetFen: l.priceFen === null ? null : BigInt(l.priceFen),
        },
      }),
    ),
  );
  const snapshot = () =>
    prisma.$queryRaw<unknown[]>`
      SELECT d.kind, d."listingId", d.status, d.field, d.maturity, d."regionCode", d."orgKind", d.modes, d."priceFen"::text,
             d."publishedAt", d."createdAt", d.head::text AS head, d.tsv::text AS tsv, t.title, t.keywords, t.body
      FROM "SearchDocument" d JOIN "SearchText" t USING (kind, "listingId")
      WHERE d."organizationId" = ${org.id} ORDER BY d.kind, d."listingId"`;
  const byTriggers = await snapshot();
  expect(byTriggers).toHaveLength(30);

  const lexemes = (texts: string[]) => texts.map((t) => indexLexemes(t)?.join(" ") ?? null);
  const normalised = (texts: string[]) => texts.map(indexText);
  const resultIds = results.map((r) => r.id);
  const needIds = needs.map((n) => n.id);
  await prisma.$executeRaw`DELETE FROM "SearchDocument" WHERE "organizationId" = ${org.id}`;
  await prisma.$executeRaw`DELETE FROM "SearchText" WHERE "listingId" = ANY(${[...resultIds, ...needIds]}::text[])`;
  const resultBodies = results.map((r) => [r.summary, r.ipDescription, r.patentNumbers.join(" ")].join("\n"));
  const needBodies = needs.map((n) => [n.description, n.targetIndicators].join("\n"));
  await prisma.$executeRaw`SELECT search_index_results(
    ${resultIds}::text[],
    ${lexemes(results.map((r) => `${r.title} ${r.keywords.join(" | ")}`))}::text[],
    ${lexemes(resultBodies)}::text[],
    ${normalised(results.map((r) => r.title))}::text[],
    ${normalised(results.map((r) => r.keywords.join(" | ")))}::text[],
    ${normalised(resultBodies)}::text[])`;
  await prisma.$executeRaw`SELECT search_index_needs(
    ${needIds}::text[],
    ${lexemes(needs.map((n) => `${n.title} ${n.keywords.join(" | ")}`))}::text[],
    ${lexemes(needBodies)}::text[],
    ${normalised(needs.map((n) => n.title))}::text[],
    ${normalised(needs.map((n) => n.keywords.join(" | ")))}::text[],
    ${normalised(needBodies)}::text[])`;
  expect(await snapshot()).toEqual(byTriggers);
  // the first title is left to SQL (Å lower-cases by the database's locale): both paths ran
  expect(normalised(results.map((r) => r.title))[0]).toBeNull();

  // without lexemes from the caller, SQL computes them
  await prisma.$executeRaw`DELETE FROM "SearchDocument" WHERE "organizationId" = ${org.id}`;
  await prisma.$executeRaw`SELECT search_index_results(${resultIds}::text[])`;
  await prisma.$executeRaw`SELECT search_index_needs(${needIds}::text[])`;
  expect(await snapshot()).toEqual(byTriggers);
});
