// The embedded engine: search over SearchDocument (kept by triggers, see the search migration)
// in the app's own PostgreSQL. One statement per search (plus one for facets, run in parallel).
//
// Recall: every document holding every query term (or, for a term with thesaurus alternatives,
// one of them) is a hit: the GIN index answers it exactly for bigrams, 1-character prefixes and
// Latin word prefixes. Ranking never scores every hit: hits are ordered by a cheap tier (exact
// vs. thesaurus-only, title/keywords vs. body) and recency, and only the first CANDIDATES of them
// are scored (title > keywords > body, occurrences, exact phrase, recency). Pages past the
// candidate window continue in tier/recency order, so the order stays total and stable.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import type { ListingKind, SearchParams, SearchResponse, Suggestion } from "./types.ts";
import { highlightText, snippet } from "./highlight.ts";
import { isHanTerm, normalizeText, queryTerms, termTsquery } from "./normalize.ts";
import { cached } from "./cache.server.ts";
import { rollupFacetSql } from "./facet-rollup.server.ts";
import { isTimeout, searchPool, searchQuery, statementTimeoutMs } from "./pool.server.ts";
import { thesaurus } from "./thesaurus.ts";

/** How many hits are scored in full for relevance ordering. */
export const CANDIDATES = 60;
const STATUSES = new Set(["draft", "pending_review", "published", "rejected", "withdrawn"]);

export type QueryForm = { form: string; group: number; weight: number; tsq: string };
export type PreparedQuery = {
  terms: string[];
  forms: QueryForm[];
  exactTsq: string;
  /** null when no term has thesaurus alternatives */
  expandedTsq: string | null;
  highlightTerms: string[];
};

/** A form may hold several words ("candidatus liberibacter", "wc-co"): all of them are required. */
function formTsquery(form: string): string | null {
  const parts = queryTerms(form);
  if (!parts.length) return null;
  return parts.length === 1 ? termTsquery(parts[0]!) : `(${parts.map(termTsquery).join(" & ")})`;
}

let jieba: Jieba | undefined;
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // keep the domain's words whole (钕铁硼, 矫顽力, 黄龙病 …)
    const words = thesaurus().dictionaryWords();
    jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join("\n")));
  }
  return jieba;
}

/**
 * Query terms → groups of alternative forms (the term itself, weight 1, then its thesaurus
 * alternatives). `segment` splits long Han terms into words first (used when the exact query
 * finds nothing: "橙子树叶子发黄怎么办" → 橙子树 / 叶子发黄 …).
 */
export function prepareQuery(
  q: string,
  opts: { expand?: boolean; segment?: boolean; frequency?: (term: string) => number } = {},
): PreparedQuery | null {
  let terms = queryTerms(q);
  if (opts.segment) {
    const words: string[] = [];
    for (const t of terms) {
      if (isHanTerm(t) && t.length >= 4) {
        for (const w of segmenter().cut(t, false)) if (w.length >= 2 && !STOP_WORDS.has(w)) words.push(w);
      } else words.push(t);
    }
    terms = [...new Set(words)].slice(0, 12);
  }
  if (!terms.length) return null;
  const th = thesaurus();
  const forms: QueryForm[] = [];
  const groups: string[] = [];
  const exact: string[] = [];
  let expanded = false;
  terms.forEach((term, group) => {
    const tsq = termTsquery(term);
    exact.push(tsq);
    forms.push({ form: term, group, weight: 1, tsq });
    const alts = [tsq];
    // a term already found in many documents is specific enough: alternatives would only add
    // cost and noise (稀土 needs no 镧/铈/镨钕)
    const common = (opts.frequency?.(term) ?? 0) >= COMMON_TERM_FREQUENCY;
    if (opts.expand !== false && !common) {
      for (const e of th.expand(term, 10)) {
        const etsq = formTsquery(e.form);
        if (!etsq || alts.includes(etsq)) continue;
        alts.push(etsq);
        forms.push({ form: e.form, group, weight: e.weight, tsq: etsq });
        expanded = true;
      }
    }
    groups.push(alts.length === 1 ? alts[0]! : `(${alts.join(" | ")})`);
  });
  return {
    terms,
    forms,
    exactTsq: exact.join(" & "),
    expandedTsq: expanded ? groups.join(" & ") : null,
    highlightTerms: [...new Set(forms.map((f) => f.form))],
  };
}

/** A term in at least this share of the documents is not expanded with thesaurus alternatives. */
export const COMMON_TERM_FREQUENCY = 0.05;

export type LexemeStats = { at: number; freq: Map<string, number>; floor: number; documents: number };
let lexemeStats: LexemeStats | undefined;
let lexemeStatsLoading: Promise<void> | undefined;

/**
 * Share of documents holding each common lexeme, from PostgreSQL's own statistics of the tsv
 * column (pg_stats.most_common_elems, refreshed by ANALYZE/autovacuum), cached for 10 minutes.
 */
