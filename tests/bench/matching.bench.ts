// `npm run bench:matching`: the labelled set tests/matching/labelled-set.json (needs written in
// company language, graded relevance 0–3 of the demo results) against the demo data, scored with
// nDCG@10, Recall@10 and MRR, next to a plain character-bigram baseline. A measurement, not a
// tuning target. Uses a throwaway database under BENCH_DATA_DIR (default /tmp/bench-matching).
import fs from "node:fs";
import path from "node:path";
import { freshBenchDatabase, machineLine, percentile } from "./bench-db.ts";

type Labelled = { id: string; field: string; title: string; description: string; targetIndicators: string; topics: Record<string, number>; results?: Record<string, number> };

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-matching";
const set = JSON.parse(fs.readFileSync(path.resolve("tests/matching/labelled-set.json"), "utf8")) as { version: number; needs: Labelled[] };

const handle = await freshBenchDatabase(DATA_DIR, "bench_matching");
const { prisma, disconnectPrisma } = await import("../../app/db/db.server.ts");
const { seedDemoData, generateDemoData } = await import("../../seeds/seed.server.ts");
const { matchesForNeed, bigramBaselineScore } = await import("../../search/matching.server.ts");
const { loadLexemeStats } = await import("../../search/pg-engine.server.ts");
const { closeSearchPool, searchQuery } = await import("../../search/pool.server.ts");
const { thesaurus } = await import("../../search/thesaurus.ts");

const data = generateDemoData();
await seedDemoData(prisma, { data, audit: false });
await searchQuery(`ANALYZE "SearchDocument"`);
await loadLexemeStats(true);

const published = data.results.filter((r) => r.status === "published");
const keyOfId = new Map(published.map((r) => [r.id, r.key]));
const topicOf = (key: string) => key.replace(/-\d+$/, "");

/** grade of a result for a labelled need: its own key, else its topic's grade, else 0 */
function grade(need: Labelled, resultKey: string) {
  return need.results?.[resultKey] ?? need.topics[topicOf(resultKey)] ?? 0;
}

const company = await prisma.organization.findFirstOrThrow({ where: { kind: "enterprise" } });
const rows: Array<{ need: Labelled; id: string }> = [];
for (const need of set.needs) {
  const row = await prisma.need.create({
    data: {
      organizationId: company.id, title: need.title, description: need.description, targetIndicators: need.targetIndicators,
      keywords: [], field: need.field, status: "published", publishedAt: new Date(),
    },
  });
  rows.push({ need, id: row.id });
}

function dcg(grades: number[]) {
  return grades.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}
function metrics(need: Labelled, rankedKeys: string[]) {
  const grades = rankedKeys.map((k) => grade(need, k));
  const all = published.map((r) => grade(need, r.key)).sort((a, b) => b - a);
  const ideal = dcg(all);
  const relevant = published.filter((r) => grade(need, r.key) >= 2).map((r) => r.key);
  const top = new Set(rankedKeys.slice(0, 10));
  const found = relevant.filter((k) => top.has(k)).length;
  const firstRel = grades.findIndex((g) => g >= 2);
  return {
    ndcg: ideal > 0 ? dcg(grades) / ideal : 0,
    // capped: a need with more than 10 relevant results can still reach 1
    recall: relevant.length ? found / Math.min(10, relevant.length) : 0,
    mrr: firstRel >= 0 && firstRel < 10 ? 1 / (firstRel + 1) : 0,
  };
}

const ours: ReturnType<typeof metrics>[] = [];
const base: ReturnType<typeof metrics>[] = [];
const times: number[] = [];
const perNeed: Array<Record<string, string | number>> = [];
for (const { need, id } of rows) {
  const t = performance.now();
  const matches = await matchesForNeed(id, { limit: 10 });
  times.push(performance.now() - t);
  const keys = matches.map((m) => keyOfId.get(m.id) ?? m.id);
  const m = metrics(need, keys);
  ours.push(m);
  const text = `${need.title} ${need.description} ${need.targetIndicators}`;
  const baseline = published
    .map((r) => ({ key: r.key, s: bigramBaselineScore(text, `${r.title} ${r.keywords.join(" ")} ${r.summary}`) }))
    .sort((a, b) => b.s - a.s || (a.key < b.key ? -1 : 1))
    .map((x) => x.key);
  const b = metrics(need, baseline);
  base.push(b);
  perNeed.push({ need: need.id, title: need.title.slice(0, 18), ndcg: +m.ndcg.toFixed(2), base_ndcg: +b.ndcg.toFixed(2), first: matches[0]?.reasons[0]?.slice(0, 30) ?? "-" });
}
const avg = (xs: ReturnType<typeof metrics>[], k: keyof ReturnType<typeof metrics>) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
times.sort((a, b) => a - b);

console.log(`\nMatching benchmark — ${set.needs.length} labelled needs (set v${set.version}), ${published.length} published demo results, thesaurus v${thesaurus().version}`);
console.log(machineLine());
console.table(perNeed);
console.table([
  { method: "matching (search/matching.server.ts)", "nDCG@10": +avg(ours, "ndcg").toFixed(3), "Recall@10": +avg(ours, "recall").toFixed(3), MRR: +avg(ours, "mrr").toFixed(3) },
  { method: "baseline: character bigrams (Dice)", "nDCG@10": +avg(base, "ndcg").toFixed(3), "Recall@10": +avg(base, "recall").toFixed(3), MRR: +avg(base, "mrr").toFixed(3) },
]);
console.log(`matchesForNeed latency: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (first call includes loading the segmenter)`);

await closeSearchPool();
await disconnectPrisma();
await handle.stop();
