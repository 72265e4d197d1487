// The one Prisma client of the process, over the pg driver adapter (no Rust engine).
import { PrismaClient } from "../generated/prisma/client.ts";
import { getEnv } from "../env.server.ts";
import { SerialTransactionPg } from "./serial-transactions.server.ts";

export type { Prisma } from "../generated/prisma/client.ts";

function createClient() {
  const connectionString = getEnv().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL must be set before the database is used (app/server/start.ts sets it).");
  }
  const adapter = new SerialTransactionPg({ connectionString, max: getEnv().DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
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
