// Exactly one owner of the embedded PostgreSQL, whatever starts first: `npm run db -- …` starts
// it, the app attaches, the helper exits — and the app keeps its database. A CLI command that
// attaches and exits leaves it running too; the last process to leave stops it. Health checks
// the database: 503 once it is gone, instead of 200 while every other route fails.
import { spawn, type ChildProcess } from "node:child_process";
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

const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
};

async function until(check: () => Promise<boolean> | boolean, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (out.stdout += String(d)));
  child.stderr!.on("data", (d) => (out.stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, out, exited };
}

type HealthBody = {
  status: string;
  database: { status: string };
  search: { status: string };
  mail: { status: string };
};

test(
  "a helper that started the embedded database never stops it under the app; the last user stops it; health sees the database",
  { timeout: 300_000 },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "market-ownership-"));
    fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      SEED_DEMO: "never",
      NODE_ENV: "production",
      WEB_CONCURRENCY: "1",
      LOG_REQUESTS: "0",
    };
    delete env.DATABASE_URL;
    const release = path.join(dataDir, "release-helper");
    const children: ChildProcess[] = [];
    const base = `http://127.0.0.1:${port}`;
    const health = () =>
      fetch(`${base}/api/v1/health`).then(async (r) => ({ status: r.status, body: (await r.json()) as HealthBody }));
    const postgresPid = () =>
      Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    try {
      // 1. `npm run db -- <command>` first: it starts the server (the command waits for our signal)
      const helper = run(
        [
          "app/db/with-database.ts",
          process.execPath,
          "-e",
          `const fs=require("fs");fs.writeFileSync(${JSON.stringify(path.join(dataDir, "helper-ready"))},process.env.DATABASE_URL);const t=setInterval(()=>{if(fs.existsSync(${JSON.stringify(release)}))clearInterval(t)},50)`,
        ],
        env,
      );
      children.push(helper.child);
      expect(
        await until(() => fs.existsSync(path.join(dataDir, "helper-ready")) || helper.child.exitCode !== null, 60_000),
        helper.out.stderr,
      ).toBe(true);
      expect(helper.child.exitCode, helper.out.stderr).toBeNull();
      const postgres = postgresPid();
      expect(alive(postgres)).toBe(true);

      // 2. the app starts meanwhile and attaches
      const app = run(["app/server/start.ts"], env);
      children.push(app.child);
      expect(
        await until(
          async () =>
            app.child.exitCode !== null ||
            (await health().then(
              (h) => h.status === 200,
              () => false,
            )),
          200_000,
        ),
        app.out.stderr,
      ).toBe(true);
      expect(app.child.exitCode, app.out.stderr).toBeNull();
      expect(postgresPid()).toBe(postgres);

      // 3. the helper exits: the server stays, the app keeps serving
      fs.writeFileSync(release, "");
      expect(await helper.exited, helper.out.stderr).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(alive(postgres)).toBe(true);
      const ok = await health();
      expect(ok.status).toBe(200);
      expect(ok.body.database.status).toBe("ok");
      expect(ok.body.search.status).toBe("ok");
      expect(ok.body.mail.status).toBe("ok");
      expect((await fetch(`${base}/api/v1/results?pageSize=5`)).status).toBe(200);

      // 4. a CLI command attaches and exits: still running
      const cli = run(["app/cli/index.ts", "db:url"], env);
      expect(await cli.exited, cli.out.stderr).toBe(0);
      expect(cli.out.stdout).toContain(`127.0.0.1:`);
      expect(alive(postgres)).toBe(true);
      expect((await health()).status).toBe(200);

      // 5. the app, the last user, stops it at shutdown
      app.child.kill("SIGTERM");
      expect(await app.exited, app.out.stderr).toBe(0);
      expect(await until(() => !alive(postgres), 10_000)).toBe(true);
      expect(fs.readdirSync(path.join(dataDir, "pg-leases"))).toEqual([]);

      // 6. the app alone again; its database stops under it: health answers 503, naming the database
      const again = run(["app/server/start.ts"], env);
      children.push(again.child);
      expect(
        await until(
          async () =>
            again.child.exitCode !== null ||
            (await health().then(
              (h) => h.status === 200,
              () => false,
            )),
          120_000,
        ),
        again.out.stderr,
      ).toBe(true);
      process.kill(postgresPid(), "SIGINT");
      expect(await until(async () => (await health()).status === 503, 15_000)).toBe(true);
      const down = await health();
      expect(down.body.status).toBe("down");
      expect(down.body.database.status).toBe("down");
      again.child.kill("SIGTERM");
      expect(await again.exited).toBe(0);
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
