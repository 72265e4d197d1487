// `npm run bench:search`: 100,000 generated results (seeded, realistic vocabularies) in a
// throwaway database under BENCH_DATA_DIR (default /tmp/bench-search), imported through the CLI
// (`npm run cli -- import results --file … --publish`, timed), then p50/p95/p99 of
// searchListings() per query class, the raw SQL time of the same statements, the ratio of the
// two, the HTTP API's latency, and requests/second at 20 connections with autocannon against the
// real app server (app/server/start.ts on BENCH_PORT, its own DATA_DIR): a fixed mix with the
// cache on and off, and an uncached stream of BENCH_STREAM (2,400) distinct queries, each sent once.
// By default, as in the app (SEARCH_MEMORY_INDEX defaults to 1), the server's workers answer from
// the in-process index (docs/decisions/0026), and the bench adds its build time and memory and its
// per-class latencies beside the PostgreSQL engine's; SEARCH_MEMORY_INDEX=0 measures the
// PostgreSQL engine alone.
// BENCH_REUSE=1 (for iterating, not for the figures of record): keeps the imported database in
// BENCH_DATA_DIR and, when a previous run of this bench left one there with the same BENCH_DOCS,
// starts it instead of generating and importing again (the CLI import is then not timed). Without
// it, every run starts from a fresh database, as always.
//
// Targets (2 cores): p95 ≤ 30 ms per class, API ≤ 1.3 × raw SQL, ≥ 1,000 req/s cached, ≥ 400
// req/s uncached with p95 ≤ 50 ms, CLI import of 100k ≤ 60 s. The machine is shared: the load
// average is printed with the figures.
import type { SearchParams } from "../../search/index.server.ts";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startEmbeddedPostgres } from "../../app/db/embedded-postgres.server.ts";
import {
  BENCH_PG_SETTINGS,
  benchServerEnv,
  cpuOfTrees,
  freshBenchDatabase,
  machineLine,
  percentile,
  postmasterPid,
} from "./bench-db.ts";
import { cliImportLine, generateListings, generateQueryStream } from "./search-data.ts";

const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/bench-search";
const N = Number(process.env.BENCH_DOCS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 3317);
const HTTP = process.env.BENCH_HTTP !== "0";
// HTTP worker processes of the app server (npm start's default: one per core)
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.min(os.availableParallelism(), 8));
// distinct queries in the uncached stream (each sent once)
const STREAM = Number(process.env.BENCH_STREAM ?? 2_400);
const MEMORY = process.env.SEARCH_MEMORY_INDEX !== "0";
const OFF = MEMORY ? "off (in-process index)" : "off";

console.log(`bench:search — ${N.toLocaleString()} results, ${RUNS} runs per class; ${machineLine()}`);
const reuseMarker = path.join(DATA_DIR, `search-bench-imported-${N}`);
const reused = process.env.BENCH_REUSE === "1" && fs.existsSync(reuseMarker);
const handle = reused
  ? await startEmbeddedPostgres({ dataDir: DATA_DIR, database: "market", settings: BENCH_PG_SETTINGS })
  : await freshBenchDatabase(DATA_DIR, "market");
const url = handle.url;
process.env.DATABASE_URL = url;
// the class latencies are the engine without its result cache (every run really searches)
const { pgSearchUncached: searchListings } = await import("../../search/pg-engine.server.ts");
const { buildSearchPlan, EXACT_TOTAL_LIMIT, firstStrategy, HIT_CAP, loadLexemeStats, prepareQuery, termFrequency } =
  await import("../../search/pg-engine.server.ts");
const { closeSearchPool, statementTimeoutMs } = await import("../../search/pool.server.ts");

