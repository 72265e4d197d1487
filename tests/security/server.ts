// The real HTTP server (app/server/start.ts) in a child process, on this test file's database.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  base: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/** Starts the server (no demo data, one process) and waits until /api/v1/health answers. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 400_000): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SEED_DEMO: "never",
    WEB_CONCURRENCY: "1",
    LOG_REQUESTS: "0",
    DATA_DIR: `/tmp/security-test-${port}`,
    ...env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  let output = "";
  // A development build's start regenerates .react-router/types (rm + write); two test files
  // starting servers at the same moment raced there (ENOTEMPTY, the server exited). Starts take
  // turns through a lock directory; a lock left by a killed run is taken over after two minutes.
  const release = await startLock(timeoutMs);
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  const end = Date.now() + timeoutMs;
  try {
    while (Date.now() < end) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${base}/api/v1/health`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    release();
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return { base, port, child, output: () => output, stop };
}

const LOCK = path.join(
  os.tmpdir(),
  `server-start-${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 12)}.lock`,
);

async function startLock(timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return () => fs.rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > end) throw new Error(`another test's server start held ${LOCK} too long`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
