// Rebuilding the search indexes from the database: `npm run cli -- search:reindex` calls
// reindexSearch(). The embedded engine's documents are normally kept by triggers, so a reindex
// is only needed after a change to the tokenizer, or to repair; Meilisearch is rebuilt into fresh
// indexes swapped in atomically.
import pg from "pg";
import { activeEngine, type EngineName } from "./index.server.ts";
import { reindexMeili, type ReindexProgress } from "./meili-sync.server.ts";
import { loadLexemeStats } from "./pg-engine.server.ts";
import { getEnv } from "../app/env.server.ts";

export type { ReindexProgress };
/** (done, total) over everything being rebuilt, and which engine/kind the step was. */
export type OnProgress = (done: number, total: number, detail: ReindexProgress) => void;

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must be set");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Rebuilds SearchDocument/SearchText from Result and Need, in batches, with progress. */
export async function reindexPostgres(opts: { onProgress?: OnProgress; batch?: number } = {}) {
  const batch = opts.batch ?? 2_000;
  await withClient(async (c) => {
    const counts = (
      await c.query(
        `SELECT (SELECT count(*) FROM "Result")::int AS results, (SELECT count(*) FROM "Need")::int AS needs`,
      )
    ).rows[0];
    const overall = Number(counts.results) + Number(counts.needs);
    let before = 0;
    for (const kind of ["result", "need"] as const) {
      const table = kind === "result" ? `"Result"` : `"Need"`;
      const fn = kind === "result" ? "search_upsert_result" : "search_upsert_need";
      const total = Number(kind === "result" ? counts.results : counts.needs);
      let cursor = "";
      let done = 0;
      for (;;) {
        const { rows } = await c.query<{ id: string }>(
          `SELECT x.id FROM (SELECT r.id, ${fn}(r) FROM ${table} r WHERE r.id > $1 ORDER BY r.id LIMIT $2) x`,
          [cursor, batch],
        );
        if (!rows.length) break;
        cursor = rows[rows.length - 1]!.id;
        done += rows.length;
        opts.onProgress?.(before + done, overall, { engine: "postgres", kind, done, total });
      }
      before += total;
      await c.query(
        `DELETE FROM "SearchDocument" d WHERE d.kind = $1 AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.id = d."listingId")`,
        [kind],
      );
      await c.query(
        `DELETE FROM "SearchText" d WHERE d.kind = $1 AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.id = d."listingId")`,
        [kind],
      );
    }
    await c.query(`ANALYZE "SearchDocument"`);
    await c.query(`ANALYZE "SearchText"`);
  });
  await loadLexemeStats(true);
}

/**
 * Rebuilds the index of an engine (default: the active one; "all": both) from the database.
 * For the CLI: `npm run cli -- search:reindex [--engine postgres|meilisearch|all]`.
 */
export async function reindexSearch(opts: { engine?: EngineName | "all"; onProgress?: OnProgress } = {}) {
  const engine = opts.engine ?? activeEngine();
  const started = performance.now();
  if (engine === "postgres" || engine === "all") await reindexPostgres({ onProgress: opts.onProgress });
  if (engine === "meilisearch" || engine === "all") {
    if (!getEnv().MEILI_HOST) throw new Error("MEILI_HOST is not set: there is no Meilisearch to reindex");
    await reindexMeili({ onProgress: opts.onProgress ? (p) => opts.onProgress!(p.done, p.total, p) : undefined });
  }
  return { engine, ms: Math.round(performance.now() - started) };
}

const GIN_INDEXES = [
  { name: "SearchDocument_tsv_idx", column: "tsv" },
  { name: "SearchDocument_head_idx", column: "head" },
];

/**
 * Bulk loading: runs `load` with the two GIN indexes of the search documents dropped, then builds
 * them in one pass (much faster than maintaining them row by row). The documents are still
 * written by the triggers; searches during the load are slow, so use it for initial loads and
 * benchmarks, not on a live site.
 */
export async function withSearchIndexesDeferred<T>(load: () => Promise<T>): Promise<T> {
  await withClient(async (c) => {
    for (const ix of GIN_INDEXES) await c.query(`DROP INDEX IF EXISTS "${ix.name}"`);
  });
  try {
    return await load();
  } finally {
    await withClient(async (c) => {
      await c.query(`SET maintenance_work_mem = '512MB'`);
      for (const ix of GIN_INDEXES)
        await c.query(`CREATE INDEX IF NOT EXISTS "${ix.name}" ON "SearchDocument" USING GIN ("${ix.column}")`);
      await c.query(`VACUUM ANALYZE "SearchDocument"`);
      await c.query(`VACUUM ANALYZE "SearchText"`);
    });
    await loadLexemeStats(true);
  }
}