// ---------------------------------------------------------------- data
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const ORGS = 200;
const REGIONS = [
  "360702",
  "360703",
  "360704",
  "360721",
  "360722",
  "360781",
  "360783",
  "440300",
  "440100",
  "440600",
  "360100",
  "810000",
];
const KINDS = ["university", "institute", "enterprise", "enterprise", "agency"];
void KINDS;
let genMs = NaN;
let importMs = NaN;
let loadAtImport = NaN;
let importCpu = "";
let importSearch = "";
// the production build made for this run (buildApp)
let built = false;
if (!reused) {
  const t0 = performance.now();
  const items = generateListings(N);
  genMs = performance.now() - t0;
  await admin.query(
    `INSERT INTO "Organization" (id, name, kind, "creditCode", "regionCode", "verifiedAt", "updatedAt")
     SELECT 'bench-org-' || i, '基准机构' || i, (ARRAY['university','institute','enterprise','enterprise','agency'])[1 + i % 5]::"OrgKind",
            'BENCH' || lpad(i::text, 13, '0'), (ARRAY[${REGIONS.map((r) => `'${r}'`).join(",")}])[1 + i % ${REGIONS.length}], now(), now()
     FROM generate_series(0, ${ORGS - 1}) i`,
  );

  // The import an operator runs: `npm run cli -- import results --file … --publish` on a JSONL file
  // (the CLI's bulk path: one transaction, documents built set-based), with the app server up (its
  // HTTP workers holding their in-process indexes, as on a live site), timed from the spawn to its
  // exit, with the CPU seconds of the CLI, PostgreSQL and the server. Right after the CLI exits, a
  // search over HTTP must find the last line's title (the workers are rebuilding their indexes:
  // PostgreSQL answers), and again once every worker answers from its index. The dates are then
  // spread over three years (the CLI publishes everything "now"), outside the timed part and with
  // the server stopped. BENCH_HTTP=0: the import runs with no server.
  const file = path.join(DATA_DIR, "import.jsonl");
  fs.writeFileSync(
    file,
    items
      .slice(0, N)
      .map((r) => cliImportLine(r, ORGS))
      .join("\n") + "\n",
  );
  const lastTitle = items[N - 1]!.title;
  const timedImport = async (base?: string, serverPid?: number) => {
    const roots = { server: serverPid ?? -1, postgres: postmasterPid(DATA_DIR) };
    const before = cpuOfTrees(roots);
    loadAtImport = os.loadavg()[0]!;
    const t = performance.now();
    let cliCpuMs = 0;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "app/cli/index.ts", "import", "results", "--file", file, "--publish"],
        {
          env: { ...process.env, DATABASE_URL: url },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let err = "";
      child.stderr.on("data", (d) => (err = (err + String(d)).slice(-4000)));
      // the CLI's own CPU, sampled until it exits (a reaped child's time is not in /proc any more)
      const sample = setInterval(() => (cliCpuMs = Math.max(cliCpuMs, cpuOfTrees({ cli: child.pid! }).cli!)), 200);
      child.on("exit", (code) => {
        clearInterval(sample);
        if (code !== 0) reject(new Error(`import failed (${code}): ${err}`));
        else resolve();
      });
    });
    importMs = performance.now() - t;
    const after = cpuOfTrees(roots);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    importCpu =
      `CPU during the import: CLI ${s(cliCpuMs)}, PostgreSQL ${s(after.postgres! - before.postgres!)}` +
      (serverPid ? `, server (primary + workers) ${s(after.server! - before.server!)}` : "");
    if (!base) return;
    // the first search after success, then the same once every worker answers from its index
    const found = async () => {
      const res = await fetch(`${base}/api/v1/results?pageSize=20&q=${encodeURIComponent(lastTitle)}`);
      if (!res.ok) return false;
      const body = (await res.json()) as { items: Array<{ title: string }> };
      return body.items.some((i) => i.title === lastTitle);
    };
    const atExit = await found();
    const t2 = performance.now();
    await waitForMemoryIndexes(base);
    const indexed = await found();
    importSearch =
      `last line's title found over HTTP right after the CLI exited: ${atExit ? "yes" : "NO"}; ` +
      (MEMORY
        ? `every worker answering from its in-process index ${s(performance.now() - t2)} later, found then: ${indexed ? "yes" : "NO"}`
        : `found again: ${indexed ? "yes" : "NO"}`);
  };
  if (HTTP) {
    await buildApp();
    await withServer(false, (base, pid) => timedImport(base, pid));
  } else await timedImport();
  // at once too: the rest of the bench takes minutes
  console.log(`CLI import ${(importMs / 1000).toFixed(1)} s; ${importCpu}${importSearch ? `; ${importSearch}` : ""}`);
  await admin.query(
    `UPDATE "Result" SET "publishedAt" = "publishedAt" - (abs(hashtext(id)) % (3 * 365 * 86400)) * interval '1 second'`,
  );
  await admin.query(`VACUUM ANALYZE "SearchDocument"`);
  await admin.query(`VACUUM ANALYZE "SearchText"`);
  await admin.query(`VACUUM ANALYZE "Result"`);
  if (process.env.BENCH_REUSE === "1") fs.writeFileSync(reuseMarker, "");
}
const stats = await loadLexemeStats(true);
const total = N;
const share = (term: string) => `${(termFrequency(stats, term) * 100).toFixed(1)}%`;