export async function loadLexemeStats(force = false): Promise<LexemeStats> {
  const fresh = lexemeStats && Date.now() - lexemeStats.at < 600_000;
  if (fresh && !force) return lexemeStats!;
  lexemeStatsLoading ??= (async () => {
    try {
      const { rows } = await searchQuery<{ elems: string[] | null; freqs: number[] | null; documents: number }>(
        `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs,
                (SELECT greatest(c.reltuples, 0)::float8 FROM pg_class c WHERE c.relname = 'SearchDocument') AS documents
         FROM (SELECT 1) one LEFT JOIN pg_stats s ON s.tablename = 'SearchDocument' AND s.attname = 'tsv'`,
      );
      const freq = new Map<string, number>();
      const elems = rows[0]?.elems ?? [];
      const freqs = rows[0]?.freqs ?? [];
      elems.forEach((e, i) => freq.set(e, freqs[i] ?? 0));
      // the element below the tracked ones is rarer than the rarest tracked
      const floor = freqs.length > elems.length ? (freqs[elems.length] ?? 0) : 0;
      lexemeStats = { at: Date.now(), freq, floor, documents: Number(rows[0]?.documents ?? 0) };
    } catch {
      lexemeStats = { at: Date.now(), freq: new Map(), floor: 0, documents: 0 };
    } finally {
      lexemeStatsLoading = undefined;
    }
  })();
  await lexemeStatsLoading;
  return lexemeStats!;
}

/** Estimated share of documents containing a query term (0 when unknown, i.e. not common). */
export function termFrequency(stats: LexemeStats, term: string): number {
  const chars = Array.from(term);
  if (!isHanTerm(term)) return stats.freq.get(term) ?? 0;
  if (chars.length === 1) {
    let sum = 0;
    for (const [lex, f] of stats.freq) if (lex.startsWith(term)) sum += f;
    return Math.min(1, sum);
  }
  let min = 1;
  for (let i = 0; i < chars.length - 1; i++) min = Math.min(min, stats.freq.get(chars[i]! + chars[i + 1]!) ?? 0);
  return min;
}

// Generic words that carry no topic in a query ("……的技术", "怎么办").
const STOP_WORDS = new Set([
  "怎么办",
  "怎么",
  "如何",
  "什么",
  "我们",
  "需要",
  "问题",
  "解决",
  "技术",
  "方法",
  "一种",
  "可以",
  "有没有",
  "哪里",
  "请问",
]);

type Sql = { text: string; values: unknown[] };

class Params {
  values: unknown[] = [];
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

function regionPatterns(codes: string[]) {
  // a city (xxxx00) or province (xx0000) code covers its subdivisions
  return codes.map((c) =>
    /^\d{2}0000$/.test(c) ? `${c.slice(0, 2)}%` : /^\d{4}00$/.test(c) ? `${c.slice(0, 4)}%` : c.replace(/[%_\\]/g, ""),
  );
}

type Dim = "field" | "maturity" | "regionCode" | "orgKind" | "transferMode";

/** Filter conditions by facet dimension (so facets can leave their own dimension out). */
function filterConditions(params: SearchParams, p: Params, alias = "d") {
  const f = params.filters ?? {};
  const dims: Partial<Record<Dim, string>> = {};
  const other: string[] = [];
  const list = (v?: string[]) => (v && v.length ? v.slice(0, 50).map(String) : null);
  const field = list(f.field);
  if (field) dims.field = `${alias}.field = ANY(${p.add(field)}::text[])`;
  const maturity = list(f.maturity);
  if (maturity && params.kind === "result") dims.maturity = `${alias}.maturity = ANY(${p.add(maturity)}::text[])`;
  const region = list(f.regionCode);
  if (region) dims.regionCode = `${alias}."regionCode" LIKE ANY(${p.add(regionPatterns(region))}::text[])`;
  const orgKind = list(f.orgKind);
  if (orgKind) dims.orgKind = `${alias}."orgKind" = ANY(${p.add(orgKind)}::text[])`;
  const modes = list(f.transferMode);
  if (modes) dims.transferMode = `${alias}.modes && ${p.add(modes)}::text[]`;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? BigInt(Math.trunc(v)).toString() : null);
  const min = num(f.priceMinFen);
  if (min !== null) other.push(`${alias}."priceFen" >= ${p.add(min)}::bigint`);
  const max = num(f.priceMaxFen);
  if (max !== null) other.push(`${alias}."priceFen" <= ${p.add(max)}::bigint`);
  if (f.organizationId) other.push(`${alias}."organizationId" = ${p.add(String(f.organizationId))}`);
  return { dims, other };
}

/** Equality for one status (the common case) keeps the recency index usable for ordering. */
function statusCondition(params: SearchParams, p: Params, alias = "d") {
  const statuses = statusesOf(params);
  return statuses.length === 1
    ? `${alias}.status = ${p.add(statuses[0])}`
    : `${alias}.status = ANY(${p.add(statuses)}::text[])`;
}

function statusesOf(params: SearchParams) {
  const s = (params.statuses ?? []).filter((x) => STATUSES.has(x));
  return s.length ? s : ["published"];
}

