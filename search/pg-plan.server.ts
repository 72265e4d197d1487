// The embedded engine's SQL: filters, statuses, paging and sorts, the ranking of candidates, and
// the statements of a search (buildSearchPlan: "hits" or "walk") and of its total (countSql).
// See search/README.md for the plans and why ranking never scores every hit.
import type { ListingKind, SearchParams } from "./types.ts";
import type { PreparedQuery } from "./pg-query.server.ts";

/** How many hits are scored in full for relevance ordering. */
export const CANDIDATES = 60;
const STATUSES = new Set(["draft", "pending_review", "published", "rejected", "withdrawn"]);

export type Sql = { text: string; values: unknown[] };

export class Params {
  values: unknown[] = [];
  add(v: unknown) {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export function regionPatterns(codes: string[]) {
  // a city (xxxx00) or province (xx0000) code covers its subdivisions
  return codes.map((c) =>
    /^\d{2}0000$/.test(c) ? `${c.slice(0, 2)}%` : /^\d{4}00$/.test(c) ? `${c.slice(0, 4)}%` : c.replace(/[%_\\]/g, ""),
  );
}

export type Dim = "field" | "maturity" | "regionCode" | "orgKind" | "transferMode";

/** Filter conditions by facet dimension (so facets can leave their own dimension out). */
export function filterConditions(params: SearchParams, p: Params, alias = "d") {
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
export function statusCondition(params: SearchParams, p: Params, alias = "d") {
  const statuses = statusesOf(params);
  return statuses.length === 1
    ? `${alias}.status = ${p.add(statuses[0])}`
    : `${alias}.status = ANY(${p.add(statuses)}::text[])`;
}

export function statusesOf(params: SearchParams) {
  const s = (params.statuses ?? []).filter((x) => STATUSES.has(x));
  return s.length ? s : ["published"];
}

export function paging(params: SearchParams) {
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
export function countSql(params: SearchParams, tsquery?: string): Sql {
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