// ---------------------------------------------------------------- query classes
type Case = { name: string; params: Array<Partial<SearchParams>>; http: string[] };
const enc = encodeURIComponent;
const CASES: Case[] = [
  {
    name: "1-char (钨, 磁, 锂)",
    params: [{ q: "钨" }, { q: "磁" }, { q: "锂" }],
    http: ["q=" + enc("钨"), "q=" + enc("磁"), "q=" + enc("锂")],
  },
  {
    name: "2-char (电机, 涂层, 电池)",
    params: [{ q: "电机" }, { q: "涂层" }, { q: "电池" }],
    http: ["q=" + enc("电机"), "q=" + enc("涂层"), "q=" + enc("电池")],
  },
  {
    name: "4-char (硬质合金, 磷酸铁锂, 生态修复)",
    params: [{ q: "硬质合金" }, { q: "磷酸铁锂" }, { q: "生态修复" }],
    http: ["q=" + enc("硬质合金"), "q=" + enc("磷酸铁锂"), "q=" + enc("生态修复")],
  },
  {
    name: "Latin (BMS, PCB, NdFeB)",
    params: [{ q: "BMS" }, { q: "pcb" }, { q: "NdFeB" }],
    http: ["q=BMS", "q=pcb", "q=NdFeB"],
  },
  {
    name: "multi-word",
    params: [{ q: "钕铁硼 矫顽力" }, { q: "硬质合金 涂层" }, { q: "动力电池 回收" }],
    http: ["q=" + enc("钕铁硼 矫顽力"), "q=" + enc("硬质合金 涂层"), "q=" + enc("动力电池 回收")],
  },
  {
    name: "filtered (field, region, price, org kind)",
    params: [
      { q: "涂层", filters: { field: ["tungsten", "new_materials"], priceMaxFen: 200_000_000 } },
      { q: "电池", filters: { regionCode: ["360700"], orgKind: ["university"] } },
      { q: "电机", filters: { transferMode: ["license"], maturity: ["pilot", "industrial"] } },
    ],
    http: [
      "q=" + enc("涂层") + "&field=tungsten&field=new_materials&priceMaxFen=200000000",
      "q=" + enc("电池") + "&regionCode=360700&orgKind=university",
      "q=" + enc("电机") + "&transferMode=license&maturity=pilot&maturity=industrial",
    ],
  },
  {
    name: "sorted (price, newest)",
    params: [
      { q: "电机", sort: "price_asc" },
      { q: "电池", sort: "newest" },
      { q: "涂层", sort: "price_desc" },
    ],
    http: [
      "q=" + enc("电机") + "&sort=price_asc",
      "q=" + enc("电池") + "&sort=newest",
      "q=" + enc("涂层") + "&sort=price_desc",
    ],
  },
  { name: `very common: 稀土 (${share("稀土")} of docs)`, params: [{ q: "稀土" }], http: ["q=" + enc("稀土")] },
  {
    name: "common + deep page (稀土, page 20)",
    params: [{ q: "稀土", page: 20 }],
    http: ["q=" + enc("稀土") + "&page=20"],
  },
  { name: "no query (newest, listing page)", params: [{}], http: [""] },
  { name: "facets (稀土 + facet counts)", params: [{ q: "稀土", facets: true }], http: [] },
];

