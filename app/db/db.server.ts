// The one Prisma client of the process, over the pg driver adapter (no Rust engine).
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
  const adapter = new SerialTransactionPg({ connectionString, max: getEnv().DATABASE_POOL_SIZE });
  // Prisma's defaults (2 s to start a transaction, 5 s to finish it) fail whole requests with
  // P2028 on a busy machine: opening a pooled connection alone took over 2 s under a burst of
  // contract creations and at seeding. Every transaction gets the contracts' explicit limits
  // unless it sets its own; withTransactionRetry runs a P2028 loser again.
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_DEFAULTS });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { __prisma?: Client };

// Lazily created so that importing this module never needs DATABASE_URL (tests set it per file).
export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    globalForPrisma.__prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.__prisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.__prisma) : value;
  },
});

export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

export async function disconnectPrisma() {
  await globalForPrisma.__prisma?.$disconnect();
  globalForPrisma.__prisma = undefined;
}
