// `npm start`: on a fresh machine, starts the embedded database (or uses DATABASE_URL), applies
// migrations, seeds demo data once, builds the app if needed and serves it on PORT — in
// production from WEB_CONCURRENCY worker processes (default: one per core, see
// docs/decisions/0005-http-workers.md), while this process keeps the database and the
// background jobs.
import { execFileSync } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectDatabase, releaseShutdownSignals, resolveDataDir } from "../db/embedded-postgres.server.ts";
import { parseEnv } from "../env.server.ts";
import { buildUnderLock } from "./build-lock.ts";

const started = performance.now();
const env = parseEnv();
// Production unless told otherwise (`npm run dev` says so): Secure cookies, HSTS, no stack traces.
process.env.NODE_ENV = env.NODE_ENV;
const dev = env.NODE_ENV === "development";
const dataDir = resolveDataDir(env.DATA_DIR);
fs.mkdirSync(dataDir, { recursive: true });

function log(message: string) {
  console.log(`[start] ${message}`);
}

if (!process.env.SESSION_SECRET) {
  const file = path.join(dataDir, "session-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

const db = await connectDatabase({ dataDir, log });
// Our shutdown stops the database, after the HTTP workers have answered what they hold. Set up
// before anything else is awaited: a signal (or a worker's exit) can come at any point of the
// start-up, and stops what has been started so far.
releaseShutdownSignals();
let stopping = false;
let stopHttp: (() => Promise<void>) | undefined;
// eslint-disable-next-line prefer-const -- a signal can call shutdown() before the assignment below; a const would still be in its temporal dead zone then
let stopBackground: (() => void) | undefined;
async function shutdown(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  stopBackground?.();
  await stopHttp?.().catch(() => {});
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  await db.stop().catch(() => {});
  process.exit(exitCode);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.env.DATABASE_URL = db.url;
log(db.owned ? `embedded PostgreSQL under ${path.join(dataDir, "pg")}` : "using the configured database");

execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
  env: process.env,
  stdio: ["ignore", "ignore", "inherit"],
});
log("migrations applied");

// the subsidy programmes of the current and previous year (published policy, not demo data)
{
  const { ensureSubsidyProgrammes } = await import("../subsidies/programmes.server.ts");
  const created = await ensureSubsidyProgrammes();
  if (created) log(`subsidy programmes seeded: ${created}`);
}

if (env.SEED_DEMO === "auto") {
  const { seedDemoDataOnce } = await import("../../seeds/seed-once.server.ts");
  const seeded = await seedDemoDataOnce({ log });
  log(seeded ? "demo data seeded" : "demo data already present");
  const { seedDemoEventsOnce } = await import("../../seeds/events.server.ts");
  await seedDemoEventsOnce({ log });
  const { seedDemoPaymentsOnce } = await import("../../seeds/payments.server.ts");
  await seedDemoPaymentsOnce({ log });
  const { seedDemoAuctionsOnce } = await import("../../seeds/auctions.server.ts");
  await seedDemoAuctionsOnce({ log });
  const { seedDemoNetworkOnce } = await import("../../seeds/network.server.ts");
  await seedDemoNetworkOnce({ log });
  const { seedDemoSubsidiesOnce } = await import("../../seeds/subsidies.server.ts");
  await seedDemoSubsidiesOnce({ log });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}generated${path.sep}`)) continue;
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (!dev) {
  const serverBuild = path.resolve("build/server/index.js");
  // The app bundle includes app/, search/ and seeds/ code (and the thesaurus JSON).
  const sources = ["app", "search", "seeds"].map((d) => path.resolve(d)).filter((d) => fs.existsSync(d));
  const stale = () =>
    !fs.existsSync(serverBuild) || Math.max(...sources.map(newestMtime)) > fs.statSync(serverBuild).mtimeMs;
  await buildUnderLock({
    lockFile: path.resolve("node_modules/.cache/market-build.lock"),
    isStale: stale,
    log,
    build: () => {
      log("building the app (first start or sources changed)…");
      execFileSync(process.execPath, [path.resolve("node_modules/@react-router/dev/bin.js"), "build"], {
        stdio: ["ignore", "ignore", "inherit"],
      });
    },
  });
}

const workers = dev ? 1 : (env.WEB_CONCURRENCY ?? Math.min(os.availableParallelism(), 8));
if (workers <= 1) {
  const { serveHttp } = await import("./http.server.ts");
  const server = await serveHttp({ mode: dev ? "development" : "production", port: env.PORT, workers: 1 });
  log(`ready in ${Math.round(performance.now() - started)} ms → http://localhost:${env.PORT}`);
  stopHttp = () => server.close();
} else {
  try {
    stopHttp = await startWorkers(workers);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    await shutdown("start-up failed", 1);
  }
  log(
    `ready in ${Math.round(performance.now() - started)} ms → http://localhost:${env.PORT} (${workers} HTTP workers)`,
  );
}

const { startBackgroundWork } = await import("./background.server.ts");
stopBackground = startBackgroundWork({ log });

/**
 * Forks the HTTP workers (app/server/http-worker.ts; they share the port) and keeps `count` of
 * them running: one that dies is replaced, at most once a second, whether it had listened yet or
 * not — a worker killed by a signal during start-up (the OOM killer, an operator) is no reason to
 * give up. Resolves when `count` workers listen. Rejects only when workers keep failing on their
 * own before they listen (a broken build, a bad port): three such exits during start-up.
 */
async function startWorkers(count: number): Promise<() => Promise<void>> {
  cluster.setupPrimary({ exec: path.resolve("app/server/http-worker.ts") });
  const workerEnv = { WEB_CONCURRENCY: String(count) };
  const listening = new Set<number>();
  let ready = false;
  let bootFailures = 0;
  let lastRestart = 0;
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const started = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Attached before the first fork, so no exit goes unseen.
  cluster.on("listening", (worker) => {
    listening.add(worker.id);
    if (!ready && listening.size >= count) {
      ready = true;
      settle.resolve();
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    const hadListened = listening.delete(worker.id);
    if (stopping || worker.exitedAfterDisconnect) return;
    if (!ready && !hadListened && signal === null) {
      bootFailures += 1;
      if (bootFailures >= 3) {
        settle.reject(new Error(`HTTP workers keep exiting before they listen (last exit code ${code})`));
        return;
      }
    }
    log(`HTTP worker ${worker.process.pid} died (${signal ?? code}); starting another`);
    const wait = Math.max(0, lastRestart + 1000 - Date.now());
    lastRestart = Date.now() + wait;
    setTimeout(() => {
      if (!stopping) cluster.fork(workerEnv);
    }, wait);
  });
  for (let i = 0; i < count; i++) cluster.fork(workerEnv);
  await started;
  return async () => {
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (w) =>
          new Promise<void>((resolve) => {
            if (!w || w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.disconnect();
            setTimeout(() => w.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
  };
}
