// A small pg pool of its own for search and matching queries: every statement on it runs with a
// statement_timeout, so no query text can hold a connection for long, and queries go straight
// to the driver (one round trip, no ORM layer between the SQL and its caller).
import pg from "pg";
import { getEnv } from "../app/env.server.ts";

const globalForSearch = globalThis as unknown as { __searchPool?: { url: string; pool: pg.Pool } };

/** Milliseconds a search statement may run (SEARCH_STATEMENT_TIMEOUT_MS, default 3000). */
export function statementTimeoutMs() {
  const v = getEnv().SEARCH_STATEMENT_TIMEOUT_MS;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : 3000;
}

export function searchPool(): pg.Pool {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must be set before search is used.");
  const current = globalForSearch.__searchPool;
  if (current && current.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: getEnv().SEARCH_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    // no JIT and no parallel workers: short queries, many at once, on few cores. No synchronized
    // sequential scans: a scan joining another one starts mid-table and wraps around, and the
    // estimated totals and facet counts extrapolate from the first hits in table order.
    options: `-c statement_timeout=${statementTimeoutMs()} -c jit=off -c max_parallel_workers_per_gather=0 -c synchronize_seqscans=off`,
    application_name: "search",
  } as pg.PoolConfig);
  // A dropped connection (server restart, a test database dropped) must not crash the process.
  pool.on("error", () => {});
  globalForSearch.__searchPool = { url, pool };
  return pool;
}

export async function searchQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  return searchPool().query<T>({ text, values });
}

export async function closeSearchPool() {
  const current = globalForSearch.__searchPool;
  globalForSearch.__searchPool = undefined;
  await current?.pool.end().catch(() => {});
}

/** True for the error PostgreSQL raises when statement_timeout cancels a query. */
export function isTimeout(error: unknown) {
  return (error as { code?: string })?.code === "57014";
}