function paging(params: SearchParams) {
  const pageSize = Math.min(100, Math.max(1, Math.floor(Number(params.pageSize)) || 20));
  const page = Math.min(1_000_000, Math.max(1, Math.floor(Number(params.page)) || 1));
  return { pageSize, offset: (page - 1) * pageSize };
}

const RAW: Record<ListingKind, { table: string; body: string }> = {
  result: { table: `"Result"`, body: `r.summary` },
  need: { table: `"Need"`, body: `r.description || E'\\n' || r."targetIndicators"` },
};

const RECENCY = `d."publishedAt" DESC, d."createdAt" DESC, d."listingId"`;
const H_RECENCY = `h.pub DESC, h.cre DESC, h.id`;
function orderBy(sort: string, alias: "d" | "h" = "d") {
  const rec = alias === "d" ? RECENCY : H_RECENCY;
  const price = alias === "d" ? `d."priceFen"` : `h.price`;
  if (sort === "price_asc") return `${price} ASC NULLS LAST, ${rec}`;
  if (sort === "price_desc") return `${price} DESC NULLS LAST, ${rec}`;
  return rec;
}

/** Up to this many hits are read in one pass; above it the query is "common" (see below). */
export const HIT_CAP = 8000;

export type SearchPlan =
  /** one statement: the hits (at most HIT_CAP + 1 of them), their count, the page */
  | { strategy: "hits"; statement: Sql }
  /** two statements in parallel: the exact count, and the page from the recency-ordered walk */
  | { strategy: "walk"; count: Sql; page: Sql };

type Built = { p: Params; kind: string; where: string; limitP: string; offsetP: string };

function baseOf(params: SearchParams): Built {
  const p = new Params();
  const kind = p.add(params.kind === "need" ? "need" : "result");
  const { dims, other } = filterConditions(params, p);
  const where = [`d.kind = ${kind}`, statusCondition(params, p), ...Object.values(dims), ...other].join(" AND ");
  const { pageSize, offset } = paging(params);
  return { p, kind, where, limitP: p.add(pageSize), offsetP: p.add(offset) };
}

function sortOf(params: SearchParams, prepared: PreparedQuery | null) {
  return params.sort && params.sort !== "relevance" ? params.sort : prepared ? "relevance" : "newest";
}

/** The page's raw title and body for highlighting, in page order. */
function withRows(kind: ListingKind, ctes: string, totalExpr = "NULL::int") {
  const raw = RAW[kind];
  return `WITH ${ctes}
SELECT ${totalExpr} AS total, pg.id, r.title, ${raw.body} AS body
FROM (SELECT 1) one
LEFT JOIN page pg ON true
LEFT JOIN ${raw.table} r ON r.id = pg.id
ORDER BY pg.pos`;
}

/**
 * Ranking of candidates: each query term scores its best form (the term itself, weight 1, or a
 * thesaurus alternative, weight < 1) by where it occurs — title 6, keywords 4, body 2 — plus up
 * to 2 for repeated occurrences of the exact term in the body, plus tier, title-prefix, whole
 * query in the title, and recency (≤ 0.5). Written out as one expression per candidate (no
 * sub-plan per row).
 */
function scoredCte(b: Built, prepared: PreparedQuery, from: string) {
  const { p, kind } = b;
  const groupExprs: string[] = [];
  prepared.terms.forEach((term, g) => {
    const alts = prepared.forms
      .filter((f) => f.group === g)
      .map((f) => {
        const fp = p.add(f.form);
        const w = Number(f.weight.toFixed(3));
        return `${w} * (6 * (strpos(t.title, ${fp}::text) > 0)::int + 4 * (strpos(t.keywords, ${fp}::text) > 0)::int + 2 * (strpos(t.body, ${fp}::text) > 0)::int)`;
      });
    const tp = p.add(term);
    const occurrences = `0.5 * least(4, (char_length(t.body) - char_length(replace(t.body, ${tp}::text, ''))) / ${Math.max(1, Array.from(term).length)}) `;
    groupExprs.push(`${alts.length > 1 ? `greatest(${alts.join(", ")})` : alts[0]} + ${occurrences}`);
  });
  const first = p.add(prepared.terms[0]!);
  const whole = p.add(prepared.terms.join(""));
  return `scored AS (
  SELECT c.id, c.pub, c.cre,
    ${groupExprs.map((e) => `(${e})`).join("\n    + ")}
    + c.tier * 0.5
    + CASE WHEN left(t.title, char_length(${first}::text)) = ${first}::text THEN 1.5 ELSE 0 END
    + CASE WHEN strpos(replace(t.title, ' ', ''), ${whole}::text) > 0 THEN 2 ELSE 0 END
    + 0.5 / (1 + extract(epoch FROM (now() - coalesce(c.pub, c.cre))) / 15552000.0) AS score
  FROM ${from} c
  JOIN "SearchText" t ON t.kind = ${kind} AND t."listingId" = c.id
),
ranked AS (
  SELECT id, row_number() OVER (ORDER BY score DESC, pub DESC NULLS LAST, cre DESC, id) AS pos FROM scored
)`;
}

