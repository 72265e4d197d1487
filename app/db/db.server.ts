// The one Prisma client of the process, over the pg driver adapter (no Rust engine), and its pg
// pool, which the hot bid path queries directly (docs/decisions/0029-hot-api-path.md).
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { getEnv } from "../env.server.ts";
import { SerialTransactionPg } from "./serial-transactions.server.ts";

export type { Prisma } from "../generated/prisma/client.ts";

/** maxWait: to get a connection and BEGIN; timeout: from BEGIN to COMMIT (ms). */
export const TRANSACTION_DEFAULTS = { maxWait: 15_000, timeout: 30_000 } as const;

function createClient() {
  const connectionString = getEnv().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL must be set before the database is used (app/server/start.ts sets it).");
  }
  const pool = new pg.Pool({ connectionString, max: getEnv().DATABASE_POOL_SIZE });
  // an idle connection that breaks (the server restarts) is dropped by the pool, not a crash
  pool.on("error", () => {});
  const adapter = new SerialTransactionPg(pool, { disposeExternalPool: true });
  // Prisma's defaults (2 s to start a transaction, 5 s to finish it) fail whole requests with
  // P2028 on a busy machine: opening a pooled connection alone took over 2 s under a burst of
  // contract creations and at seeding. Every transaction gets the contracts' explicit limits
  // unless it sets its own; withTransactionRetry runs a P2028 loser again.
  const client = new PrismaClient({ adapter, transactionOptions: TRANSACTION_DEFAULTS });
  globalForPrisma.__pgPool = pool;
  return client;
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { __prisma?: Client; __pgPool?: pg.Pool };

// Lazily created so that importing this module never needs DATABASE_URL (tests set it per file).
export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    globalForPrisma.__prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.__prisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.__prisma) : value;
  },
});

/**
 * The pg pool under the Prisma client, for the few hot statements that skip Prisma's per-query
 * work (query planning in WASM, result mapping): same connections, same limits.
 */
export function pgPool(): pg.Pool {
  globalForPrisma.__prisma ??= createClient();
  return globalForPrisma.__pgPool!;
}

export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

export async function disconnectPrisma() {
  const pool = globalForPrisma.__pgPool;
  await globalForPrisma.__prisma?.$disconnect();
  // Prisma ends the pool only if it ever connected; a process that used only pgPool() ends it here
  if (pool && !pool.ended) await pool.end();
  globalForPrisma.__prisma = undefined;
  globalForPrisma.__pgPool = undefined;
}