const full = (p: Partial<SearchParams>): SearchParams => ({ kind: "result", page: 1, pageSize: 20, ...p });

// Raw SQL: the same statements the engine runs (hits pass, then count + walk for a common term),
// on a plain pool with the same settings, timed around the database round trips only.
const rawPool = new pg.Pool({
  connectionString: url,
  max: 4,
  options: `-c statement_timeout=${statementTimeoutMs()} -c jit=off -c max_parallel_workers_per_gather=0`,
} as pg.PoolConfig);
async function rawSql(params: SearchParams) {
  const prepared = params.q ? prepareQuery(params.q, { frequency: (x) => termFrequency(stats, x) }) : null;
  const plan = buildSearchPlan(params, prepared, firstStrategy(params, prepared, stats));
  const started = performance.now();
  if (plan.strategy === "hits") {
    const r = await rawPool.query(plan.statement.text, plan.statement.values);
    if ((r.rows[0]?.total ?? 0) <= HIT_CAP) return performance.now() - started;
  }
  const walk = plan.strategy === "walk" ? plan : buildSearchPlan(params, prepared, "walk");
  if (walk.strategy !== "walk") throw new Error("unreachable");
  await Promise.all([
    rawPool.query(walk.count.text, walk.count.values),
    rawPool.query(walk.page.text, walk.page.values),
  ]);
  return performance.now() - started;
}

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};
const fmt = (v: number) => +v.toFixed(1);

const rows: Array<Record<string, string | number>> = [];
const totals: Record<string, number> = {};
for (const c of CASES) {
  for (const p of c.params) {
    const r = await searchListings(full(p)); // warm
    totals[`${c.name} ${p.q ?? ""}`] = r.total;
    await rawSql(full(p));
  }
  const api: number[] = [];
  const sql: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = full(c.params[i % c.params.length]!);
    // alternate the order so neither side always runs on warmer caches
    if (i % 2) {
      sql.push(await rawSql(p));
      const s = performance.now();
      await searchListings(p);
      api.push(performance.now() - s);
    } else {
      const s = performance.now();
      await searchListings(p);
      api.push(performance.now() - s);
      if (!p.facets) sql.push(await rawSql(p));
    }
  }
  const a = summary(api);
  const q = summary(sql);
  rows.push({
    class: c.name,
    hits: c.params.map((p) => totals[`${c.name} ${p.q ?? ""}`]).join("/"),
    "p50 ms": fmt(a.p50),
    "p95 ms": fmt(a.p95),
    "p99 ms": fmt(a.p99),
    "SQL p50": c.params[0]!.facets ? "-" : fmt(q.p50),
    "SQL p95": c.params[0]!.facets ? "-" : fmt(q.p95),
    "API/SQL": c.params[0]!.facets ? "-" : +(a.p50 / q.p50).toFixed(2),
    "p95 ≤ 30": a.p95 <= 30 ? "yes" : "NO",
  });
}

