// The items of GET /api/v1/results|needs as JSON text made by PostgreSQL, spliced into the
// response body as they come. Decoding each row into JavaScript values (dates, bigints, arrays),
// shaping it (resultJson/needJson) and stringifying it again was the largest share of an
// uncached list request's own CPU after the search (docs/decisions/0026). The statements build
// exactly the shapes of serialize.server.ts, key for key and byte for byte
// (tests/api/listings-list-rows.test.ts compares them with the item endpoints' bodies); the pages
// keep loading rows (list.server.ts), which their cards read.
import { highlightListing } from "../../search/highlight.ts";
import { searchPool } from "../../search/pool.server.ts";
import { searchWithRows, type Scope } from "./list.server.ts";
import type { ListingQuery } from "./query.ts";
import type { ListingKind } from "./workflow.server.ts";

// stored as UTC without a zone (Prisma's DateTime): formatted as Date.toISOString() does
const iso = (column: string) => `to_char(l."${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const CONTACT = `(SELECT row_to_json(c) FROM (SELECT l."contactName" AS name, l."contactPhone" AS phone, l."contactEmail" AS email) c)`;
const ORGANIZATION = `(SELECT row_to_json(g) FROM (SELECT o.id, o.name, o."regionCode", o.kind::text AS kind) g)`;

const RESULT_SQL = `SELECT l.id, l.title, l.summary AS body, row_to_json(x)::text AS json
  FROM "Result" l JOIN "Organization" o ON o.id = l."organizationId"
  CROSS JOIN LATERAL (SELECT l.id, l."subcentreId", l.title, l.summary, coalesce(l.keywords, '{}') AS keywords, l.field,
    l.maturity, coalesce(l."transferModes", '{}') AS "transferModes", l."priceFen", l."ipDescription",
    coalesce(l."patentNumbers", '{}') AS "patentNumbers", ${CONTACT} AS contact, l.status::text AS status,
    l."rejectionReason", ${ORGANIZATION} AS organization, ${iso("publishedAt")} AS "publishedAt",
    ${iso("createdAt")} AS "createdAt", ${iso("updatedAt")} AS "updatedAt") x
  WHERE l.id = ANY($1::text[]) AND l.status::text = ANY($2::text[])`;

const NEED_SQL = `SELECT l.id, l.title, l.description || E'\\n' || l."targetIndicators" AS body, row_to_json(x)::text AS json
  FROM "Need" l JOIN "Organization" o ON o.id = l."organizationId"
  CROSS JOIN LATERAL (SELECT l.id, l."subcentreId", l.title, l.description, l."targetIndicators",
    coalesce(l.keywords, '{}') AS keywords, l.field, l."budgetFen", to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
    l."cooperationMode", ${CONTACT} AS contact, l.status::text AS status, l."confirmationStatus",
    ${iso("confirmedAt")} AS "confirmedAt", l."rejectionReason", ${ORGANIZATION} AS organization,
    ${iso("publishedAt")} AS "publishedAt", ${iso("createdAt")} AS "createdAt", ${iso("updatedAt")} AS "updatedAt") x
  WHERE l.id = ANY($1::text[]) AND l.status::text = ANY($2::text[])`;

type JsonRow = { id: string; title: string; body: string | null; json: string };

/** The API items of `ids` holding one of `statuses`, as JSON text, in the order of `ids`. */
export async function loadItemsJson(kind: ListingKind, ids: string[], statuses: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await searchPool().query<JsonRow>({
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
  const { res, rows } = await searchWithRows(kind, query, scope, load);
  const terms = res.highlightTerms;
  const items = rows.map((r) => {
    if (!query.q) return r.json;
    const highlight = terms ? highlightListing(r.title, r.body ?? "", terms) : (res.highlights[r.id] ?? {});
    return `${r.json.slice(0, -1)},"highlight":${JSON.stringify(highlight)}}`;
  });
  return { ids: rows.map((r) => r.id), items, total: res.total, totalExact: res.totalExact !== false };
}