/**
 * The SQL of one search (exported so the benchmark can time the same statements raw).
 *
 * - No query text: the newest (or cheapest…) page from the btree index, and the count.
 * - "hits" (the usual case): the hits are read once (GIN), at most HIT_CAP + 1 of them; if there
 *   are no more than HIT_CAP, this one statement answers everything. Tier per hit: exact term in
 *   title/keywords (3), exact in the text (2), thesaurus form in title/keywords (1), elsewhere (0);
 *   the first CANDIDATES by tier and recency are scored, later pages follow by tier and recency.
 * - "walk" (a very common term: more than HIT_CAP hits): reading every hit again would be the
 *   slow part, so the page comes from walks of the recency index per tier, each stopping after
 *   CANDIDATES hits (a term in 20% of the documents needs ~5 rows per hit), and the exact total
 *   from a count run in parallel.
 */
export function buildSearchPlan(
  params: SearchParams,
  prepared: PreparedQuery | null,
  strategy: "hits" | "walk" = "hits",
): SearchPlan {
  const kindName: ListingKind = params.kind === "need" ? "need" : "result";
  const sort = sortOf(params, prepared);
  if (!prepared) {
    const b = baseOf(params);
    return {
      strategy: "walk",
      count: countSql(params),
      page: {
        text: withRows(
          kindName,
          `page AS (
  SELECT d."listingId" AS id, row_number() OVER (ORDER BY ${orderBy(sort)}) AS pos
  FROM "SearchDocument" d WHERE ${b.where}
  ORDER BY ${orderBy(sort)} LIMIT ${b.limitP} OFFSET ${b.offsetP}
)`,
        ),
        values: b.p.values,
      },
    };
  }
  if (strategy === "hits") {
    const b = baseOf(params);
    const { p, where, limitP, offsetP } = b;
    const exact = p.add(prepared.exactTsq);
    const expanded = prepared.expandedTsq ? p.add(prepared.expandedTsq) : null;
    const tier = expanded
      ? `CASE WHEN d.head @@ ${exact}::tsquery THEN 3 WHEN d.tsv @@ ${exact}::tsquery THEN 2 WHEN d.head @@ ${expanded}::tsquery THEN 1 ELSE 0 END`
      : `CASE WHEN d.head @@ ${exact}::tsquery THEN 3 ELSE 2 END`;
    const cap = p.add(HIT_CAP + 1);
    const hits = `hits AS MATERIALIZED (
  SELECT d."listingId" AS id, d."publishedAt" AS pub, d."createdAt" AS cre, d."priceFen" AS price, ${tier} AS tier
  FROM "SearchDocument" d WHERE ${where} AND d.tsv @@ ${expanded ?? exact}::tsquery
  LIMIT ${cap}
)`;
    if (sort !== "relevance") {
      return {
        strategy: "hits",
        statement: {
          text: withRows(
            kindName,
            `${hits},
page AS (SELECT h.id, row_number() OVER (ORDER BY ${orderBy(sort, "h")}) AS pos FROM hits h ORDER BY ${orderBy(sort, "h")} LIMIT ${limitP} OFFSET ${offsetP})`,
            "(SELECT count(*)::int FROM hits)",
          ),
          values: p.values,
        },
      };
    }
    const k = p.add(CANDIDATES);
    const { pageSize, offset } = paging(params);
    const pastCandidates = offset + pageSize > CANDIDATES;
    return {
      strategy: "hits",
      statement: {
        text: withRows(
          kindName,
          `${hits},
cand AS MATERIALIZED (SELECT h.* FROM hits h ORDER BY h.tier DESC, ${H_RECENCY} LIMIT ${k}),
${scoredCte(b, prepared, "cand")},
page AS (
  SELECT id, pos FROM ranked WHERE pos > ${offsetP}::int AND pos <= ${offsetP}::int + ${limitP}::int${
    pastCandidates
      ? `
  UNION ALL
  SELECT id, pos FROM (
    SELECT h.id, row_number() OVER (ORDER BY h.tier DESC, ${H_RECENCY}) AS pos FROM hits h
  ) rest WHERE pos > greatest(${offsetP}::int, ${k}::int) AND pos <= ${offsetP}::int + ${limitP}::int`
      : ""
  }
)`,
          "(SELECT count(*)::int FROM hits)",
        ),
        values: p.values,
      },
    };
  }

  // walk
  const b = baseOf(params);
  const { p, where, limitP, offsetP } = b;
  const countStatement = countSql(params, prepared.expandedTsq ?? prepared.exactTsq);
  if (sort !== "relevance") {
    const recall = `${p.add(prepared.expandedTsq ?? prepared.exactTsq)}::tsquery`;
    return {
      strategy: "walk",
      count: countStatement,
      page: {
        text: withRows(
          kindName,
          `page AS (
  SELECT d."listingId" AS id, row_number() OVER (ORDER BY ${orderBy(sort)}) AS pos
  FROM "SearchDocument" d WHERE ${where} AND d.tsv @@ ${recall}
  ORDER BY ${orderBy(sort)} LIMIT ${limitP} OFFSET ${offsetP}
)`,
        ),
        values: p.values,
      },
    };
  }
  const exact = p.add(prepared.exactTsq);
  const expanded = prepared.expandedTsq ? p.add(prepared.expandedTsq) : null;
  const recall = `${expanded ?? exact}::tsquery`;
  const k = p.add(CANDIDATES);
  // the candidates of a walk are at most 4 × CANDIDATES; a page past them needs the tail
  const walkTail = paging(params).offset + paging(params).pageSize > CANDIDATES;
  const branch = (tierValue: number, column: "head" | "tsv", q: string) =>
    `(SELECT d."listingId" AS id, ${tierValue} AS tier, d."publishedAt" AS pub, d."createdAt" AS cre FROM "SearchDocument" d
    WHERE ${where} AND d.${column} @@ ${q}::tsquery ORDER BY d."publishedAt" DESC LIMIT ${k})`;
  const branches = [branch(3, "head", exact), branch(2, "tsv", exact)];
  // exact hits met again here keep their higher tier (max per id)
  if (expanded) branches.push(branch(1, "head", expanded), branch(0, "tsv", expanded));
  return {
    strategy: "walk",
    count: countStatement,
    page: {
      text: withRows(
        kindName,
        `cand AS MATERIALIZED (
  SELECT u.id, max(u.tier) AS tier, max(u.pub) AS pub, max(u.cre) AS cre FROM (
    ${branches.join("\n    UNION ALL\n    ")}
  ) u GROUP BY u.id
),
${scoredCte(b, prepared, "cand")},
page AS (
  SELECT id, pos FROM ranked WHERE pos > ${offsetP}::int AND pos <= ${offsetP}::int + ${limitP}::int${
    walkTail
      ? `
  UNION ALL
  SELECT id, pos FROM (
    SELECT t.id, (SELECT count(*) FROM cand) + row_number() OVER (ORDER BY t.pub DESC, t.cre DESC, t.id) AS pos FROM (
      SELECT d."listingId" AS id, d."publishedAt" AS pub, d."createdAt" AS cre FROM "SearchDocument" d
      WHERE ${offsetP}::int + ${limitP}::int > (SELECT count(*) FROM cand)
        AND ${where} AND d.tsv @@ ${recall}
        AND NOT EXISTS (SELECT 1 FROM cand c WHERE c.id = d."listingId")
      ORDER BY ${RECENCY}
      LIMIT greatest(0, ${offsetP}::int + ${limitP}::int - (SELECT count(*) FROM cand)::int)
    ) t
  ) tail WHERE pos > ${offsetP}::int`
      : ""
  }
)`,
      ),
      values: p.values,
    },
  };
}