// ---------------------------------------------------------------- in-process index
const memoryRows: Array<Record<string, string | number>> = [];
let memoryLine = "";
if (MEMORY) {
  process.env.SEARCH_CACHE = "0";
  const { memoryIndexReady, memoryIndexStatus } = await import("../../search/memory-sync.server.ts");
  const { memorySearch } = await import("../../search/memory-engine.server.ts");
  globalThis.gc?.();
  const heapBefore = process.memoryUsage();
  const started = performance.now();
  if (!(await memoryIndexReady())) throw new Error("the in-process index was not built");
  const buildMs = performance.now() - started;
  globalThis.gc?.();
  const heapAfter = process.memoryUsage();
  const st = memoryIndexStatus();
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  if (st.ready) {
    memoryLine =
      `in-process index: built in ${(buildMs / 1000).toFixed(1)} s; ${st.result.docs.toLocaleString()} results, ${st.result.lexemes.toLocaleString()} lexemes; ` +
      `postings ${mb(st.result.postings + st.need.postings)}, texts ${mb(st.result.text + st.need.text)}, lexicon ${mb(st.result.lexicon + st.need.lexicon)}; ` +
      `process heap +${mb(heapAfter.heapUsed - heapBefore.heapUsed)}, external +${mb(heapAfter.external + heapAfter.arrayBuffers - heapBefore.external - heapBefore.arrayBuffers)}, RSS +${mb(heapAfter.rss - heapBefore.rss)}${globalThis.gc ? "" : " (no --expose-gc: heap figures include garbage)"}`;
  }
  for (const c of CASES) {
    for (const p of c.params) await memorySearch(full(p)); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await memorySearch(full(c.params[i % c.params.length]!));
      times.push(performance.now() - s);
    }
    const m = summary(times);
    const pgRow = rows.find((r) => r.class === c.name);
    memoryRows.push({
      class: c.name,
      "p50 ms": fmt(m.p50),
      "p95 ms": fmt(m.p95),
      "p99 ms": fmt(m.p99),
      "PostgreSQL p95": pgRow?.["p95 ms"] ?? "-",
      "p95 ≤ 30": m.p95 <= 30 ? "yes" : "NO",
    });
  }
}

// ---------------------------------------------------------------- HTTP
const httpRows: Array<Record<string, string | number>> = [];
const throughput: Array<Record<string, string | number>> = [];
async function waitForHealth(child: ChildProcess, base: string, timeoutMs = 300_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}
/** Resident memory of the server's worker processes (its children), in MB. */
function workerRss(pid: number | undefined): string {
  if (!pid) return "";
  try {
    const out = execFileSync("ps", ["--ppid", String(pid), "-o", "rss="], { encoding: "utf8" });
    return out
      .trim()
      .split(/\s+/)
      .map((kb) => `${(Number(kb) / 1024).toFixed(0)} MB`)
      .join(", ");
  } catch {
    return "";
  }
}
let workersRss = "";
let postgresRss = "";

/** Waits until every worker reports its in-process index ready (each builds its own at start). */
async function waitForMemoryIndexes(base: string) {
  if (!MEMORY) return;
  const health = () =>
    new Promise<string>((resolve, reject) => {
      // a new connection each time: the cluster's primary hands it to the next worker in turn
      http
        .get(`${base}/api/v1/health`, { agent: false }, (res) => {
          let body = "";
          res.on("data", (d) => (body += String(d)));
          res.on("end", () => resolve(body));
        })
        .on("error", reject);
    });
  for (let i = 0; i < 1_200; i++) {
    const answers = await Promise.all(Array.from({ length: 2 * WORKERS }, health));
    if (answers.every((b) => b.includes('"state":"ready"'))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the workers' in-process indexes were not ready in 10 minutes");
}

/**
 * The server runs the production build: make sure it holds the current code (search/ is not
 * watched by the start script's staleness check). Once per run.
 */
async function buildApp() {
  if (built) return;
  await new Promise<void>((resolve, reject) => {
    const b = spawn("npx", ["react-router", "build"], { stdio: "ignore" });
    b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed"))));
  });
  built = true;
}

async function withServer<T>(
  cache: boolean,
  fn: (base: string, pid?: number) => Promise<T>,
  memory = MEMORY,
): Promise<T> {
  const base = `http://127.0.0.1:${PORT}`;
  const server = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env: benchServerEnv(
      { port: PORT, dataDir: DATA_DIR, databaseUrl: url, workers: WORKERS },
      {
        RATE_LIMIT_API_PER_MINUTE: "100000000",
        DATABASE_POOL_SIZE: "20",
        SEARCH_POOL_SIZE: "20",
        SEARCH_CACHE: cache ? "1" : "0",
        SEARCH_MEMORY_INDEX: memory ? "1" : "0",
      },
    ),
    // the server's own log (start-up, a worker that died) beside the data, for a run that fails
    stdio: ["ignore", fs.openSync(path.join(DATA_DIR, "server.log"), "a"), "inherit"],
  });
  try {
    await waitForHealth(server, base);
    if (memory) await waitForMemoryIndexes(base);
    return await fn(base, server.pid);
  } finally {
    // a server that already exited (waitForHealth saw it) sends no second "exit": waiting for one hung the bench
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  }
}

