// `npm run bench:search-cpu`: CPU milliseconds per request of the uncached search stream, split
// between the app server (its workers) and PostgreSQL — the figure that does not depend on what
// else runs on a shared machine (req/s does). BENCH_DOCS (default 20,000) results are imported
// once through the CLI into BENCH_DATA_DIR (default /tmp/bench-search-cpu) and kept for the next
// run (BENCH_FRESH=1 rebuilds them); then the app server starts with SEARCH_CACHE=0 on BENCH_PORT,
// the stream of bench:search (BENCH_STREAM distinct queries, 20 connections) runs once unmeasured
// and once measured. BENCH_CPU_PROF=<dir> writes the workers' CPU profiles there (node --cpu-prof).
// The server inherits the environment: SEARCH_MEMORY_ITEMS=0 compares the index without its items.
// BENCH_CACHED=1 measures cache hits instead: the server with the cache on, and bench:search's mix of 21
// queries (then 稀土 alone) sent BENCH_AMOUNT (20,000) times each at 20 connections; the bench process's
// own CPU (autocannon, on the same cores) is printed beside the server's and PostgreSQL's.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startEmbeddedPostgres } from "../../app/db/embedded-postgres.server.ts";
import { benchServerEnv, cpuOfTrees, freshBenchDatabase, machineLine, percentile, postmasterPid } from "./bench-db.ts";
import { CACHED_MIX, cliImportLine, generateListings, generateQueryStream } from "./search-data.ts";

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-search-cpu";
const N = Number(process.env.BENCH_DOCS ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 3318);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const STREAM = Number(process.env.BENCH_STREAM ?? 2_400);
const PROF = process.env.BENCH_CPU_PROF;
const CACHED = process.env.BENCH_CACHED === "1";
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 20_000);
const ORGS = 200;
const marker = path.join(DATA_DIR, `imported-${N}`);

console.log(`bench:search-cpu — ${N.toLocaleString()} results; ${machineLine()}`);
const fresh = process.env.BENCH_FRESH === "1" || !fs.existsSync(marker);
const handle = fresh
  ? await freshBenchDatabase(DATA_DIR, "market")
  : await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "market" });
const url = handle.url;
if (fresh) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    `INSERT INTO "Organization" (id, name, kind, "creditCode", "regionCode", "verifiedAt", "updatedAt")
     SELECT 'bench-org-' || i, '基准机构' || i, (ARRAY['university','institute','enterprise','enterprise','agency'])[1 + i % 5]::"OrgKind",
            'BENCH' || lpad(i::text, 13, '0'), (ARRAY['360702','360703','360721','440300','360100','810000'])[1 + i % 6], now(), now()
     FROM generate_series(0, ${ORGS - 1}) i`,
  );
  const file = path.join(DATA_DIR, "import.jsonl");
  fs.writeFileSync(
    file,
    generateListings(N)
      .map((r) => cliImportLine(r, ORGS))
      .join("\n") + "\n",
  );
  execFileSync(
    process.execPath,
    ["--import", "tsx", "app/cli/index.ts", "import", "results", "--file", file, "--publish"],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "pipe"] },
  );
  await admin.query(
    `UPDATE "Result" SET "publishedAt" = "publishedAt" - (abs(hashtext(id)) % (3 * 365 * 86400)) * interval '1 second'`,
  );
  for (const t of ["SearchDocument", "SearchText", "Result"]) await admin.query(`VACUUM ANALYZE "${t}"`);
  await admin.end();
  fs.writeFileSync(marker, "");
}

