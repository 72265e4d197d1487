// Facet counts without a query text, from the rollup "SearchFacetCount" (migration
// 20261128090000_search_facet_rollup) instead of grouping every matching document: one row per
// distinct (kind, status, field, maturity, regionCode, orgKind, set of modes) with its number of
// documents, kept exact by triggers on "SearchDocument" in the same transaction as every change.
//
// rollupFacetSql() answers the same rows as buildFacetSql() (pg-engine.server.ts) for every
// search it can answer: no query text, no price filter, no organization filter (those need the
// documents themselves).
import pg from "pg";
import type { SearchParams } from "./types.ts";
import type { PreparedQuery } from "./pg-engine.server.ts";
import { regionPatterns, statusesOf, type Dim } from "./pg-plan.server.ts";
import { getEnv } from "../app/env.server.ts";

const list = (v?: string[]) => (v && v.length ? v.slice(0, 50).map(String) : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? BigInt(Math.trunc(v)).toString() : null);

/**
 * The facet counts of a search from the rollup: rows (dim, val, n, exact) exactly as
 * buildFacetSql(params, null) returns them — each dimension counted with every filter except its
 * own, regions by city/province prefix, transfer modes as "any of", statuses as the search's —
 * or null when the rollup cannot answer: a query text, a price filter, an organization filter.
 */
export function rollupFacetSql(
  params: SearchParams,
  prepared: PreparedQuery | null,
): { text: string; values: unknown[] } | null {
  if (prepared) return null;
  const f = params.filters ?? {};
  if (num(f.priceMinFen) !== null || num(f.priceMaxFen) !== null || f.organizationId) return null;

  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const kind = add(params.kind === "need" ? "need" : "result");
  const statuses = statusesOf(params);
  const status = statuses.length === 1 ? `b.status = ${add(statuses[0])}` : `b.status = ANY(${add(statuses)}::text[])`;

  // Conditions by dimension, as functions of the row they test (a rollup row "b", or a group
  // "g" of the first level below, whose maturity is already NULL for '').
  type Row = { alias: string; maturity: string };
  const conds: Partial<Record<Dim, (r: Row) => string>> = {};
  const field = list(f.field);
  if (field) {
    const v = add(field);
    conds.field = (r) => `${r.alias}.field = ANY(${v}::text[])`;
  }
  const maturity = list(f.maturity);
  if (maturity && params.kind === "result") {
    const v = add(maturity);
    conds.maturity = (r) => `${r.maturity} = ANY(${v}::text[])`;
  }
  const region = list(f.regionCode);
  if (region) {
    const v = add(regionPatterns(region));
    conds.regionCode = (r) => `${r.alias}."regionCode" LIKE ANY(${v}::text[])`;
  }
  const orgKind = list(f.orgKind);
  if (orgKind) {
    const v = add(orgKind);
    conds.orgKind = (r) => `${r.alias}."orgKind" = ANY(${v}::text[])`;
  }
  // the rollup's modes are a set (sorted, de-duplicated): "any of" is the same test
  const modes = list(f.transferMode);
  const modesCond = modes ? `b.modes && ${add(modes)}::text[]` : null;

  const b: Row = { alias: "b", maturity: "nullif(b.maturity, '')" };
  const g: Row = { alias: "g", maturity: "g.maturity" };
  const where = (r: Row, leaveOut: Dim[]) =>
    (Object.entries(conds) as Array<[Dim, (r: Row) => string]>)
      .filter(([d]) => !leaveOut.includes(d))
      .map(([, c]) => c(r));
  const isResult = params.kind === "result";
  const keyDims: Dim[] = isResult ? ["field", "maturity", "regionCode", "orgKind"] : ["field", "regionCode", "orgKind"];
  const keyExpr: Record<string, string> = {
    field: "b.field",
    maturity: b.maturity,
    regionCode: `b."regionCode"`,
    orgKind: `b."orgKind"`,
  };
  const keyCol: Record<string, string> = {
    field: "field",
    maturity: "maturity",
    regionCode: `"regionCode"`,
    orgKind: `"orgKind"`,
  };

  // First level, one pass over the rollup rows of this kind and status, two grouping sets:
  // * by (field, maturity, regionCode, orgKind): n, and n_mode (only documents holding one of the
  //   filter's modes); the other dimensions' filters are tests of these keys, applied below;
  // * by the set of modes (a handful of sets): n_other, the documents passing every other filter.
  const otherConds = where(b, ["transferMode"]);
  const first = [
    `GROUPING(b.modes) = 0 AS by_modes`,
    ...keyDims.map((d) => `${keyExpr[d]} AS ${keyCol[d]}`),
    `b.modes`,
    `sum(b.n) AS n`,
    ...(modesCond ? [`sum(b.n) FILTER (WHERE ${modesCond}) AS n_mode`] : []),
    `${otherConds.length ? `sum(b.n) FILTER (WHERE ${otherConds.join(" AND ")})` : "sum(b.n)"} AS n_other`,
  ];
  // Second level: each dimension summed over the groups passing the other dimensions' filters.
  const count = modesCond ? "g.n_mode" : "g.n";
  const parts = keyDims.map((d) => {
    const w = ["NOT g.by_modes", ...where(g, [d, "transferMode"])];
    return `SELECT '${d}' AS dim, g.${keyCol[d]} AS val, sum(${count})::int AS n FROM g WHERE ${w.join(" AND ")} GROUP BY g.${keyCol[d]} HAVING sum(${count}) IS NOT NULL`;
  });
  parts.push(
    `SELECT 'transferMode', m.val, sum(g.n_other)::int FROM g CROSS JOIN LATERAL unnest(g.modes) AS m(val) WHERE g.by_modes AND g.n_other IS NOT NULL GROUP BY m.val`,
  );
  return {
    text: `WITH g AS MATERIALIZED (
  SELECT ${first.join(", ")}
  FROM "SearchFacetCount" b WHERE b.kind = ${kind} AND ${status}
  GROUP BY GROUPING SETS ((${keyDims.map((d) => keyExpr[d]).join(", ")}), (b.modes))
)
SELECT dim, val, n, true AS exact FROM (
${parts.join("\nUNION ALL\n")}
) x`,
    values,
  };
}

/**
 * Compares the rollup with a fresh GROUP BY of "SearchDocument" (one statement, one snapshot):
 * `differences` is the number of rollup keys whose count is missing, extra or different.
 * Reads every document: for checks and tests, not for requests (runs outside the search pool, so
 * without its statement timeout).
 */
export async function verifyFacetRollup(): Promise<{ ok: boolean; differences: number }> {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must be set");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ differences: number }>(`
      WITH fresh AS (
        SELECT kind, status, field, coalesce(maturity, '') AS maturity, "regionCode", "orgKind", search_facet_modes(modes) AS modes,
               count(*)::int AS n
        FROM "SearchDocument" GROUP BY 1, 2, 3, 4, 5, 6, 7
      )
      SELECT count(*)::int AS differences
      FROM fresh f
      FULL JOIN "SearchFacetCount" c
        ON c.kind = f.kind AND c.status = f.status AND c.field = f.field AND c.maturity = f.maturity
       AND c."regionCode" = f."regionCode" AND c."orgKind" = f."orgKind" AND c.modes = f.modes
      WHERE f.n IS DISTINCT FROM c.n`);
    const differences = rows[0]?.differences ?? 0;
    return { ok: differences === 0, differences };
  } finally {
    await client.end();
  }
}