/**
 * Every path a few times on every worker: each request on a new connection, which the cluster's
 * primary hands to the next worker in turn (fetch would keep one connection, so one worker).
 */
async function warmWorkers(base: string, paths: string[], rounds = 3) {
  const once = (path: string) =>
    new Promise<void>((resolve, reject) => {
      http.get(base + path, { agent: false }, (res) => res.resume().on("end", resolve)).on("error", reject);
    });
  for (let i = 0; i < rounds * WORKERS; i++) for (const path of paths) await once(path);
}

async function load(base: string, label: string, requests: Array<{ method: "GET"; path: string }>) {
  // steady state: every request a few times on every worker, then 3 s of load unmeasured (JIT,
  // pools, cache entries)
  await warmWorkers(
    base,
    requests.map((r) => r.path),
  );
  await autocannon({ url: base, connections: 20, duration: 3, requests: requests as never });
  const result = await autocannon({ url: base, connections: 20, duration: 10, requests: requests as never });
  return {
    load: label,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
    "≥ 1000": result.requests.average >= 1000 ? "yes" : "NO",
  };
}

/**
 * The uncached stream: STREAM distinct queries (1/2/4-character terms, multi-word, Latin, filters,
 * sorts, pages 1–5), each sent once over 20 connections, after 3 s of another stream unmeasured.
 */
async function streamLoad(base: string) {
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
  await autocannon({ url: base, connections: 20, duration: 3, requests: stream(generateQueryStream(600, 7)) as never });
  const queries = generateQueryStream(STREAM);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      { url: base, connections: 20, amount: queries.length, requests: stream(queries) as never },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    run.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const sorted = latencies.sort((a, b) => a - b);
  return {
    load: `uncached stream: ${queries.length.toLocaleString()} distinct queries, each once`,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p95 ms": fmt(percentile(sorted, 95)),
    "p99 ms": result.latency.p99,
    errors: result.errors + result.non2xx,
    "≥ 1000": result.requests.average >= 1000 ? "yes" : "NO",
  };
}