/**
 * The total of a search. Without query text: exact (an index-only count). With query text: exact
 * up to EXACT_TOTAL_LIMIT hits; past it, the hits are counted no further and the total is
 * estimated from how far into the table the counted hits reached. A bitmap heap scan visits the
 * table in block order, so the hits counted between the first and the last block they were met in
 * extrapolate to the rest of the table (from the first block on: a new term's hits sit in the
 * newest blocks). The same idea as Elasticsearch's `track_total_hits`: "more than 10,000, about N".
 */
function countSql(params: SearchParams, tsquery?: string): Sql {
  const p = new Params();
  const kind = p.add(params.kind === "need" ? "need" : "result");
  const { dims, other } = filterConditions(params, p);
  const where = [`d.kind = ${kind}`, statusCondition(params, p), ...Object.values(dims), ...other];
  if (!tsquery)
    return {
      text: `SELECT count(*)::int AS total, true AS exact FROM "SearchDocument" d WHERE ${where.join(" AND ")}`,
      values: p.values,
    };
  where.push(`d.tsv @@ ${p.add(tsquery)}::tsquery`);
  const limit = p.add(EXACT_TOTAL_LIMIT + 1);
  return {
    text: `SELECT CASE WHEN c.n <= ${EXACT_TOTAL_LIMIT} THEN c.n
                  ELSE greatest(c.n, round(c.n * (pg_relation_size('"SearchDocument"') / 8192 - c.first_block) / (c.last_block - c.first_block + 1)))::int END AS total,
              c.n <= ${EXACT_TOTAL_LIMIT} AS exact
       FROM (SELECT count(*)::int AS n, coalesce((min(h.ctid)::text::point)[0], 0)::float8 AS first_block,
                    coalesce((max(h.ctid)::text::point)[0], 0)::float8 AS last_block
             FROM (SELECT d.ctid FROM "SearchDocument" d WHERE ${where.join(" AND ")} LIMIT ${limit}) h) c`,
    values: p.values,
  };
}

/** Up to this many hits a search's total (and its facet counts) are exact; past it, estimated. */
export const EXACT_TOTAL_LIMIT = 10_000;

