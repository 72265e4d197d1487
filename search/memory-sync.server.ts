// The in-process search index of this process (one per HTTP worker), built from PostgreSQL and
// kept in step with it (docs/decisions/0026-in-process-search-index.md).
//
// - Built from the published search documents in one REPEATABLE READ transaction; the index
//   remembers that transaction's snapshot. Until the build is done, memoryIndexesNow() answers null
//   and searches go to the PostgreSQL engine.
// - In step: the triggers log every listing whose search document or text changes in
//   "SearchChange" with the writing transaction's id. The listings changed since the index's
//   snapshot are the logged rows visible now whose transaction was not visible in it; they are
//   read by id and applied, and the index takes the new snapshot. Nothing is missed across
//   out-of-order commits or a lost connection (the log is in the database, not in a message).
// - Every search is answered only after such a check that started after the search arrived has
//   come back (checks are shared by the searches waiting for them), so a listing is found the
//   moment its change has committed, as with the PostgreSQL engine. The search itself runs at once
//   on the index as it is (memoryIndexesNow): when the check applied no change meanwhile (the
//   index's version is the same), that answer stands; otherwise it searches again. A timer checks
//   once a second too, so the changes are usually applied before any search needs them.
// - A change of more than APPLY_LIMIT listings (a bulk import, a reindex) rebuilds the index in
//   the background; searches go to PostgreSQL meanwhile.
import { getEnv } from "../app/env.server.ts";
import { columns, toDocs, type DocRow, type Query } from "./memory-docs.server.ts";
import { MemoryIndex } from "./memory-index.ts";
import { searchPool } from "./pool.server.ts";

/** Changed listings applied in place; more than this rebuilds the index. */
export const APPLY_LIMIT = 5_000;
const BATCH = 10_000;
/** "SearchChange" rows older than this are pruned (an index older than half of it is rebuilt). */
const RETENTION_MS = 24 * 3600_000;

type Indexes = { result: MemoryIndex; need: MemoryIndex };
type State = {
  url: string;
  indexes: Indexes | null;
  /** bumped by every change applied to the indexes and every new build */
  version: number;
  /** pg_snapshot the indexes reflect */
  snapshot: string;
  syncedAt: number;
  building: Promise<void> | null;
  failedAt: number;
  builtMs: number;
  checking: Promise<void> | null;
  queued: Promise<void> | null;
  timer?: ReturnType<typeof setInterval>;
  prunedAt: number;
  /** searches answered from memory, and handed to PostgreSQL */
  answers: { memory: number; postgres: number };
};

const holder = globalThis as unknown as { __memorySearch?: State };

export function memoryIndexEnabled() {
  return getEnv().SEARCH_MEMORY_INDEX === "1";
}

function state(): State {
  const url = getEnv().DATABASE_URL ?? "";
  let s = holder.__memorySearch;
  if (!s || s.url !== url) {
    if (s?.timer) clearInterval(s.timer);
    s = holder.__memorySearch = {
      url,
      indexes: null,
      version: 0,
      snapshot: "",
      syncedAt: 0,
      building: null,
      failedAt: 0,
      builtMs: 0,
      checking: null,
      queued: null,
      prunedAt: 0,
      answers: { memory: 0, postgres: 0 },
    };
  }
  return s;
}

/** Builds both indexes from one snapshot. */
async function build(s: State) {
  const started = performance.now();
  const client = await searchPool().connect();
  // A checked-out client has no pool listener: a connection that drops between two statements
  // (the server restarts, an administrator ends it) would be an uncaught error and end the process.
  // The next statement fails instead, and the build with it.
  const ignore = () => {};
  client.on("error", ignore);
  let broken = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // the first statement takes the transaction's snapshot: every read below sees exactly it
    const { rows } = await client.query<{ snap: string }>(
      "SELECT pg_current_snapshot()::text AS snap, set_config('statement_timeout', '0', true)",
    );
    const indexes: Indexes = { result: new MemoryIndex(), need: new MemoryIndex() };
    const query: Query = (text, values) => client.query(text, values);
    for (const kind of ["result", "need"] as const) {
      let after = "";
      for (;;) {
        const batch = await client.query<DocRow>(
          `SELECT ${columns()} WHERE d.kind = $1 AND d.status = 'published' AND d."listingId" > $2
           ORDER BY d."listingId" LIMIT ${BATCH}`,
          [kind, after],
        );
        for (const { doc } of await toDocs(batch.rows, query)) indexes[kind].add(doc);
        if (batch.rows.length < BATCH) break;
        after = batch.rows[batch.rows.length - 1]!.id;
        // let requests in between batches (they go to PostgreSQL meanwhile)
        await new Promise((r) => setImmediate(r));
      }
      indexes[kind].freeze();
    }
    await client.query("COMMIT");
    if (state() !== s) return;
    s.indexes = indexes;
    s.version++;
    s.snapshot = rows[0]!.snap;
    s.syncedAt = Date.now();
    s.builtMs = performance.now() - started;
  } catch (error) {
    broken = connectionClosed(error);
    if (!broken) await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.off("error", ignore);
    client.release(broken);
  }
}

