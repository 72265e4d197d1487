// Prisma 6.19 CLI, run fully offline with the JS (WASM) schema engine and the pg driver adapter.
// Why each patch below exists is written in docs/decisions/0001-offline-prisma.md; re-test all of
// them on any Prisma upgrade (versions are pinned exactly in package.json).
import "dotenv/config";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// 4. The WASM engine leaves 10 s / 60 s timers behind, so CLI commands would hang after finishing.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

// 1. The engine reads pg_catalog columns typed `name` (19) and `"char"` (18), which the adapter
// cannot map: report them as text (25); their values are plain strings either way.
const TEXT_OID = 25;
function relabelCatalogTypes(result: unknown) {
  const fields = (result as { fields?: Array<{ dataTypeID: number }> } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
  }
  return result;
}
class CatalogFriendlyClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : relabelCatalogTypes(res));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(relabelCatalogTypes);
    }
    return out;
  }
}

function withDatabase(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

class OfflineMigratePg extends PrismaPg {
  constructor(private connectionString: string) {
    super({ connectionString, Client: CatalogFriendlyClient, max: 1, allowExitOnIdle: true } as pg.PoolConfig);
  }

  async connect() {
    const adapter = await super.connect();
    // 2. The adapter splits scripts on every `;`, which breaks $$-quoted function bodies and
    // comments. Send the whole migration as one query (one implicit transaction, like the
    // native engine does).
    adapter.executeScript = async (script: string) => {
      try {
        await (adapter.underlyingDriver() as pg.Pool).query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }

  // 3. The built-in shadow database keeps `connectionString`, which wins over `database`, so
  // migrations would be replayed into the real database. Make and use a real temporary one.
  async connectToShadowDb() {
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadow = await new OfflineMigratePg(withDatabase(this.connectionString, name)).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Use `npm run cli -- db:url` to print the embedded database's URL, or start the app once.",
      );
    }
    return new OfflineMigratePg(url);
  },
});
