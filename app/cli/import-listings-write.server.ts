// The write step of `npm run cli -- import results|needs`: every validated line in ONE transaction
// on one connection, set-based (see docs/decisions/0023-search-capacity.md):
// 1. the listings, CHUNK rows per statement (json_populate_recordset over one JSON parameter:
//    one round trip and one parse per chunk instead of one per row);
// 2. their search documents built by search_index_results/search_index_needs in two statements
//    per chunk, from the lexemes and normalised texts computed here; the row-by-row search trigger
//    skips these inserts while the transaction has `search.bulk_index` on
//    (prisma/migrations/…_search_bulk_index);
// 3. once every chunk is written, ANALYZE of the search tables;
// 4. last, one audit event per listing, one statement per chunk, chained in one pass. The chain's
//    advisory lock is taken by the first of these statements and held to COMMIT, so the server's
//    own audit writers wait only for this last phase, not for the whole import (0023, "The
//    import's backend, 8 Dec").
// At COMMIT the facet rollup applies its deltas and the search documents' statement trigger
// NOTIFYs the app processes (their caches are cleared): the listings are searchable the moment the
// import reports success. Killing the process at any point rolls everything back.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getEnv } from "../env.server.ts";
import type { NeedCreateInput, ResultCreateInput } from "../listings/schemas.ts";
import { needData } from "../listings/needs.server.ts";
import { resultData } from "../listings/results.server.ts";
import { indexLexemes, indexText, lexemesOfIndexText } from "../../search/normalize.ts";

export type WriteKind = "results" | "needs";
export type WriteLine = {
  line: number;
  organizationId: string;
  input: ResultCreateInput | NeedCreateInput;
};
/** listings and search rows, then ANALYZE, then the audit events, then COMMIT */
export type WritePhase = "write" | "analyze" | "audit" | "commit";
export type WriteOptions = {
  publish?: boolean;
  actorId?: string | null;
  onProgress?: (phase: WritePhase, done: number, total: number) => void;
};

/** Rows per statement: large enough that round trips do not count, small enough for steady progress. */
export const WRITE_CHUNK = 2_000;

let counter = Math.floor(Math.random() * 1_679_616);
/** Ids in the shape of Prisma's cuid() (c + time + counter + random, base 36), which the app mints elsewhere. */
export function newListingId() {
  counter = (counter + 1) % 1_679_616;
  const random = BigInt("0x" + randomBytes(8).toString("hex"))
    .toString(36)
    .padStart(13, "0")
    .slice(-12);
  return `c${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${random}`;
}

const fen = (v: bigint | null | undefined) => (v === null || v === undefined ? null : v.toString());
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

// The defaults of omitted fields are the columns' own (as when a listing is created through the
// API); the mapping of given fields is the listings module's (resultData/needData).
function resultColumns(input: ResultCreateInput) {
  const d = resultData(input);
  return {
    title: d.title,
    summary: d.summary,
    field: d.field,
    maturity: d.maturity,
    transferModes: d.transferModes ?? [],
    keywords: d.keywords ?? [],
    priceFen: fen(d.priceFen),
    ipDescription: d.ipDescription ?? "",
    patentNumbers: d.patentNumbers ?? [],
    contactName: d.contactName ?? "",
    contactPhone: d.contactPhone ?? "",
    contactEmail: d.contactEmail ?? "",
  };
}

function needColumns(input: NeedCreateInput) {
  const d = needData(input);
  return {
    title: d.title,
    description: d.description,
    field: d.field,
    targetIndicators: d.targetIndicators ?? "",
    keywords: d.keywords ?? [],
    budgetFen: fen(d.budgetFen),
    deadline: day(d.deadline),
    cooperationMode: d.cooperationMode ?? null,
    contactName: d.contactName ?? "",
    contactPhone: d.contactPhone ?? "",
    contactEmail: d.contactEmail ?? "",
  };
}

