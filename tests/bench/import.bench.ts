// `npm run bench:import`: the CLI import an operator runs (`npm run cli -- import results --file …
// --publish`) on BENCH_DOCS (100,000) generated results WITH THE APP SERVER RUNNING — its HTTP
// workers holding their in-process search indexes (docs/decisions/0026) — as the target is set:
// ≤ 60 s on 2 cores. Prints the wall time, the CPU seconds of the CLI process, the server (primary
// + workers) and PostgreSQL during the import (on a shared machine CPU seconds compare, wall
// times depend on the load), checks that a search over HTTP finds the imported listings the moment
// the CLI exits, and how long until every worker answers from its index again.
// Its own database and server under BENCH_DATA_DIR (default /tmp/bench-import), port BENCH_PORT.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchServerEnv, cpuOfTrees, freshBenchDatabase, machineLine, postmasterPid } from "./bench-db.ts";
import { cliImportLine, generateListings } from "./search-data.ts";

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-import";
const N = Number(process.env.BENCH_DOCS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3318);
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.min(os.availableParallelism(), 8));
const MEMORY = process.env.SEARCH_MEMORY_INDEX !== "0";
// BENCH_SERVER=0: the same import with no server running (what the server's workers cost)
const SERVER = process.env.BENCH_SERVER !== "0";
const ORGS = 200;
const BASE = 500;

console.log(`bench:import — ${N.toLocaleString()} results, server with ${WORKERS} worker(s); ${machineLine()}`);
const handle = await freshBenchDatabase(DATA_DIR, "market");
const url = handle.url;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(
  `INSERT INTO "Organization" (id, name, kind, "creditCode", "regionCode", "verifiedAt", "updatedAt")
   SELECT 'bench-org-' || i, '基准机构' || i, 'enterprise'::"OrgKind", 'BENCH' || lpad(i::text, 13, '0'), '360702', now(), now()
   FROM generate_series(0, ${ORGS - 1}) i`,
);

const items = generateListings(N + BASE);
const toLine = (r: (typeof items)[number]) => cliImportLine(r, ORGS);
const MARK = "导入基准标记";
const baseFile = path.join(DATA_DIR, "base.jsonl");
const file = path.join(DATA_DIR, "import.jsonl");
fs.writeFileSync(baseFile, items.slice(0, BASE).map(toLine).join("\n") + "\n");
// the last line carries a word no other listing has: found over HTTP right after the CLI exits?
const lines = items.slice(BASE).map(toLine);
lines[lines.length - 1] = JSON.stringify({ ...JSON.parse(lines[lines.length - 1]!), title: `${MARK} 最后一行` });
fs.writeFileSync(file, lines.join("\n") + "\n");

function cli(f: string) {
  return new Promise<{
    cpuMs: number;
    progressLines: number;
    maxGapMs: number;
    gapAfter: string;
    maxLaterGapMs: number;
  }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "app/cli/index.ts", "import", "results", "--file", f, "--publish"],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    let progressLines = 0;
    let last = performance.now();
    let maxGapMs = 0;
    let gapAfter = "the start";
    // after the first line (the start is Node and tsx loading the modules)
    let maxLaterGapMs = 0;
    let previous = "the start";
    let cpuMs = 0;
    const onLine = (d: Buffer) => {
      const now = performance.now();
      for (const l of String(d).split(/[\r\n]/))
        if (/rows\/s/.test(l)) {
          progressLines++;
          if (now - last > maxGapMs) [maxGapMs, gapAfter] = [now - last, previous];
          if (progressLines > 1) maxLaterGapMs = Math.max(maxLaterGapMs, now - last);
          last = now;
          previous = l.trim();
        }
    };
    child.stdout.on("data", onLine);
    child.stderr.on("data", (d) => {
      onLine(d);
      err = (err + String(d)).slice(-4000);
    });
    // the CLI's own CPU, sampled until it exits (a reaped child's time is not in /proc any more)
    const sample = setInterval(() => {
      cpuMs = Math.max(cpuMs, cpuOfTrees({ cli: child.pid! }).cli!);
    }, 200);
    child.on("exit", (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`import failed (${code}): ${err}`));
      else {
        if (performance.now() - last > maxGapMs)
          [maxGapMs, gapAfter] = [performance.now() - last, `${previous} (to the exit)`];
        maxLaterGapMs = Math.max(maxLaterGapMs, performance.now() - last);
        resolve({ cpuMs, progressLines, maxGapMs, gapAfter, maxLaterGapMs });
      }
    });
  });
}

