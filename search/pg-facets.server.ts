// Facet counts of the embedded engine: over the hits of a query text (buildFacetSql, exact up to
// EXACT_TOTAL_LIMIT hits, scaled past it), or from the rollup without one (facet-rollup.server.ts).
import type { SearchParams, SearchResponse } from "./types.ts";
import { rollupFacetSql } from "./facet-rollup.server.ts";
import { EXACT_TOTAL_LIMIT, filterConditions, Params, statusCondition, type Dim, type Sql } from "./pg-plan.server.ts";
import { estimateHits, type LexemeStats, type PreparedQuery } from "./pg-query.server.ts";
import { searchQuery } from "./pool.server.ts";

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

export function emptyFacets(params: SearchParams): Record<string, Record<string, number>> {
  return params.kind === "result"
    ? { field: {}, maturity: {}, regionCode: {}, orgKind: {}, transferMode: {} }
    : { field: {}, regionCode: {}, orgKind: {}, transferMode: {} };
}

/**
 * "Nothing found" as the in-process and PostgreSQL engines answer it (a query of only punctuation,
 * a statement cut off by its timeout): no hits, and the facet dimensions present but empty.
 */
export function emptySearchResponse(params: SearchParams, started: number): SearchResponse {
  return {
    ids: [],
    total: 0,
    highlights: {},
    ...(params.facets ? { facets: emptyFacets(params) } : {}),
    tookMs: performance.now() - started,
  };
}

export async function facetRows(params: SearchParams, prepared: PreparedQuery | null, stats: LexemeStats | undefined) {
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