const COLUMNS = {
  results: [
    "id",
    "organizationId",
    "createdById",
    "title",
    "summary",
    "keywords",
    "field",
    "maturity",
    "ipDescription",
    "patentNumbers",
    "transferModes",
    "priceFen",
    "contactName",
    "contactPhone",
    "contactEmail",
    "status",
    "submittedAt",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ],
  needs: [
    "id",
    "organizationId",
    "createdById",
    "title",
    "description",
    "targetIndicators",
    "keywords",
    "field",
    "budgetFen",
    "deadline",
    "cooperationMode",
    "contactName",
    "contactPhone",
    "contactEmail",
    "status",
    "submittedAt",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ],
} as const;

function insertSql(kind: WriteKind) {
  const table = kind === "results" ? `"Result"` : `"Need"`;
  const cols = COLUMNS[kind].map((c) => `"${c}"`).join(", ");
  return `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`;
}

// The audit event shows the listing as stored (trigger-filled columns included), without its
// timestamps, plus where it came from: the same content as an import written row by row. Built by
// one jsonb_build_object over the table's columns (read from the catalog, so a new column is in
// the events as it was with `to_jsonb(r)`): the same values through the same conversions, so the
// same jsonb and the same hashes as `(to_jsonb(r) - 'createdAt' - 'updatedAt') || jsonb_build_object(
// 'via', 'cli', 'line', …)`, which built and copied the object four times
// (tests/unit/cli-import-events.test.ts compares the two). The chunk's events are chained in one
// pass by audit_append_chained (one lock, one look-up of the previous hash;
// prisma/migrations/…_audit_chain_bulk), in line order.
async function auditSql(client: pg.Client, kind: WriteKind) {
  const table = kind === "results" ? `"Result"` : `"Need"`;
  const entity = kind === "results" ? "result" : "need";
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('createdAt', 'updatedAt')
     ORDER BY attnum`,
    [table],
  );
  const pairs = rows.map(({ name }) => `'${name.replaceAll("'", "''")}', r."${name.replaceAll('"', '""')}"`);
  return `SELECT audit_append_chained('${entity}', array_agg(r.id ORDER BY l.pos), 'import', $3::text,
       array_agg('null'::jsonb ORDER BY l.pos),
       array_agg(jsonb_build_object(${pairs.join(", ")}, 'via', 'cli', 'line', l.line) ORDER BY l.pos))
FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS l(id, line, pos)
JOIN ${table} r ON r.id = l.id`;
}

type Lifecycle = { status: string; submittedAt: string | null; publishedAt: string | null };

/** One chunk's statement parameters: the rows as JSON, and each listing's lexemes (or null). */
function prepareChunk(
  kind: WriteKind,
  chunk: WriteLine[],
  c: { actorId: string | null; now: string; lifecycle: Lifecycle },
) {
  const ids: string[] = [];
  const heads: Array<string | null> = [];
  const bodies: Array<string | null> = [];
  // the search row's normalised title, keywords and body (search_normalize() of each)
  const titleTexts: Array<string | null> = [];
  const keywordTexts: Array<string | null> = [];
  const bodyTexts: Array<string | null> = [];
  const rows = chunk.map((l) => {
    const id = newListingId();
    ids.push(id);
    const columns =
      kind === "results" ? resultColumns(l.input as ResultCreateInput) : needColumns(l.input as NeedCreateInput);
    const body =
      "summary" in columns
        ? [columns.summary, columns.ipDescription, columns.patentNumbers.join(" ")].join("\n")
        : [columns.description, columns.targetIndicators].join("\n");
    const keywords = columns.keywords.join(" | ");
    heads.push(indexLexemes(`${columns.title} ${keywords}`)?.join(" ") ?? null);
    // the body, the longest text, folded once for both its lexemes and its search row
    const bodyText = indexText(body);
    bodies.push(bodyText === null ? null : lexemesOfIndexText(bodyText).join(" "));
    titleTexts.push(indexText(columns.title ?? ""));
    keywordTexts.push(indexText(keywords));
    bodyTexts.push(bodyText);
    return {
      id,
      organizationId: l.organizationId,
      createdById: c.actorId,
      ...columns,
      ...c.lifecycle,
      createdAt: c.now,
      updatedAt: c.now,
    };
  });
  return {
    ids,
    search: [ids, heads, bodies, titleTexts, keywordTexts, bodyTexts],
    lines: chunk.map((l) => l.line),
    json: JSON.stringify(rows),
  };
}

