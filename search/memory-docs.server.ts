// The rows an in-process index is built from and kept in step with (memory-sync.server.ts): the
// published search documents, their normalised texts and, when the index keeps them, their list
// API items (docs/decisions/0026, "Eighth"), turned into MemoryDocs.
import { getEnv } from "../app/env.server.ts";
import { itemJsonSql } from "../app/listings/item-json.server.ts";
import { indexLexemes } from "./normalize.ts";
import type { MemoryDoc } from "./memory-index.ts";
import type { ItemSource } from "./memory-items.ts";

export type DocRow = {
  kind: "result" | "need";
  id: string;
  org: string;
  field: string;
  maturity: string | null;
  region: string;
  org_kind: string;
  modes: string[];
  price: number | null;
  pub: number | null;
  cre: number;
  title: string;
  keywords: string;
  body: string;
  item_json?: string | null;
};

const DOC_SELECT = `d.kind, d."listingId" AS id, d."organizationId" AS org, d.field, d.maturity, d."regionCode" AS region,
  d."orgKind" AS org_kind, d.modes, d."priceFen"::float8 AS price, (extract(epoch FROM d."publishedAt") * 1000)::float8 AS pub,
  (extract(epoch FROM d."createdAt") * 1000)::float8 AS cre, t.title, t.keywords, t.body`;
const DOC_FROM = `FROM "SearchDocument" d JOIN "SearchText" t ON t.kind = d.kind AND t."listingId" = d."listingId"`;
const COLUMNS = `${DOC_SELECT} ${DOC_FROM}`;

// The list API item of each document (item-json.server.ts), read in the same statement, so in the
// same snapshot: the triggers log a listing whenever a column of its item changes (the search
// documents' triggers, and migration …_search_change_log_items for the columns the documents do not
// hold: contacts, dates, the organization's name).
const published = (kind: string) => `d.kind = '${kind}' AND l.id = d."listingId" AND l.status::text = 'published'`;
const ITEM_COLUMNS = `${DOC_SELECT}, coalesce(ir.json, ineed.json) AS item_json
  ${DOC_FROM}
  LEFT JOIN LATERAL (${itemJsonSql("result", "l.id", published("result"))}) ir ON true
  LEFT JOIN LATERAL (${itemJsonSql("need", "l.id", published("need"))}) ineed ON true`;

/** The documents' columns, with their items when the index keeps them. */
export function columns() {
  return getEnv().SEARCH_MEMORY_ITEMS === "1" ? ITEM_COLUMNS : COLUMNS;
}

export type Query = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;

// the keys of an item's title and of the text its highlights are made from (list-json.server.ts's body)
const ITEM_KEYS = { result: ["title", "summary"], need: ["title", "description", "targetIndicators"] } as const;

function itemOf(r: DocRow): ItemSource | undefined {
  if (typeof r.item_json !== "string") return;
  return { json: r.item_json, keys: ITEM_KEYS[r.kind] };
}

/**
 * Rows → documents. The lexemes are computed here (indexLexemes, tested equal to SQL's
 * search_lexemes); a text it cannot fold like PostgreSQL does takes the stored tsvectors.
 */
export async function toDocs(
  rows: DocRow[],
  query: Query,
): Promise<Array<{ kind: "result" | "need"; doc: MemoryDoc }>> {
  const out: Array<{ kind: "result" | "need"; doc: MemoryDoc }> = [];
  const missing: Array<{ kind: string; doc: MemoryDoc }> = [];
  for (const r of rows) {
    const head = indexLexemes(`${r.title} ${r.keywords}`);
    const body = head && indexLexemes(r.body);
    const doc: MemoryDoc = {
      id: r.id,
      organizationId: r.org,
      field: r.field,
      maturity: r.maturity,
      regionCode: r.region,
      orgKind: r.org_kind,
      modes: r.modes ?? [],
      priceFen: r.price,
      publishedAt: r.pub,
      createdAt: r.cre,
      title: r.title,
      keywords: r.keywords,
      body: r.body,
      head: head ?? [],
      tsv: head && body ? [...head, ...body] : [],
      item: itemOf(r),
    };
    if (!head || !body) missing.push({ kind: r.kind, doc });
    out.push({ kind: r.kind, doc });
  }
  for (const kind of ["result", "need"]) {
    const docs = missing.filter((m) => m.kind === kind);
    if (!docs.length) continue;
    const { rows: lex } = (await query(
      `SELECT "listingId" AS id, tsvector_to_array(head) AS head, tsvector_to_array(tsv) AS tsv
       FROM "SearchDocument" WHERE kind = $1 AND "listingId" = ANY($2::text[])`,
      [kind, docs.map((m) => m.doc.id)],
    )) as { rows: Array<{ id: string; head: string[] | null; tsv: string[] | null }> };
    const byId = new Map(lex.map((l) => [l.id, l]));
    for (const m of docs) {
      m.doc.head = byId.get(m.doc.id)?.head ?? [];
      m.doc.tsv = byId.get(m.doc.id)?.tsv ?? [];
    }
  }
  return out;
}