/** The database ended the connection (restart, shutdown, administrator): not a fault of the index. */
function connectionClosed(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? "";
  return code.startsWith("57P") || /Connection terminated|terminating connection/i.test(String(error));
}

/** A failure worth an error, or the database going away, which the retry after a pause covers. */
function report(what: string, error: unknown) {
  const message = `search: the in-process index ${what} (${String(error)}); PostgreSQL answers`;
  if (connectionClosed(error)) console.log(message);
  else console.error(message);
}

function startBuild(s: State) {
  if (s.building) return;
  s.building = build(s)
    .catch((error) => {
      s.failedAt = Date.now();
      // a build for a database this process no longer uses (tests switch databases) is no news
      if (state() === s) report("could not be built", error);
    })
    .finally(() => {
      s.building = null;
    });
  if (!s.timer) {
    s.timer = setInterval(() => void sync(s).catch(() => {}), 1_000);
    s.timer.unref();
  }
}

/**
 * The listings logged since snapshot $1, and the statement's own snapshot. Only the xid ranges
 * between the transactions still in progress are read: a bulk import writes its 200,000 log
 * rows in one open transaction, and reading them once a second in each worker only to find them
 * invisible cost as much CPU as the import's own statements (docs/decisions/0026). A transaction
 * in progress now is skipped and is read by the first check after it commits (it is not visible
 * in the snapshot this check records either).
 */
const CHANGES_SQL = `WITH s AS MATERIALIZED (SELECT pg_current_snapshot() AS snap),
  bounds AS (
    SELECT x, lead(x) OVER (ORDER BY x) AS y FROM (
      SELECT (((pg_snapshot_xmin($1::pg_snapshot)::text)::numeric - 1)::text)::xid8 AS x
      UNION SELECT i FROM s, pg_snapshot_xip(s.snap) AS i WHERE i >= pg_snapshot_xmin($1::pg_snapshot)
      UNION SELECT pg_snapshot_xmax(s.snap) FROM s
    ) b
  )
  SELECT (SELECT snap::text FROM s) AS snap, ARRAY(
    SELECT DISTINCT c.kind || ':' || c."listingId"
    FROM bounds CROSS JOIN LATERAL (
      -- OFFSET 0: one range scan of the xid index per gap, never one scan over all the gaps
      SELECT c.kind, c."listingId", c.xid FROM "SearchChange" c WHERE c.xid > bounds.x AND c.xid < bounds.y OFFSET 0
    ) c
    WHERE bounds.y IS NOT NULL AND NOT pg_visible_in_snapshot(c.xid, $1::pg_snapshot)
    LIMIT ${APPLY_LIMIT + 1}) AS changed`;

/** One check: the listings changed since the index's snapshot, applied (or a rebuild). */
async function check(s: State) {
  if (!s.indexes) return;
  const pool = searchPool();
  const { rows } = await pool.query<{ snap: string; changed: string[] }>({
    name: "memory-changes",
    text: CHANGES_SQL,
    values: [s.snapshot],
  });
  const { snap, changed } = rows[0]!;
  const indexes = s.indexes;
  if (!indexes) return;
  const wasted = indexes.result.garbage() + indexes.need.garbage();
  const live = indexes.result.live + indexes.need.live;
  if (
    changed.length > APPLY_LIMIT ||
    Date.now() - s.syncedAt > RETENTION_MS / 2 ||
    wasted > Math.max(APPLY_LIMIT, live)
  ) {
    s.indexes = null;
    startBuild(s);
    return;
  }
  if (changed.length) {
    const ids = { result: [] as string[], need: [] as string[] };
    for (const c of changed) {
      const at = c.indexOf(":");
      const kind = c.slice(0, at);
      if (kind === "result" || kind === "need") ids[kind].push(c.slice(at + 1));
    }
    const { rows: docs } = await pool.query<DocRow>(
      `SELECT ${columns()} WHERE d.status = 'published'
         AND ((d.kind = 'result' AND d."listingId" = ANY($1::text[])) OR (d.kind = 'need' AND d."listingId" = ANY($2::text[])))`,
      [ids.result, ids.need],
    );
    const fresh = await toDocs(docs, (text, values) => pool.query(text, values));
    if (s.indexes !== indexes) return;
    // synchronous from here: a search sees all of this change or none of it
    for (const kind of ["result", "need"] as const) for (const id of ids[kind]) indexes[kind].remove(id);
    for (const { kind, doc } of fresh) indexes[kind].add(doc);
    s.version++;
  }
  s.snapshot = snap;
  s.syncedAt = Date.now();
  if (Date.now() - s.prunedAt > 600_000) {
    s.prunedAt = Date.now();
    void pool
      .query(`DELETE FROM "SearchChange" WHERE at < now() - make_interval(secs => $1)`, [RETENTION_MS / 1000])
      .catch(() => {});
  }
}

