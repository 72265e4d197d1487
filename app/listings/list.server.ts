// Listing lists for the API and the pages: who may see which statuses (the scope), then the
// search engine (search/index.server.ts) for the ids in order, then the rows.
import { ApiError, errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { ListingStatus } from "../domain/catalog.ts";
import { highlightListing } from "../../search/highlight.ts";
import { searchListings, type Beside, type SearchResponse } from "../../search/index.server.ts";
import type { ListItem } from "../../search/types.ts";
import { searchPool } from "../../search/pool.server.ts";
import type { ListingQuery } from "./query.ts";
import { NEED_LISTED_COLUMNS, RESULT_LISTED_COLUMNS, type NeedRow, type ResultRow } from "./serialize.server.ts";
import type { Actor, ListingKind } from "./workflow.server.ts";

export type Scope = { statuses: ListingStatus[]; organizationId?: string };

/**
 * Published only, unless the caller owns (`mine=1`, or `status=` for their organization's
 * listings) or reviews (bureau/admin may ask for any status across organizations).
 */
export function listScope(
  viewer: Actor | null,
  query: Pick<ListingQuery, "mine" | "status" | "organizationId">,
): Scope {
  const asked = query.status;
  const onlyPublished = asked.length === 0 || asked.every((s) => s === "published");
  const reviewer = can(viewer, "read:listing:any");

  if (query.mine) {
    if (!viewer) throw errors.unauthorized();
    if (!viewer.organizationId) {
      throw errors.forbidden("您的账户尚未关联机构 / Your account belongs to no organization");
    }
    if (query.organizationId && query.organizationId !== viewer.organizationId) {
      throw new ApiError(400, "invalid_input", "mine=1 与 organizationId 冲突 / mine=1 conflicts with organizationId", {
        organizationId: "mine=1 时只能是本机构 / must be your own organization with mine=1",
      });
    }
    return {
      statuses: asked.length ? asked : ["draft", "pending_review", "published", "rejected", "withdrawn"],
      organizationId: viewer.organizationId,
    };
  }
  if (onlyPublished) return { statuses: ["published"], organizationId: query.organizationId };
  if (reviewer) return { statuses: asked, organizationId: query.organizationId };
  if (!viewer) throw errors.unauthorized();
  if (!viewer.organizationId || (query.organizationId && query.organizationId !== viewer.organizationId)) {
    throw errors.forbidden(
      "只能查看本机构未发布的条目 / You can only list unpublished listings of your own organization",
    );
  }
  return { statuses: asked, organizationId: viewer.organizationId };
}

/**
 * The search of a list page or list API call, and its page's rows by `load`. The engine may start
 * `load` beside its own change check (docs/decisions/0026, "Seventh"); when it does not, the rows
 * are loaded after the search. The rows carry the listings' text, so highlights are left to them.
 * With `fromItems`, an engine holding the page's list API items (the in-process index, in step with
 * PostgreSQL) hands them over instead and `load` is not called (docs/decisions/0026, "Eighth").
 */
export async function searchWithRows<T>(
  kind: ListingKind,
  query: ListingQuery,
  scope: Scope,
  load: Beside<T>,
  opts: { facets?: boolean; fromItems?: (items: ListItem[]) => T } = {},
) {
  const res = await searchListings(
    {
      kind,
      q: query.q || undefined,
      filters: {
        field: query.field.length ? query.field : undefined,
        maturity: kind === "result" && query.maturity.length ? query.maturity : undefined,
        regionCode: query.regionCode.length ? query.regionCode : undefined,
        transferMode: query.transferMode.length ? query.transferMode : undefined,
        orgKind: query.orgKind.length ? query.orgKind : undefined,
        priceMinFen: query.priceMinFen,
        priceMaxFen: query.priceMaxFen,
        organizationId: scope.organizationId,
      },
      statuses: scope.statuses,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
      facets: opts.facets,
      rawTextLater: true,
      items: !!opts.fromItems,
    },
    load,
  );
  if (res.beside) return { res, rows: res.beside.value };
  return { res, rows: res.items && opts.fromItems ? opts.fromItems(res.items) : await load(res.ids) };
}

// A page of a list is at most 100 rows, loaded by one named (so planned once per connection) SQL
// statement on the search pool:
// going through the ORM cost more than the search itself on busy list endpoints (bench:search).
// The columns are exactly those the API shape and the cards read (serialize.server.ts).
const TIMESTAMPS = new Set(["publishedAt", "createdAt", "updatedAt", "confirmedAt"]);
function columnSql(column: string) {
  // stored as UTC without a zone: read as UTC whatever the server's TimeZone
  if (TIMESTAMPS.has(column)) return `l."${column}" AT TIME ZONE 'UTC' AS "${column}"`;
  if (column === "deadline") return `to_char(l.deadline, 'YYYY-MM-DD') AS deadline`;
  if (column === "status") return `l.status::text AS status`;
  if (column === "priceFen" || column === "budgetFen") return `l."${column}"::text AS "${column}"`;
  return `l."${column}"`;
}
const ORG_COLUMNS = `o.id AS "o_id", o.name AS "o_name", o."regionCode" AS "o_regionCode", o.kind::text AS "o_kind"`;
const RESULT_ROWS_SQL = `SELECT ${RESULT_LISTED_COLUMNS.map(columnSql).join(", ")}, ${ORG_COLUMNS}
  FROM "Result" l JOIN "Organization" o ON o.id = l."organizationId"
  WHERE l.id = ANY($1::text[]) AND l.status::text = ANY($2::text[])`;
const NEED_ROWS_SQL = `SELECT ${NEED_LISTED_COLUMNS.map(columnSql).join(", ")}, ${ORG_COLUMNS}
  FROM "Need" l JOIN "Organization" o ON o.id = l."organizationId"
  WHERE l.id = ANY($1::text[]) AND l.status::text = ANY($2::text[])`;

type RawRow = Record<string, unknown> & {
  id: string;
  o_id: string;
  o_name: string;
  o_regionCode: string;
  o_kind: string;
};

function organizationOf(r: RawRow) {
  return {
    id: r.o_id,
    name: r.o_name,
    regionCode: r.o_regionCode,
    kind: r.o_kind as ResultRow["organization"]["kind"],
  };
}
const bigintOrNull = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as string));

