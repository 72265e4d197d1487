// Starts (or reuses) the embedded PostgreSQL server that backs the app, the CLI and the tests
// when DATABASE_URL is not set. See docs/decisions/0002-embedded-postgres.md.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import {
  launchServer,
  releaseLeaseSync,
  runningServer,
  stopServer,
  takeLease,
  dropLease,
  withLock,
} from "./embedded-lease.server.ts";
import pg from "pg";

export type DatabaseHandle = {
  url: string;
  /** true when this process started the embedded server (it may still outlive this process) */
  owned: boolean;
  /** gives the lease back; stops the embedded server when no other process holds one */
  stop: () => Promise<void>;
};

export const DEFAULT_DATABASE_NAME = "market";

/**
 * embedded-postgres registers async-exit-hook on SIGINT, SIGTERM and SIGHUP when it is imported:
 * the first signal stops PostgreSQL at once and exits with 128 + n. A process with a shutdown of
 * its own for SIGINT and SIGTERM (the server: drain the HTTP workers, then stop the database)
 * calls this so that those reach only its handlers. The hooks on SIGHUP and "exit" stay.
 */
export function releaseShutdownSignals() {
  const exitHook = embeddedExitHook();
  for (const signal of ["SIGINT", "SIGTERM"]) exitHook.unhookEvent(signal);
}

/**
 * async-exit-hook (registered by embedded-postgres on import) answers "beforeExit" with
 * process.exit(0), which throws away process.exitCode: a Vitest run with failing tests exited 0,
 * and so did a CLI command whose database went away mid-way. A process that ends when its event
 * loop empties and reports through exitCode calls this; it stops its database explicitly anyway.
 */
export function keepExitCode() {
  const exitHook = embeddedExitHook();
  exitHook.unhookEvent("beforeExit");
  // Its shutdown (stop every started cluster, then exit) still runs when the loop empties, but
  // ends with the process's own code: a hook event per code, since its codes are fixed per event.
  // (Only unhooking would leave the "exit" event, where its shutdown runs without a callback and throws.)
  process.on("beforeExit", () => {
    const code = Number(process.exitCode ?? 0) || 0;
    const event = `embedded-postgres-exit-${code}`;
    if (!exitHook.hookedEvents().includes(event)) exitHook.hookEvent(event, code);
    (process as NodeJS.EventEmitter).emit(event);
  });
}

/** async-exit-hook resolved from embedded-postgres itself: the very instance it registered with. */
function embeddedExitHook() {
  // require.resolve rather than import.meta.resolve, which Vitest's module runner lacks
  const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
  return createRequire(embedded)("async-exit-hook") as {
    unhookEvent(event: string): void;
    hookEvent(event: string, code: number): void;
    hookedEvents(): string[];
  };
}

export function resolveDataDir(dataDir = process.env.DATA_DIR) {
  return path.resolve(dataDir && dataDir.length > 0 ? dataDir : ".data");
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export function urlFor(port: number, password: string, database: string) {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

type StartOptions = {
  dataDir?: string;
  database?: string;
  /** extra `-c name=value` settings, e.g. faster, less durable ones for tests */
  settings?: Record<string, string>;
  log?: (message: string) => void;
};

/**
 * Attaches to the embedded server of DATA_DIR, starting it when none runs, under a lease: the
 * server runs while any process holds one, and the process that gives back the last one stops
 * it, whoever started it (app, CLI, `npm run db`, tests). See docs/decisions/0002-embedded-postgres.md.
 */
export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<DatabaseHandle> {
  const dataDir = resolveDataDir(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const passwordFile = path.join(dataDir, "pg-password");
  const database = options.database ?? DEFAULT_DATABASE_NAME;
  fs.mkdirSync(dataDir, { recursive: true });

  const { port, password, started } = await withLock(dataDir, async () => {
    if (!fs.existsSync(passwordFile)) {
      fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
    }
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    const running = fs.existsSync(path.join(pgDir, "PG_VERSION")) ? runningServer(pgDir) : null;
    let port = running?.port;
    if (!port) {
      port = await freePort();
      await launchServer({ dataDir, pgDir, password, port, settings: options.settings, log: options.log });
    }
    takeLease(dataDir);
    return { port, password, started: !running };
  });

  let released = false;
  const releaseAtExit = () => {
    if (!released) {
      released = true;
      releaseLeaseSync(dataDir);
    }
  };
  // a CLI that fails, or is interrupted, still gives its lease back
  process.once("exit", releaseAtExit);
  try {
    await ensureDatabase(urlFor(port, password, "postgres"), database);
  } catch (error) {
    releaseAtExit();
    throw error;
  }
  return {
    url: urlFor(port, password, database),
    owned: started,
    stop: async () => {
      if (released) return;
      released = true;
      process.removeListener("exit", releaseAtExit);
      await withLock(dataDir, async () => {
        if (dropLease(dataDir)) await stopServer(pgDir);
      });
    },
  };
}

/** DATABASE_URL when set (a real server), otherwise the embedded server under DATA_DIR. */
export async function connectDatabase(options: StartOptions = {}): Promise<DatabaseHandle> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, owned: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}