/** A check that starts after this call (shared with the other callers waiting for one). */
function sync(s: State): Promise<void> {
  if (!s.checking) {
    s.checking = check(s).finally(() => {
      s.checking = null;
    });
    return s.checking;
  }
  s.queued ??= s.checking
    .catch(() => {})
    .then(() => {
      s.queued = null;
      return sync(s);
    });
  return s.queued;
}

/**
 * For a search that runs at once on the indexes as they are: `indexes` now (null while they are
 * being built or when the index is turned off: callers then ask PostgreSQL), and `inStep`, which
 * resolves when a check that started after this call has come back — to the indexes with
 * `same: true` when no change was applied to them since this call (an answer computed from
 * `indexes` meanwhile holds every change committed before the call), `same: false` when one was
 * (search them again: they are in step now), or null (the check failed, or a large change is
 * rebuilding them: ask PostgreSQL). Searching before the check returns, rather than after it,
 * keeps the searches that waited for one check from running back to back when it returns, and
 * lets a search's own statements go beside the check (docs/decisions/0026, "Seventh").
 */
export function memoryIndexesNow(): {
  indexes: Indexes;
  inStep: Promise<{ indexes: Indexes; same: boolean } | null>;
} | null {
  if (!memoryIndexEnabled()) return null;
  const s = state();
  if (!s.indexes) {
    if (Date.now() - s.failedAt > 10_000) startBuild(s);
    return null;
  }
  const version = s.version;
  const inStep = sync(s).then(
    () => (s.indexes ? { indexes: s.indexes, same: s.version === version } : null),
    (error: unknown) => {
      report("could not check for changes", error);
      return null;
    },
  );
  return { indexes: s.indexes, inStep };
}

/** The indexes as an answer about to be computed from them finds them (see stillAt). */
export type MemoryStamp = { readonly state: object; readonly version: number };

/** The indexes' stamp now, or null while they are not ready (or the index is turned off). */
export function memoryStamp(): MemoryStamp | null {
  if (!memoryIndexEnabled()) return null;
  const s = state();
  return s.indexes ? { state: s, version: s.version } : null;
}

/**
 * Resolves true when a check that started after this call has come back with the indexes still
 * as they were at `stamp`: no listing's search document, text or listed columns (the change log's
 * triggers) changed in a transaction committed between the stamp and this call — so an answer
 * about published listings computed after the stamp is still the answer now. False as soon as
 * anything was applied, the indexes are rebuilding, or the check failed (no round trip then when
 * the indexes have already moved on). The check is shared with every caller waiting for one, so
 * cache hits cost PostgreSQL one small statement per batch, not one each (docs/decisions/0026,
 * "Tenth").
 */
export async function stillAt(stamp: MemoryStamp): Promise<boolean> {
  const s = state();
  if (stamp.state !== s || !s.indexes || s.version !== stamp.version) return false;
  try {
    await sync(s);
  } catch {
    return false;
  }
  return s.indexes !== null && s.version === stamp.version;
}

/**
 * Builds the index if it is not there (at worker start), or brings it in step; resolves true
 * when it is ready, false when it is turned off or could not be built.
 */
export async function memoryIndexReady(): Promise<boolean> {
  if (!memoryIndexEnabled()) return false;
  const s = state();
  if (s.indexes) await sync(s).catch(() => {});
  if (!s.indexes) startBuild(s);
  await s.building;
  return !!s.indexes;
}

/** What the index holds and how long it took (health figures, benchmarks, tests). */
export function memoryIndexStatus() {
  const s = state();
  if (!s.indexes) return { ready: false as const, building: !!s.building, answers: { ...s.answers } };
  return {
    ready: true as const,
    building: !!s.building,
    answers: { ...s.answers },
    builtMs: Math.round(s.builtMs),
    result: s.indexes.result.footprint(),
    need: s.indexes.need.footprint(),
  };
}

/** Drops the index (tests: the next search rebuilds it, PostgreSQL answering meanwhile). */
export function resetMemoryIndex() {
  const s = state();
  s.indexes = null;
  s.failedAt = 0;
}

/** Counts who answered a search (memoryIndexStatus().answers). */
export function countAnswer(by: "memory" | "postgres") {
  state().answers[by]++;
}