const base = `http://127.0.0.1:${PORT}`;
// the cluster's workers inherit the primary's flags
const profile = PROF ? ["--cpu-prof", `--cpu-prof-dir=${PROF}`] : [];
const server = spawn(process.execPath, [...profile, "--import", "tsx", "app/server/start.ts"], {
  env: benchServerEnv(
    { port: PORT, dataDir: DATA_DIR, databaseUrl: url, workers: WORKERS },
    { RATE_LIMIT_API_PER_MINUTE: "100000000", SEARCH_POOL_SIZE: "20", SEARCH_CACHE: CACHED ? "1" : "0" },
  ),
  stdio: ["ignore", "ignore", "inherit"],
});
const get = (p: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(base + p, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += String(d)));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
try {
  for (let i = 0; ; i++) {
    if (i > 1200) throw new Error("the server or its index was not ready in 10 minutes");
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    // one worker serves from the primary, which builds its index at the first search
    if (WORKERS <= 1) await get("/api/v1/results?q=x").catch(() => "");
    const answers = await Promise.all(Array.from({ length: 2 * WORKERS }, () => get("/api/v1/health").catch(() => "")));
    if (answers.every((b) => b.includes('"state":"ready"') || (b.includes('"ok"') && !b.includes("memoryIndex"))))
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (CACHED) {
    await cachedLoads(base, { app: server.pid!, postgres: postmasterPid(DATA_DIR), bench: process.pid });
    process.exitCode = 0;
  } else await streamLoad();
  console.log(machineLine());
} finally {
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
  await handle.stop();
}

/** Cache hits: the mix and 稀土 alone, each warmed (every entry cached on both workers) then measured. */
async function cachedLoads(base: string, roots: Record<string, number>) {
  const rows: Record<string, Record<string, number | string>> = {};
  for (const [label, paths] of [
    ["cached mix (21 queries)", CACHED_MIX],
    ["cached 稀土", [`q=${encodeURIComponent("稀土")}`]],
  ] as const) {
    const requests = paths.map((p) => ({ method: "GET" as const, path: `/api/v1/results?pageSize=20&${p}` }));
    await autocannon({ url: base, connections: 20, amount: 4_000, requests: requests as never });
    const before = cpuOfTrees(roots);
    const result = await autocannon({ url: base, connections: 20, amount: AMOUNT, requests: requests as never });
    const after = cpuOfTrees(roots);
    const per = (k: string) => +((after[k]! - before[k]!) / AMOUNT).toFixed(3);
    rows[label] = {
      "req/s": Math.round(result.requests.average),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      errors: result.errors + result.non2xx,
      "app CPU ms/req": per("app"),
      "PostgreSQL CPU ms/req": per("postgres"),
      "bench CPU ms/req": per("bench"),
    };
  }
  console.table(rows);
}

async function streamLoad() {
  const stream = (queries: string[]) => {
    let next = 0;
    return [
      {
        method: "GET" as const,
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          path: `/api/v1/results?pageSize=20&${queries[next++ % queries.length]}`,
        }),
      },
    ];
  };
  const queries = generateQueryStream(STREAM);
  await autocannon({
    url: base,
    connections: 20,
    amount: 1200,
    requests: stream(generateQueryStream(1200, 7)) as never,
  });
  const roots = { app: server.pid!, postgres: postmasterPid(DATA_DIR) };
  const before = cpuOfTrees(roots);
  const latencies: number[] = [];
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      { url: base, connections: 20, amount: queries.length, requests: stream(queries) as never },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    run.on("response", (_c, _s, size, ms) => {
      latencies.push(ms);
      bytes += size;
    });
  });
  const after = cpuOfTrees(roots);
  // the workers' resident memory after the stream (the index, and its items unless SEARCH_MEMORY_ITEMS=0)
  const rss = execFileSync("ps", ["--ppid", String(server.pid), "-o", "rss="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.trim())
    .map((kb) => `${Math.round(Number(kb) / 1024)}`)
    .join(" / ");
  latencies.sort((a, b) => a - b);
  const n = queries.length;
  console.table({
    "uncached stream": {
      requests: n,
      errors: result.errors + result.non2xx,
      "req/s": Math.round(result.requests.average),
      "p50 ms": percentile(latencies, 50),
      "p95 ms": percentile(latencies, 95),
      "app CPU ms/req": +((after.app! - before.app!) / n).toFixed(2),
      "PostgreSQL CPU ms/req": +((after.postgres! - before.postgres!) / n).toFixed(2),
      "bytes/resp": Math.round(bytes / n),
      "worker RSS MB": rss,
    },
  });
}
