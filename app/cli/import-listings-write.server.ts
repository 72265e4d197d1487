// The write step of `npm run cli -- import results|needs`: every validated line in ONE transaction
// on one connection, set-based (see docs/decisions/0023-search-capacity.md):
// 1. the listings, CHUNK rows per statement (json_populate_recordset over one JSON parameter:
//    one round trip and one parse per chunk instead of one per row);
// 2. their search documents built by search_index_results/search_index_needs in two statements
//    per chunk; the row-by-row search trigger skips these inserts while the transaction has
//    `search.bulk_index` on (prisma/migrations/…_search_bulk_index);
// 3. one audit event per listing, in one statement per chunk (the chain trigger hashes each).
// At COMMIT the facet rollup applies its deltas and the search documents' statement trigger
// NOTIFYs the app processes (their caches are cleared): the listings are searchable the moment the
// import reports success. Killing the process at any point rolls everything back.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getEnv } from "../env.server.ts";
import type { NeedCreateInput, ResultCreateInput } from "../listings/schemas.ts";
import { needData } from "../listings/needs.server.ts";
import { resultData } from "../listings/results.server.ts";
import { indexLexemes } from "../../search/normalize.ts";

export type WriteKind = "results" | "needs";
export type WriteLine = {
  line: number;
  organizationId: string;
  input: ResultCreateInput | NeedCreateInput;
};
export type WriteOptions = {
  publish?: boolean;
  actorId?: string | null;
  onProgress?: (phase: "write" | "commit", done: number, total: number) => void;
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
// timestamps, plus where it came from: the same content as an import written row by row.
function auditSql(kind: WriteKind) {
  const table = kind === "results" ? `"Result"` : `"Need"`;
  const entity = kind === "results" ? "result" : "need";
  return `INSERT INTO "AuditEvent" ("entityType", "entityId", action, "actorId", before, after)
SELECT '${entity}', r.id, 'import', $3::text, 'null'::jsonb,
       (to_jsonb(r) - 'createdAt' - 'updatedAt') || jsonb_build_object('via', 'cli', 'line', l.line)
FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS l(id, line, pos)
JOIN ${table} r ON r.id = l.id
ORDER BY l.pos`;
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
  const rows = chunk.map((l) => {
    const id = newListingId();
    ids.push(id);
    const columns =
      kind === "results" ? resultColumns(l.input as ResultCreateInput) : needColumns(l.input as NeedCreateInput);
    const body =
      "summary" in columns
        ? [columns.summary, columns.ipDescription, columns.patentNumbers.join(" ")].join("\n")
        : [columns.description, columns.targetIndicators].join("\n");
    heads.push(indexLexemes(`${columns.title} ${columns.keywords.join(" | ")}`)?.join(" ") ?? null);
    bodies.push(indexLexemes(body)?.join(" ") ?? null);
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
  return { ids, heads, bodies, lines: chunk.map((l) => l.line), json: JSON.stringify(rows) };
}

/** Writes the validated lines in one transaction; returns the new ids in line order. */
export async function writeListings(kind: WriteKind, lines: WriteLine[], options: WriteOptions = {}) {
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
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL search.bulk_index = 'on'");
    // the whole import is one transaction: no statement timeout of the session applies to it
    await client.query("SET LOCAL statement_timeout = 0");
    const insert = insertSql(kind);
    const index = `SELECT search_index_${kind}($1::text[], $2::text[], $3::text[])`;
    const audit = auditSql(kind);
    // The database works on one chunk while this process prepares the next (two cores: the
    // JSON, the lexemes and the database's own work overlap); statements run one at a time.
    let written: Promise<void> = Promise.resolve();
    options.onProgress?.("write", 0, lines.length);
    for (let i = 0; i < lines.length; i += WRITE_CHUNK) {
      const chunk = prepareChunk(kind, lines.slice(i, i + WRITE_CHUNK), { actorId, now, lifecycle });
      await written;
      written = (async () => {
        await client.query(insert, [chunk.json]);
        await client.query(index, [chunk.ids, chunk.heads, chunk.bodies]);
        await client.query(audit, [chunk.ids, chunk.lines, actorId]);
        ids.push(...chunk.ids);
        options.onProgress?.("write", ids.length, lines.length);
      })();
      // handled when awaited (next turn or after the loop); never an unhandled rejection meanwhile
      written.catch(() => {});
    }
    await written;
    options.onProgress?.("commit", 0, 1);
    // Fresh planner statistics and lexeme frequencies for the search engine, inside the
    // transaction (ANALYZE samples the rows this transaction inserted, and its statistics commit
    // or roll back with them): after COMMIT the HTTP workers rebuild their in-process indexes, and
    // an ANALYZE then would compete with them for the cores while the operator waits.
    await client.query(`ANALYZE "SearchDocument"`);
    await client.query(`ANALYZE "SearchText"`);
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