function get(p: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${PORT}${p}`, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += String(d)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}
/** Every worker's index ready (health on new connections: the primary hands them round). */
async function indexesReady() {
  if (!MEMORY) return true;
  const answers = await Promise.all(Array.from({ length: 2 * WORKERS }, () => get("/api/v1/health")));
  return answers.every((a) => a.body.includes('"state":"ready"'));
}

// a few hundred listings first, so the workers hold a built index when the import starts
await cli(baseFile);
if (SERVER) {
  // the server runs the production build: make sure it holds the current code (search/ is not
  // watched by the start script's staleness check)
  await new Promise<void>((resolve, reject) => {
    const b = spawn("npx", ["react-router", "build"], { stdio: "ignore" });
    b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed"))));
  });
}
const server = SERVER
  ? spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
      env: benchServerEnv(
        { port: PORT, dataDir: DATA_DIR, databaseUrl: url, workers: WORKERS },
        { SEARCH_MEMORY_INDEX: MEMORY ? "1" : "0" },
      ),
      stdio: ["ignore", "ignore", "inherit"],
    })
  : null;
try {
  for (let i = 0; server; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (i > 3000) throw new Error("server not ready in 5 minutes");
    const ok = await get("/api/v1/health").then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok && (await indexesReady())) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // a search now and then during the import, as a live site has (each one makes a worker check)
  let searching = !!server;
  const searches = (async () => {
    while (searching) {
      await get(`/api/v1/results?pageSize=20&q=${encodeURIComponent("稀土")}`).catch(() => {});
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const roots = { server: server?.pid ?? -1, postgres: postmasterPid(DATA_DIR) };
  const before = cpuOfTrees(roots);
  const load = os.loadavg()[0]!;
  const t = performance.now();
  const run = await cli(file);
  const ms = performance.now() - t;
  const after = cpuOfTrees(roots);
  searching = false;
  await searches;
  const s = (v: number) => (v / 1000).toFixed(1);
  console.log(
    `CLI import of ${N.toLocaleString()} results ${server ? "with the server running" : "(no server)"}: ${s(ms)} s wall at load average ${load.toFixed(1)} ` +
      `(target ≤ 60 s at 100,000: ${N < 100_000 ? "n/a" : ms <= 60_000 ? "yes" : "NO"})`,
  );
  console.log(
    `CPU during the import: CLI ${s(run.cpuMs)} s, PostgreSQL ${s(after.postgres! - before.postgres!)} s, ` +
      `server (primary + workers) ${s(after.server! - before.server!)} s`,
  );
  console.log(
    `progress lines ${run.progressLines}, longest gap ${s(run.maxGapMs)} s after “${run.gapAfter}”; after the first line (to the exit included) ${s(run.maxLaterGapMs)} s`,
  );
  if (server) {
    const found = await get(`/api/v1/results?pageSize=5&q=${encodeURIComponent(MARK)}`);
    const searchable = found.status === 200 && JSON.parse(found.body).total === 1;
    const t2 = performance.now();
    while (!(await indexesReady())) await new Promise((r) => setTimeout(r, 250));
    const readyMs = performance.now() - t2;
    const after2 = cpuOfTrees(roots);
    console.log(
      `last line searchable over HTTP at exit: ${searchable ? "yes" : "NO"}; every worker answering from its index again ` +
        `${s(readyMs)} s later (CPU meanwhile: server ${s(after2.server! - after.server!)} s, PostgreSQL ${s(after2.postgres! - after.postgres!)} s)`,
    );
  }
} finally {
  if (server) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await admin.end();
  await handle.stop();
}