/**
 * Hits counted for the facets of a query the lexeme statistics expect to pass EXACT_TOTAL_LIMIT:
 * its counts will be estimates anyway, and counting 10,000 hits is ~70 ms against ~18 ms for
 * 2,500 (稀土 at 100k documents); a count of 5 % of the hits is then within about ±10 %.
 */
export const FACET_SAMPLE = 2_500;

/**
 * Facet counts over all hits; each dimension is counted with every filter except its own.
 * With query text they are exact up to `exactUpTo` hits (EXACT_TOTAL_LIMIT unless the caller
 * expects more hits than that), scaled from the first `exactUpTo` hits past it.
 */
export function buildFacetSql(
  params: SearchParams,
  prepared: PreparedQuery | null,
  exactUpTo = EXACT_TOTAL_LIMIT,
): Sql {
  const p = new Params();
  const kind = p.add(params.kind === "need" ? "need" : "result");
  const status = statusCondition(params, p);
  const { dims, other } = filterConditions(params, p, "b");
  const text = prepared ? ` AND d.tsv @@ ${p.add(prepared.expandedTsq ?? prepared.exactTsq)}::tsquery` : "";
  // other (price, organization) filters apply to the base set; rewrite their alias
  const base = [`d.kind = ${kind}`, status, ...other.map((c) => c.replace(/\bb\./g, "d."))].join(" AND ");
  const except = (dim: Dim) => {
    const conds = Object.entries(dims)
      .filter(([k]) => k !== dim)
      .map(([, v]) => v);
    return conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  };
  const parts = [
    `SELECT 'field' AS dim, b.field AS val, count(*)::int AS n FROM base b ${except("field")} GROUP BY b.field`,
    `SELECT 'regionCode', b."regionCode", count(*)::int FROM base b ${except("regionCode")} GROUP BY b."regionCode"`,
    `SELECT 'orgKind', b."orgKind", count(*)::int FROM base b ${except("orgKind")} GROUP BY b."orgKind"`,
    // unnest() in the select list: about half the cost of a lateral function scan per row
    `SELECT 'transferMode', m.val, count(*)::int FROM (SELECT unnest(b.modes) AS val FROM base b ${except("transferMode")}) m GROUP BY m.val`,
  ];
  if (params.kind === "result") {
    parts.splice(
      1,
      0,
      `SELECT 'maturity', b.maturity, count(*)::int FROM base b ${except("maturity")} GROUP BY b.maturity`,
    );
  }
  if (!prepared) {
    return {
      text: `WITH base AS MATERIALIZED (
  SELECT d.field, d.maturity, d."regionCode", d."orgKind", d.modes FROM "SearchDocument" d WHERE ${base}
)
SELECT dim, val, n, true AS exact FROM (
${parts.join("\nUNION ALL\n")}
) x`,
      values: p.values,
    };
  }
  // With query text, as for the total (countSql): exact up to `exactUpTo` hits; past it, counted
  // over the first `exactUpTo` + 1 hits in table order and scaled to the estimate.
  const limit = p.add(exactUpTo + 1);
  return {
    text: `WITH base AS MATERIALIZED (
  SELECT d.field, d.maturity, d."regionCode", d."orgKind", d.modes, d.ctid FROM "SearchDocument" d WHERE ${base}${text} LIMIT ${limit}
),
scale AS (
  SELECT CASE WHEN count(*) <= ${exactUpTo} THEN 1.0
              ELSE greatest(1.0, (pg_relation_size('"SearchDocument"') / 8192 - (min(ctid)::text::point)[0])::float8
                                 / ((max(ctid)::text::point)[0] - (min(ctid)::text::point)[0] + 1)) END AS f
  FROM base
)
SELECT x.dim, x.val, CASE WHEN s.f = 1.0 THEN x.n ELSE round(x.n * s.f)::int END AS n, s.f = 1.0 AS exact FROM (
${parts.join("\nUNION ALL\n")}
) x CROSS JOIN scale s`,
    values: p.values,
  };
}

type PageRow = { total: number | null; id: string | null; title: string | null; body: string | null };

/**
 * Hits a query is expected to have, from the lexeme statistics (a lower bound for prefixes and
 * unknown terms): enough to choose the "walk" plan directly for a very common term.
 */
export function estimateHits(stats: LexemeStats | undefined, prepared: PreparedQuery | null) {
  if (!stats || !prepared || !stats.documents) return 0;
  let share = 1;
  prepared.terms.forEach((_, g) => {
    const forms = prepared.forms.filter((f) => f.group === g);
    let sum = 0;
    for (const f of forms) {
      const parts = queryTerms(f.form);
      sum += parts.length ? Math.min(...parts.map((x) => termFrequency(stats, x))) : 0;
    }
    share = Math.min(share, Math.min(1, sum));
  });
  return share * stats.documents;
}

function hasFilters(params: SearchParams) {
  const f = params.filters ?? {};
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null));
}

/**
 * The plan tried first. The lexeme statistics know nothing of the filters: a filtered search
 * tries one pass first (a common term narrowed by a field or a price range has far fewer hits).
 */
