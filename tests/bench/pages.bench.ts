// `npm run bench:pages`: cold start of a fresh install (init database, migrate, seed demo data,
// serve), page times for the main public pages with the demo data, and Lighthouse mobile scores
// (tests/bench/lighthouse.ts). Prints tables; the README quotes its latest figures.
// BENCH_ONLY=lighthouse runs only the Lighthouse part, BENCH_ONLY=pages only the rest.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { lighthousePages, runLighthouse } from "./lighthouse.ts";

const ONLY = process.env.BENCH_ONLY ?? "";
if (!["", "lighthouse", "pages"].includes(ONLY)) throw new Error(`BENCH_ONLY must be lighthouse or pages, not ${ONLY}`);

const PORT = Number(process.env.BENCH_PORT ?? 3310);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/gz-bench-pages";
const base = `http://127.0.0.1:${PORT}`;

async function waitForHealth(child: ChildProcess, timeoutMs = 240_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not become healthy in time");
}

function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      LOG_REQUESTS: "0",
      RATE_LIMIT_API_PER_MINUTE: "1000000",
      NODE_ENV: "production",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function measure(path: string, connections: number, duration = 8) {
  const result = await autocannon({ url: `${base}${encodeURI(path)}`, connections, duration });
  return {
    path,
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

fs.rmSync(DATA_DIR, { recursive: true, force: true });
// make sure the build is current so cold start measures the install, not the compile
await new Promise<void>((resolve, reject) => {
  const b = spawn("npx", ["react-router", "build"], { stdio: "ignore" });
  b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed"))));
});

let server = startServer();
const coldMs = await waitForHealth(server);
let failed = false;
if (ONLY !== "lighthouse") {
  await stop(server);
  server = startServer();
  const warmMs = await waitForHealth(server);

  const rows = [];
  for (const path of ["/", "/results", "/results?q=稀土", "/needs", "/api/v1/results?pageSize=20"]) {
    await fetch(`${base}${encodeURI(path)}`); // warm caches
    rows.push(await measure(path, 1, 5));
    rows.push(await measure(path, 10, 5));
  }
  console.log("\nStart-up (fresh DATA_DIR: init PostgreSQL, migrate, seed, serve)");
  console.table([{ cold_start_ms: coldMs, warm_start_ms: warmMs }]);
  console.log("Page times with the demo data (autocannon; latency in ms)");
  console.table(rows);
  const failures = rows.filter((r) => r.non2xx > 0);
  if (failures.length) {
    console.error("non-2xx responses:", failures);
    failed = true;
  }
}
if (ONLY !== "pages") {
  const pages = await lighthousePages(base);
  for (const page of pages) await fetch(`${base}${encodeURI(page.path)}`); // warm caches
  const scores = await runLighthouse(base, pages);
  console.log("\nLighthouse mobile (scores 0–100; FCP, LCP, total blocking time in ms; script KB transferred)");
  console.table(scores.map(({ failing: _failing, ...r }) => r));
  console.log("Audits below 0.9 per page:");
  for (const r of scores) console.log(`  ${r.page}: ${r.failing || "none"}`);
}
await stop(server);
if (failed) process.exit(1);
