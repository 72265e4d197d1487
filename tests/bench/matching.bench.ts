// `npm run bench:matching`: two labelled sets against one corpus, scored with nDCG@10, Recall@10, MRR and
// the number of needs with nothing relevant (grade ≥ 2) in their top 10, next to a plain character-bigram
// baseline. A measurement, not a tuning target.
// - tests/matching/plain-language-set.json: needs in company owners' own words (how it was made: its "about");
// - tests/matching/labelled-set.json: the older set, written from the demo data's vocabulary.
// Corpus: the demo results plus tests/matching/extra-results.ts (published ones only). Uses a throwaway
// database under BENCH_DATA_DIR (default /tmp/bench-matching). BENCH_MATCHING_DETAIL=1 prints every need.
import fs from "node:fs";
import path from "node:path";
import { freshBenchDatabase, machineLine, percentile } from "./bench-db.ts";
import { EXTRA_RESULT_TOPICS } from "../matching/extra-results.ts";

type Labelled = {
  id: string;
  field: string;
  title: string;
  description: string;
  targetIndicators: string;
  topics: Record<string, number>;
  results?: Record<string, number>;
};
type LabelledSet = { version: number; needs: Labelled[] };

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-matching";
const readSet = (file: string) =>
  JSON.parse(fs.readFileSync(path.resolve("tests/matching", file), "utf8")) as LabelledSet;
const sets = [
  { name: "plain-language", set: readSet("plain-language-set.json") },
  { name: "demo-vocabulary (old)", set: readSet("labelled-set.json") },
];

const handle = await freshBenchDatabase(DATA_DIR, "bench_matching");
const { prisma, disconnectPrisma } = await import("../../app/db/db.server.ts");
const { seedDemoData, generateDemoData } = await import("../../seeds/seed.server.ts");
const { matchesForNeed } = await import("../../search/matching.server.ts");
const { bigramBaselineScore } = await import("../../search/match-score.server.ts");
const { loadLexemeStats } = await import("../../search/pg-engine.server.ts");
const { closeSearchPool, searchQuery } = await import("../../search/pool.server.ts");
const { thesaurus } = await import("../../search/thesaurus.ts");

const data = generateDemoData(undefined, { extraResultTopics: EXTRA_RESULT_TOPICS });
await seedDemoData(prisma, { data, audit: false });
// every result counts (the demo also has drafts and rejected ones): all of them are published here
await prisma.$executeRawUnsafe(
  `UPDATE "Result" SET status = 'published', "publishedAt" = coalesce("publishedAt", now()) WHERE status <> 'published'`,
);
await searchQuery(`ANALYZE "SearchDocument"`);
await loadLexemeStats(true);

const published = data.results;
const keyOfId = new Map(published.map((r) => [r.id, r.key]));
const topicOf = (key: string) => key.replace(/-\d+$/, "");

/** grade of a result for a labelled need: its own key, else its topic's grade, else 0 */
function grade(need: Labelled, resultKey: string) {
  return need.results?.[resultKey] ?? need.topics[topicOf(resultKey)] ?? 0;
}

function dcg(grades: number[]) {
  return grades.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}
type Metrics = { ndcg: number; recall: number; mrr: number; empty: number };
function metrics(need: Labelled, rankedKeys: string[]): Metrics {
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
    empty: relevant.length && (firstRel < 0 || firstRel >= 10) ? 1 : 0,
  };
}

const company = await prisma.organization.findFirstOrThrow({ where: { kind: "enterprise" } });
const times: number[] = [];
const table: Array<Record<string, string | number>> = [];
const detail = process.env.BENCH_MATCHING_DETAIL === "1";
for (const { name, set } of sets) {
  const ours: Metrics[] = [];
  const base: Metrics[] = [];
  const perNeed: Array<Record<string, string | number>> = [];
  for (const need of set.needs) {
    const row = await prisma.need.create({
      data: {
        organizationId: company.id,
        title: need.title,
        description: need.description,
        targetIndicators: need.targetIndicators,
        keywords: [],
        field: need.field,
        status: "published",
        publishedAt: new Date(),
      },
    });
    const t = performance.now();
    const matches = await matchesForNeed(row.id, { limit: 10 });
    times.push(performance.now() - t);
    const m = metrics(
      need,
      matches.map((x) => keyOfId.get(x.id) ?? x.id),
    );
    ours.push(m);
    const text = `${need.title} ${need.description} ${need.targetIndicators}`;
    const baseline = published
      .map((r) => ({ key: r.key, s: bigramBaselineScore(text, `${r.title} ${r.keywords.join(" ")} ${r.summary}`) }))
      .sort((a, b) => b.s - a.s || (a.key < b.key ? -1 : 1))
      .map((x) => x.key);
    base.push(metrics(need, baseline));
    perNeed.push({
      need: need.id,
      title: need.title.slice(0, 16),
      ndcg: +m.ndcg.toFixed(2),
      first: (keyOfId.get(matches[0]?.id ?? "") ?? "-").slice(7, 40),
    });
    // a need is matched against results only: remove it so the next set starts from the same corpus
    await prisma.need.delete({ where: { id: row.id } });
  }
  if (detail) console.table(perNeed);
  const avg = (xs: Metrics[], k: keyof Metrics) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  const line = (method: string, xs: Metrics[]) => ({
    set: `${name} (${set.needs.length})`,
    method,
    "nDCG@10": +avg(xs, "ndcg").toFixed(3),
    "Recall@10": +avg(xs, "recall").toFixed(3),
    MRR: +avg(xs, "mrr").toFixed(3),
    "no relevant in top 10": xs.reduce((s, x) => s + x.empty, 0),
  });
  table.push(line("matching", ours), line("baseline: bigram Dice", base));
}
times.sort((a, b) => a - b);

console.log(
  `\nMatching benchmark — ${published.length} published results (demo + ${EXTRA_RESULT_TOPICS.length} extra), thesaurus v${thesaurus().version}`,
);
console.log(machineLine());
console.table(table);
console.log(
  `matchesForNeed latency: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (first call includes loading the segmenter)`,
);

await closeSearchPool();
await disconnectPrisma();
await handle.stop();