export function firstStrategy(
  params: SearchParams,
  prepared: PreparedQuery | null,
  stats?: LexemeStats,
): "hits" | "walk" {
  return !hasFilters(params) && estimateHits(stats, prepared) > HIT_CAP ? "walk" : "hits";
}

/** Runs a plan; a "hits" plan that meets more than HIT_CAP hits is run again as "walk". */
export async function runSearchPlan(params: SearchParams, prepared: PreparedQuery | null, stats?: LexemeStats) {
  const first = buildSearchPlan(params, prepared, firstStrategy(params, prepared, stats));
  if (first.strategy === "hits") {
    const { rows } = await searchQuery<PageRow>(first.statement.text, first.statement.values);
    const total = rows[0]?.total ?? 0;
    if (total <= HIT_CAP)
      return { total, exact: true, rows: rows.filter((r) => r.id !== null), strategy: "hits" as const };
  }
  const walk = first.strategy === "walk" ? first : buildSearchPlan(params, prepared, "walk");
  if (walk.strategy !== "walk") throw new Error("unreachable");
  const [count, page] = await Promise.all([
    searchQuery<{ total: number; exact: boolean }>(walk.count.text, walk.count.values),
    searchQuery<PageRow>(walk.page.text, walk.page.values),
  ]);
  return {
    total: count.rows[0]?.total ?? 0,
    exact: count.rows[0]?.exact ?? true,
    rows: page.rows.filter((r) => r.id !== null),
    strategy: "walk" as const,
  };
}

function cacheKey(params: SearchParams) {
  const f = params.filters ?? {};
  const sorted = (v?: string[]) => (v && v.length ? [...v].map(String).sort() : undefined);
  return JSON.stringify([
    params.kind,
    normalizeText(String(params.q ?? "")).trim(),
    statusesOf(params).sort(),
    params.sort ?? "",
    paging(params),
    !!params.facets,
    sorted(f.field),
    sorted(f.maturity),
    sorted(f.regionCode),
    sorted(f.transferMode),
    sorted(f.orgKind),
    f.priceMinFen ?? null,
    f.priceMaxFen ?? null,
    f.organizationId ?? null,
  ]);
}

/**
 * searchListings() on the embedded engine, through the result cache (search/cache.server.ts).
 * Ids served from the cache are re-checked against the current statuses, so a withdrawn listing
 * never comes back from it.
 */
export async function pgSearch(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  let value: { res: SearchResponse; recall: string | null };
  let hit = false;
  try {
    ({ value, hit } = await cached(cacheKey(params), async () => {
      const res = await pgSearchUncached(params);
      return { res, recall: lastRecall.get(res) ?? null };
    }));
  } catch (error) {
    // bounded time: a statement cancelled by statement_timeout answers "nothing found", not a 500
    if (!isTimeout(error)) throw error;
    console.error(
      `search timed out after ${statementTimeoutMs()} ms: ${JSON.stringify({ kind: params.kind, q: String(params.q ?? "").slice(0, 100) })}`,
    );
    return {
      ids: [],
      total: 0,
      highlights: {},
      ...(params.facets ? { facets: emptyFacets(params) } : {}),
      tookMs: performance.now() - started,
    };
  }
  let res = value.res;
  if (hit && res.ids.length) {
    // still holding that status and still matching the query (an edit or withdrawal may have
    // committed an instant before its notification arrives)
    // a named statement: planned once per connection
    const { rows } = await searchPool().query<{ id: string }>({
      name: "search-recheck",
      text: `SELECT "listingId" AS id FROM "SearchDocument" WHERE kind = $1 AND "listingId" = ANY($2::text[]) AND status = ANY($3::text[])
         AND ($4::text IS NULL OR tsv @@ $4::tsquery)`,
      values: [params.kind === "need" ? "need" : "result", res.ids, statusesOf(params), value.recall],
    });
    if (rows.length !== res.ids.length) {
      const ok = new Set(rows.map((r) => r.id));
      res = {
        ...res,
        ids: res.ids.filter((id) => ok.has(id)),
        total: Math.max(0, res.total - (res.ids.length - ok.size)),
      };
    }
  }
  return { ...res, tookMs: performance.now() - started };
}

/** The recall tsquery each uncached response was computed with (for the cache's re-check). */
const lastRecall = new WeakMap<SearchResponse, string>();

