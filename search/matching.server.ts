// Two-way matching: need → results that could solve it, result → needs it could
// answer. Uses the listing's whole text (title, keywords, description/summary, target
// indicators), the domain thesaurus (company words ↔ academic words, synonyms, broader/narrower
// and related concepts) and the field, and explains every match with human-readable reasons.
//
// 1. Profile of the source listing: its words (jieba, domain dictionary loaded; weighted by where
//    they occur, general IDF and how common they are in this market) and its thesaurus concepts.
// 2. Candidates: published listings of the other kind holding any of those words or any form of
//    those concepts (or of related ones) — one GIN OR query, pre-scored in SQL, best 120 kept.
// 3. Each candidate is scored in full (shared words, shared concepts, related concepts, field) and
//    the reasons are written from what was shared. Profiles and scores: match-score.server.ts.
import type { Tx } from "../app/db/db.server.ts";
import { buildProfile, buildTargetProfile, scoreMatch, type Profile } from "./match-score.server.ts";
import { queryTerms, termTsquery } from "./normalize.ts";
import { loadLexemeStats, termFrequency } from "./pg-engine.server.ts";
import { searchQuery } from "./pool.server.ts";
import { thesaurus } from "./thesaurus.ts";

export type ListingKind = "result" | "need";
export type Match = { id: string; score: number; reasons: string[] };

/** Runs SQL on the search pool, or inside a caller's transaction (sees its uncommitted rows). */
export type Exec = <T>(text: string, values: unknown[]) => Promise<T[]>;
export const poolExec: Exec = async <T>(text: string, values: unknown[]) =>
  (await searchQuery(text, values)).rows as T[];
export const txExec =
  (tx: Tx): Exec =>
  async <T>(text: string, values: unknown[]) =>
    (await tx.$queryRawUnsafe(text, ...values)) as T[];

// ---------------------------------------------------------------- candidates

type Alternative = { tsq: string; weight: number };