if (HTTP) {
  await buildApp();
  const mixed = CASES.slice(0, 7)
    .flatMap((c) => c.http)
    .map((p) => ({ method: "GET" as const, path: `/api/v1/results?pageSize=20&${p}` }));
  const common = [{ method: "GET" as const, path: `/api/v1/results?pageSize=20&q=${enc("稀土")}` }];
  await withServer(false, async (base, pid) => {
    // steady state, as for the engine's figures: JIT-compiled code, warm pools and statistics
    await warmWorkers(
      base,
      CASES.flatMap((c) => c.http).map((p) => `/api/v1/results?pageSize=20&${p}`),
    );
    workersRss = workerRss(pid);
    for (const c of CASES) {
      if (!c.http.length) continue;
      const times: number[] = [];
      for (let i = 0; i < Math.max(20, RUNS / 2); i++) {
        const path = c.http[i % c.http.length]!;
        const s = performance.now();
        // no compression: the server's time, as autocannon sees it (gzip adds ~1 ms each side)
        const res = await fetch(`${base}/api/v1/results?pageSize=20&${path}`, {
          headers: { "accept-encoding": "identity" },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
        times.push(performance.now() - s);
      }
      const h = summary(times);
      const sqlP50 = Number(rows.find((r) => r.class === c.name)?.["SQL p50"]);
      httpRows.push({
        class: c.name,
        "HTTP p50 ms": fmt(h.p50),
        "HTTP p95 ms": fmt(h.p95),
        "HTTP/SQL (p50)": Number.isFinite(sqlP50) ? +(h.p50 / sqlP50).toFixed(2) : "-",
      });
    }
    throughput.push({
      cache: OFF,
      ...(await load(base, "typical mix (21 queries: 1/2/4-char, Latin, multi-word, filtered, sorted)", mixed)),
    });
    throughput.push({ cache: OFF, ...(await load(base, "very common term only (稀土)", common)) });
    throughput.push({ cache: OFF, ...(await streamLoad(base)) });
    throughput.push({
      cache: OFF,
      ...(await load(base, "no query (listing page, newest)", [
        { method: "GET", path: "/api/v1/results?pageSize=20" },
      ])),
    });
  });
  if (MEMORY) {
    // the same stream on the PostgreSQL engine, in the same run (the machine's load changes)
    await withServer(
      false,
      async (base, pid) => {
        await warmWorkers(
          base,
          CASES.flatMap((c) => c.http).map((p) => `/api/v1/results?pageSize=20&${p}`),
        );
        postgresRss = workerRss(pid);
        throughput.push({ cache: "off (PostgreSQL engine)", ...(await streamLoad(base)) });
      },
      false,
    );
  }
  await withServer(true, async (base) => {
    throughput.push({
      cache: "on",
      ...(await load(base, "typical mix (21 queries: 1/2/4-char, Latin, multi-word, filtered, sorted)", mixed)),
    });
    throughput.push({ cache: "on", ...(await load(base, "very common term only (稀土)", common)) });
  });
}

console.log(`\nbench:search — ${total.toLocaleString()} results; ${machineLine()}`);
if (reused) console.log(`database reused from ${DATA_DIR} (BENCH_REUSE=1): no generation or import timed`);
else
  console.log(
    `generation ${(genMs / 1000).toFixed(1)} s; CLI import of ${N.toLocaleString()} results (npm run cli -- import results --file … --publish) ` +
      `${HTTP ? "with the server running" : "(no server)"}: ${(importMs / 1000).toFixed(1)} s at load average ${loadAtImport.toFixed(1)} — target ≤ 60 s: ${importMs <= 60_000 ? "yes" : "NO"}` +
      `\n${importCpu}${importSearch ? `\n${importSearch}` : ""}`,
  );
console.log(
  `very common term 稀土 in ${share("稀土")} of the documents (PostgreSQL statistics); engine: embedded PostgreSQL, candidates scored ≤ 60 per tier; ` +
    `totals and facet counts exact up to ${EXACT_TOTAL_LIMIT.toLocaleString()} hits, estimated past it`,
);
console.log("\nsearchListings() latency per class vs the raw SQL of the same statements");
console.table(rows);
if (MEMORY) {
  console.log(`\n${memoryLine}`);
  console.log("searchListings() latency per class from the in-process index (same queries, one at a time)");
  console.table(memoryRows);
}
if (httpRows.length) {
  console.log(
    `GET /api/v1/results, result cache off (one connection, no compression; includes loading and serialising the rows); ${WORKERS} HTTP worker(s)` +
      `${MEMORY ? `, answering from the in-process index (worker RSS: ${workersRss}; with the PostgreSQL engine: ${postgresRss})` : ` (worker RSS: ${workersRss})`}`,
  );
  console.table(httpRows);
  console.log(
    `Throughput (autocannon, 20 connections, 10 s, ${WORKERS} HTTP worker(s)); cache on = whole responses cached, cleared by NOTIFY at every commit, each hit checked current (a shared change check) after it arrives`,
  );
  console.table(throughput);
}
await admin.end();
await rawPool.end();
await closeSearchPool();
await handle.stop();