/**
 * Writes the validated lines, given in chunks of up to WRITE_CHUNK as they are validated, in one
 * transaction; `total` is for the progress lines. If the chunks' source throws (a bad line found
 * further on), nothing is committed. Returns the new ids in line order.
 */
export async function writeListings(
  kind: WriteKind,
  chunks: Iterable<WriteLine[]> | AsyncIterable<WriteLine[]>,
  total: number,
  options: WriteOptions = {},
) {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must be set");
  const now = new Date().toISOString();
  const status = options.publish ? "published" : "draft";
  const lifecycle: Lifecycle = options.publish
    ? { status, submittedAt: now, publishedAt: now }
    : { status, submittedAt: null, publishedAt: null };
  const actorId = options.actorId ?? null;
  const client = new pg.Client({ connectionString: url, application_name: "listing-import" });
  // a dropped connection fails the pending query; without a listener it would crash the process
  client.on("error", () => {});
  await client.connect();
  const ids: string[] = [];
  // each written chunk's ids and line numbers, for its audit events in the last phase
  const written: Array<{ ids: string[]; lines: number[] }> = [];
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL search.bulk_index = 'on'");
    // the whole import is one transaction: no statement timeout of the session applies to it
    await client.query("SET LOCAL statement_timeout = 0");
    const insert = insertSql(kind);
    const index = `SELECT search_index_${kind}($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`;
    const audit = await auditSql(client, kind);
    // The database works on one chunk while this process prepares the next (two cores: the
    // JSON, the lexemes and the database's own work overlap); statements run one at a time.
    let writing: Promise<void> = Promise.resolve();
    options.onProgress?.("write", 0, total);
    for await (const lines of chunks) {
      const chunk = prepareChunk(kind, lines, { actorId, now, lifecycle });
      await writing;
      writing = (async () => {
        await client.query(insert, [chunk.json]);
        await client.query(index, chunk.search);
        ids.push(...chunk.ids);
        written.push({ ids: chunk.ids, lines: chunk.lines });
        options.onProgress?.("write", ids.length, total);
      })();
      // handled when awaited (next turn or after the loop); never an unhandled rejection meanwhile
      writing.catch(() => {});
    }
    await writing;
    options.onProgress?.("analyze", 0, 1);
    // Fresh planner statistics and lexeme frequencies for the search engine, inside the
    // transaction (ANALYZE samples the rows this transaction inserted, and its statistics commit
    // or roll back with them): after COMMIT the HTTP workers rebuild their in-process indexes, and
    // an ANALYZE then would compete with them for the cores while the operator waits. Before the
    // audit events, so that the chain's lock is not held meanwhile. "SearchText" is only ever read
    // by its key (joined to the documents to rank them): the planner needs its row count and key
    // columns, not the statistics of its long texts (a third of the two tables' ANALYZE).
    await client.query(`ANALYZE "SearchDocument"`);
    await client.query(`ANALYZE "SearchText" (kind, "listingId")`);
    options.onProgress?.("analyze", 1, 1);
    // The audit events last, in line order: the same events and chain as when each chunk's events
    // followed its listings (the listings' rows are final by now), with the lock held only from
    // here to COMMIT.
    let audited = 0;
    options.onProgress?.("audit", 0, ids.length);
    for (const chunk of written) {
      await client.query(audit, [chunk.ids, chunk.lines, actorId]);
      audited += chunk.ids.length;
      options.onProgress?.("audit", audited, ids.length);
    }
    options.onProgress?.("commit", 0, 1);
    await client.query("COMMIT");
    options.onProgress?.("commit", 1, 1);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return ids;
}