/** The profile's words and concept forms as weighted tsquery alternatives (best first). */
function alternatives(profile: Profile, max = 60): Alternative[] {
  const th = thesaurus();
  const out = new Map<string, number>();
  const add = (form: string, weight: number) => {
    const terms = queryTerms(form);
    if (!terms.length) return;
    const tsq = terms.length === 1 ? termTsquery(terms[0]!) : `(${terms.map(termTsquery).join(" & ")})`;
    out.set(tsq, Math.max(out.get(tsq) ?? 0, weight));
  };
  for (const [key, w] of [...profile.words].sort((a, b) => b[1].weight - a[1].weight).slice(0, 25)) add(key, w.weight);
  for (const [id, c] of profile.concepts) {
    const concept = th.concepts.get(id);
    if (!concept) continue;
    const forms = [...concept.terms, ...concept.colloquial].sort((a, b) => a.length - b.length).slice(0, 8);
    // a modifier (卖不上价 → 高值化) names no subject: it scores only beside one (scoreMatch), and
    // must not fill the candidates with everything that adds value to anything
    for (const f of forms) add(f, concept.modifier ? c.weight * 0.3 : c.weight);
    for (const other of [...concept.related, ...concept.narrower, ...concept.broader]) {
      const oc = th.concepts.get(other);
      if (oc) for (const f of oc.terms.slice(0, 3)) add(f, c.weight * 0.5);
    }
  }
  return [...out.entries()]
    .map(([tsq, weight]) => ({ tsq, weight }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, max);
}

type SourceRow = {
  id: string;
  kind: ListingKind;
  status: string;
  title: string;
  keywords: string;
  body: string;
  field: string;
  indicators: string | null;
};

async function loadSource(exec: Exec, kind: ListingKind, id: string): Promise<SourceRow | null> {
  const rows = await exec<SourceRow>(
    kind === "need"
      ? `SELECT n.id, 'need' AS kind, n.status::text AS status, n.title, array_to_string(coalesce(n.keywords, '{}'), '，') AS keywords,
           n.description AS body, n.field, n."targetIndicators" AS indicators FROM "Need" n WHERE n.id = $1`
      : `SELECT r.id, 'result' AS kind, r.status::text AS status, r.title, array_to_string(coalesce(r.keywords, '{}'), '，') AS keywords,
           concat_ws(E'\\n', r.summary, r."ipDescription") AS body, r.field, NULL AS indicators FROM "Result" r WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

type CandidateRow = { id: string; field: string; title: string; keywords: string; body: string; pre: number };

/**
 * Matches for a listing: published listings of the other kind, best first. Needs whose deadline
 * has passed are not offered as matches.
 */
export async function findMatches(
  kind: ListingKind,
  id: string,
  opts: { limit?: number; minScore?: number; exec?: Exec } = {},
): Promise<Match[]> {
  const exec = opts.exec ?? poolExec;
  const limit = Math.min(50, Math.max(1, opts.limit ?? 10));
  const source = await loadSource(exec, kind, id);
  if (!source) return [];
  const stats = await loadLexemeStats().catch(() => undefined);
  const frequency = (t: string) => (stats ? termFrequency(stats, t) : 0);
  const profile = buildProfile(
    {
      title: source.title,
      keywords: source.keywords,
      body: source.body,
      indicators: source.indicators ?? "",
      field: source.field,
    },
    frequency,
  );
  const alts = alternatives(profile);
  if (!alts.length) return [];
  const target: ListingKind = kind === "need" ? "result" : "need";
  const candidates = await exec<CandidateRow>(
    `WITH hits AS MATERIALIZED (
       SELECT d."listingId" AS id, d.field, d.head, d.tsv FROM "SearchDocument" d
       WHERE d.kind = $1 AND d.status = 'published' AND d.tsv @@ $2::tsquery
       ${target === "need" ? `AND NOT EXISTS (SELECT 1 FROM "Need" n WHERE n.id = d."listingId" AND n.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date)` : ""}
       ORDER BY d."publishedAt" DESC LIMIT 2000
     ),
     pre AS (
       SELECT h.id, h.field,
         (SELECT coalesce(sum(x.w * CASE WHEN h.head @@ x.q THEN 1.5 ELSE 1 END), 0)
            FROM unnest($3::tsquery[], $4::float8[]) AS x(q, w) WHERE h.tsv @@ x.q)
         + CASE WHEN h.field = $5 THEN 0.5 ELSE 0 END AS pre
       FROM hits h ORDER BY pre DESC LIMIT 120
     )
     SELECT p.id, p.field, t.title, t.keywords, t.body, p.pre::float8 AS pre
     FROM pre p JOIN "SearchText" t ON t.kind = $1 AND t."listingId" = p.id`,
    [target, alts.map((a) => a.tsq).join(" | "), alts.map((a) => a.tsq), alts.map((a) => a.weight), source.field],
  );
  const scored: Match[] = [];
  for (const c of candidates) {
    // SearchText is normalised already: the target profile needs its concepts and text only
    const targetProfile = buildTargetProfile(c);
    const { score, reasons } = scoreMatch(profile, targetProfile);
    if (score <= 0 || score < (opts.minScore ?? 0.05)) continue;
    scored.push({ id: c.id, score, reasons });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return scored.slice(0, limit);
}

/** findMatches, but a query cancelled by statement_timeout gives no matches instead of an error. */
export async function findMatchesBounded(
  kind: ListingKind,
  id: string,
  opts: { limit?: number; minScore?: number; exec?: Exec } = {},
) {
  try {
    return await findMatches(kind, id, opts);
  } catch (error) {
    if ((error as { code?: string })?.code !== "57014") throw error;
    console.error(`matching timed out for ${kind} ${id}`);
    return [];
  }
}

export const matchesForNeed = (needId: string, opts?: { limit?: number; minScore?: number; exec?: Exec }) =>
  findMatches("need", needId, opts);
export const matchesForResult = (resultId: string, opts?: { limit?: number; minScore?: number; exec?: Exec }) =>
  findMatches("result", resultId, opts);