/** The search itself, without the cache (the benchmark times this). */
export async function pgSearchUncached(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  const q = typeof params.q === "string" ? params.q : "";
  const stats = q.trim() ? await loadLexemeStats() : undefined;
  const frequency = stats ? (t: string) => termFrequency(stats, t) : undefined;
  let prepared = prepareQuery(q, { frequency });
  // Only punctuation, emoji or symbols: nothing to search for → no hits (not "everything").
  if (q.trim() && !prepared) {
    return {
      ids: [],
      total: 0,
      highlights: {},
      ...(params.facets ? { facets: emptyFacets(params) } : {}),
      tookMs: performance.now() - started,
    };
  }
  const run = async (pq: PreparedQuery | null) => {
    const [res, f] = await Promise.all([
      runSearchPlan(params, pq, stats),
      params.facets ? facetRows(params, pq, stats) : Promise.resolve(undefined),
    ]);
    return { ...res, facets: f?.facets, facetsExact: f?.exact ?? true };
  };
  let { total, exact, rows, facets, facetsExact } = await run(prepared);
  // Nothing contains the query as written: try it cut into words ("叶子发黄怎么办" → 叶子发黄).
  if (prepared && total === 0 && prepared.terms.some((t) => isHanTerm(t) && t.length >= 4)) {
    const relaxed = prepareQuery(q, { segment: true, frequency });
    if (relaxed && relaxed.exactTsq !== prepared.exactTsq) {
      prepared = relaxed;
      ({ total, exact, rows, facets, facetsExact } = await run(prepared));
    }
  }
  const highlights: SearchResponse["highlights"] = {};
  if (prepared) {
    for (const r of rows) {
      highlights[r.id!] = {
        title: highlightText(r.title ?? "", prepared.highlightTerms),
        snippet: snippet(r.body ?? "", prepared.highlightTerms),
      };
    }
  }
  const response: SearchResponse = {
    ids: rows.map((r) => r.id!),
    total,
    ...(exact ? {} : { totalExact: false }),
    highlights,
    ...(params.facets ? { facets, ...(facetsExact ? {} : { facetsExact: false }) } : {}),
    tookMs: performance.now() - started,
  };
  if (prepared) lastRecall.set(response, prepared.expandedTsq ?? prepared.exactTsq);
  return response;
}

function emptyFacets(params: SearchParams): Record<string, Record<string, number>> {
  return params.kind === "result"
    ? { field: {}, maturity: {}, regionCode: {}, orgKind: {}, transferMode: {} }
    : { field: {}, regionCode: {}, orgKind: {}, transferMode: {} };
}

async function facetRows(params: SearchParams, prepared: PreparedQuery | null, stats: LexemeStats | undefined) {
  // Without query text the rollup holds the same counts pre-grouped: one small scan instead of
  // grouping every published document (225 ms → ~25 ms at 100k listings).
  const f = params.filters ?? {};
  // The statistics ignore filters; price and organization filters narrow the counted set itself.
  const narrowed = f.priceMinFen != null || f.priceMaxFen != null || !!f.organizationId;
  const expectedHits = narrowed ? 0 : estimateHits(stats, prepared);
  const sql =
    rollupFacetSql(params, prepared) ??
    buildFacetSql(params, prepared, expectedHits > 1.5 * EXACT_TOTAL_LIMIT ? FACET_SAMPLE : EXACT_TOTAL_LIMIT);
  const { rows } = await searchQuery<{ dim: string; val: string | null; n: number; exact: boolean }>(
    sql.text,
    sql.values,
  );
  const facets = emptyFacets(params);
  for (const r of rows) if (r.val !== null) (facets[r.dim] ??= {})[r.val] = r.n;
  return { facets, exact: rows.every((r) => r.exact) };
}

/** Search-as-you-type: thesaurus terms starting with the input, then titles containing it. */
export async function pgSuggest(q: string, limit = 8): Promise<Suggestion[]> {
  const norm = normalizeText(q).trim();
  const prepared = prepareQuery(q, { expand: false });
  if (!prepared || !norm) return [];
  const th = thesaurus();
  const terms: Suggestion[] = [];
  const compact = norm.replace(/\s+/g, "");
  for (const [form, hits] of th.forms) {
    if (form.startsWith(compact) && form !== compact) {
      terms.push({ text: th.display(hits[0]!.conceptId, form), kind: "term" });
    }
  }
  terms.sort((a, b) => a.text.length - b.text.length);
  const termPart = terms.slice(0, Math.min(3, limit));
  // titles holding the input (title/keyword lexemes), those starting with it first
  const { rows } = await searchQuery<{ id: string; kind: "result" | "need"; title: string }>(
    `SELECT c.id, c.kind, coalesce(r.title, n.title) AS title FROM (
       SELECT d."listingId" AS id, d.kind, d."publishedAt" FROM "SearchDocument" d
       WHERE d.status = 'published' AND d.head @@ $1::tsquery
       ORDER BY d."publishedAt" DESC LIMIT 200
     ) c
     JOIN "SearchText" t ON t.kind = c.kind AND t."listingId" = c.id
     LEFT JOIN "Result" r ON c.kind = 'result' AND r.id = c.id
     LEFT JOIN "Need" n ON c.kind = 'need' AND n.id = c.id
     WHERE strpos(t.title, $2::text) > 0
     ORDER BY (left(t.title, char_length($2::text)) = $2::text) DESC, c."publishedAt" DESC
     LIMIT $3`,
    [prepared.exactTsq, compact, limit - termPart.length],
  );
  return [...termPart, ...rows.map((r) => ({ text: r.title, kind: r.kind, id: r.id }))];
}