/** The rows of `ids` holding one of `statuses`, in the order of `ids`. */
export async function loadResultRows(ids: string[], statuses: readonly string[]): Promise<ResultRow[]> {
  if (!ids.length) return [];
  const { rows } = await searchPool().query<RawRow>({
    name: "list-result-rows",
    text: RESULT_ROWS_SQL,
    values: [ids, statuses],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{ ...(r as unknown as ResultRow), priceFen: bigintOrNull(r.priceFen), organization: organizationOf(r) }];
  });
}

export async function loadNeedRows(ids: string[], statuses: readonly string[]): Promise<NeedRow[]> {
  if (!ids.length) return [];
  const { rows } = await searchPool().query<RawRow>({
    name: "list-need-rows",
    text: NEED_ROWS_SQL,
    values: [ids, statuses],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const deadline = r.deadline ? new Date(`${r.deadline as string}T00:00:00.000Z`) : null;
    return [
      { ...(r as unknown as NeedRow), budgetFen: bigintOrNull(r.budgetFen), deadline, organization: organizationOf(r) },
    ];
  });
}

/**
 * True when every one of `ids` still holds one of `statuses` (the check before a cached page is
 * served). A named statement: planned once per connection, it costs a few index probes.
 */
export async function stillListed(kind: ListingKind, ids: string[], statuses: readonly string[]) {
  if (!ids.length) return true;
  const { rows } = await searchPool().query<{ n: number }>({
    name: "listing-still-listed",
    text: `SELECT count(*)::int AS n FROM "SearchDocument" WHERE kind = $1 AND "listingId" = ANY($2::text[]) AND status = ANY($3::text[])`,
    values: [kind, ids, statuses],
  });
  return rows[0]?.n === ids.length;
}

/** The engine's highlights, or (when it left them to us) highlights from the rows' own text. */
function highlightsOf<R extends { id: string; title: string }>(res: SearchResponse, rows: R[], body: (r: R) => string) {
  const terms = res.highlightTerms;
  if (!terms) return res.highlights;
  return Object.fromEntries(rows.map((r) => [r.id, highlightListing(r.title, body(r), terms)]));
}

export async function listResults(query: ListingQuery, scope: Scope, opts: { facets?: boolean } = {}) {
  const load = (ids: string[]) => loadResultRows(ids, scope.statuses);
  const { res, rows } = await searchWithRows("result", query, scope, load, opts);
  return {
    rows,
    total: res.total,
    totalExact: res.totalExact !== false,
    highlights: highlightsOf(res, rows, (r) => r.summary ?? ""),
    facets: res.facets,
    facetsExact: res.facetsExact !== false,
    tookMs: res.tookMs,
  };
}

export async function listNeeds(query: ListingQuery, scope: Scope, opts: { facets?: boolean } = {}) {
  const load = (ids: string[]) => loadNeedRows(ids, scope.statuses);
  const { res, rows } = await searchWithRows("need", query, scope, load, opts);
  return {
    rows,
    total: res.total,
    totalExact: res.totalExact !== false,
    // the engine's raw text of a need: description and target indicators on two lines
    highlights: highlightsOf(res, rows, (n) => `${n.description}\n${n.targetIndicators}`),
    facets: res.facets,
    facetsExact: res.facetsExact !== false,
    tookMs: res.tookMs,
  };
}
