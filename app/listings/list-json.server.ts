// The items of GET /api/v1/results|needs as JSON text made by PostgreSQL, spliced into the
// response body as they come. Decoding each row into JavaScript values (dates, bigints, arrays),
// shaping it (resultJson/needJson) and stringifying it again was the largest share of an
// uncached list request's own CPU after the search (docs/decisions/0026). The statements build
// exactly the shapes of serialize.server.ts (item-json.server.ts; tests/api/listings-list-rows.test.ts
// compares them with the item endpoints' bodies); the pages keep loading rows (list.server.ts),
// which their cards read. With the in-process index the items of a page usually come from it.
import { highlightListing } from "../../search/highlight.ts";
import { searchPool } from "../../search/pool.server.ts";
import { itemJsonSql } from "./item-json.server.ts";
import { searchWithRows, type Scope } from "./list.server.ts";
import type { ListingQuery } from "./query.ts";
import type { ListItem } from "../../search/types.ts";
import type { ListingKind } from "./workflow.server.ts";

const WHERE = `l.id = ANY($1::text[]) AND l.status::text = ANY($2::text[])`;
const RESULT_SQL = itemJsonSql("result", "l.id, l.title, l.summary AS body", WHERE);
const NEED_SQL = itemJsonSql("need", `l.id, l.title, l.description || E'\\n' || l."targetIndicators" AS body`, WHERE);

/** The API items of `ids` holding one of `statuses`, as JSON text, in the order of `ids`. */
export async function loadItemsJson(kind: ListingKind, ids: string[], statuses: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await searchPool().query<ListItem>({
    name: `list-${kind}-json`,
    text: kind === "result" ? RESULT_SQL : NEED_SQL,
    values: [ids, statuses],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One page of the list API: the search, then the items' JSON with their highlights (when there is
 * a query text) appended as the last key, as `{ ...item, highlight }` would place it.
 */
export async function listItemsJson(kind: ListingKind, query: ListingQuery, scope: Scope) {
  const load = (ids: string[]) => loadItemsJson(kind, ids, scope.statuses);
  // the index's own items when it holds them all (one statement to PostgreSQL: its change check)
  const { res, rows } = await searchWithRows(kind, query, scope, load, { fromItems: (items) => items });
  const terms = res.highlightTerms;
  const items = rows.map((r) => {
    if (!query.q) return r.json;
    const highlight = terms ? highlightListing(r.title, r.body ?? "", terms) : (res.highlights[r.id] ?? {});
    return `${r.json.slice(0, -1)},"highlight":${JSON.stringify(highlight)}}`;
  });
  return { ids: rows.map((r) => r.id), items, total: res.total, totalExact: res.totalExact !== false };
}
