// `npm run bench:bidding`: one lot, 200 bidders bidding over HTTP (at most 50 requests in flight)
// against `npm start`'s HTTP workers, while 500 Server-Sent-Events watchers are connected (spread
// over the workers: one connection each). Reports accepted-bid latency p50/p95, the time from a
// bid's acceptance (its 201 at the bidder) to the last watcher receiving it, and checks that no
// sequence number is lost or repeated (in the responses and at every watcher) and the chain
// verifies. Targets on 2 cores: bid p95 ≤ 50 ms, broadcast p95 ≤ 200 ms.
// Before the measured lot, a warm-up lot of the same shape is bid on (BENCH_WARMUP_ROUNDS, 0: none): a
// market's server has run for hours before a close, so the measured bids are not its first ones
// (V8 still compiling the path, each PostgreSQL backend's first plans and catalog loads).
import { type ChildProcess, fork, spawn } from "node:child_process";
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { BidConnection, postHead } from "./bid-client.ts";
import { watchEvents, watcherReads } from "./sse-watcher.ts";
import {
  cpuOfTrees,
  freshBenchDatabase,
  machineLine,
  percentile,
  postmasterPid,
  treePids,
  userSystemOf,
} from "./bench-db.ts";
import { traceSummary } from "./bid-trace-summary.ts";
import { PG_STATS_SETTINGS, directTokenBids, pgStatsWhileBidding } from "./pg-stats.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3330);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? "/tmp/gz-bench-bidding";
const WORKERS = Number(process.env.WEB_CONCURRENCY ?? 2);
const BIDDERS = Number(process.env.BENCH_BIDDERS ?? 200);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// rounds of the same 200 bidders on a second lot, with 500 watchers on it, before the measured lot
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 5);
// the watchers in a process of their own (tests/bench/watchers-child.ts); 0: on this event loop, as before 7 Dec
const WATCHERS_PROCESS = process.env.BENCH_WATCHERS_PROCESS !== "0";
// BENCH_PG_STATS=1: where PostgreSQL's CPU goes while bidding — each server process's CPU (backends
// apart from the background processes) and pg_stat_statements' statements, nested ones included
const PG_STATS = process.env.BENCH_PG_STATS === "1";
// BENCH_TRACE=1: what the slow accepted bids wait on, phase by phase (tests/bench/bid-trace.js)
const TRACE = process.env.BENCH_TRACE === "1";
const base = `http://127.0.0.1:${PORT}`;

// BENCH_PG_DURABLE=1: PostgreSQL as the app runs it (fsync, synchronous commit, full-page writes),
// not the throwaway bench settings: each accepted bid then holds the lot lock through its WAL flush
const DURABLE = process.env.BENCH_PG_DURABLE === "1";
const DURABLE_SETTINGS = { fsync: "on", synchronous_commit: "on", full_page_writes: "on" };
const db = await freshBenchDatabase(DATA_DIR, "bidding", {
  ...(PG_STATS ? PG_STATS_SETTINGS : {}),
  ...(DURABLE ? DURABLE_SETTINGS : {}),
});
const { prisma, disconnectPrisma } = await import("../../app/db/db.server.ts");
const { createApiToken } = await import("../../app/auth/api-token.server.ts");
const { makeCreditCode } = await import("../../app/domain/credit-code.ts");

// ---- set-up through the database: a seller, a published result, an open lot, 200 bidders with held deposits
const credit = (i: number) => makeCreditCode("91", "360702", String(100000 + i).padStart(8, "0"));
const sellerOrg = await prisma.organization.create({
  data: {
    name: "江西理工大学（基准测试）",
    kind: "university",
    creditCode: credit(0),
    regionCode: "360702",
    verifiedAt: new Date(),
  },
});
const result = await prisma.result.create({
  data: {
    organizationId: sellerOrg.id,
    title: "基准测试成果",
    summary: "bench",
    keywords: [],
    field: "rare_earth",
    maturity: "pilot",
    transferModes: ["transfer"],
    status: "published",
    publishedAt: new Date(),
  },
});
const INCREMENT = 100_000;
const createLot = () =>
  prisma.auction.create({
    data: {
      resultId: result.id,
      sellerOrgId: sellerOrg.id,
      mode: "bidding",
      contractType: "transfer",
      status: "bidding",
      startPriceFen: 10_000_000n,
      incrementFen: BigInt(INCREMENT),
      depositFen: 1_000_000n,
      biddingStartsAt: new Date(Date.now() - 60_000),
      biddingEndsAt: new Date(Date.now() + 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
      softCloseSeconds: 300,
      announcedAt: new Date(),
    },
  });
const lot = await createLot();
const warmLot = WARMUP_ROUNDS > 0 ? await createLot() : null;
const bidders: Array<{ token: string }> = [];
for (let i = 1; i <= BIDDERS; i++) {
  const org = await prisma.organization.create({
    data: {
      name: `竞买企业${i}`,
      kind: "enterprise",
      creditCode: credit(i),
      regionCode: "360702",
      verifiedAt: new Date(),
    },
  });
  const user = await prisma.user.create({
    data: { email: `bidder${i}@bench.local`, name: `bidder ${i}`, role: "company", organizationId: org.id },
  });
  // the same bidders hold a deposit on each lot (the reference is unique per bidder and lot)
  for (const [l, tag] of [[lot, "BNCH"], ...(warmLot ? [[warmLot, "WARM"] as const] : [])] as const)
    await prisma.auctionDeposit.create({
      data: {
        auctionId: l.id,
        userId: user.id,
        orgId: org.id,
        bidderCode: `A${String(i).padStart(2, "0")}`,
        method: "bank_transfer",
        status: "held",
        amountFen: 1_000_000n,
        reference: `BZJ-${tag}-${String(i).padStart(4, "0")}`,
      },
    });
  bidders.push({ token: (await createApiToken(user.id, "bench")).token });
}
await disconnectPrisma();

// ---- the server: npm start's production path with its HTTP workers
// BENCH_NODE_ARGS: extra Node flags for the server and its workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
// each server process's event-loop delay and GC pauses while the bids run (tests/bench/loop-probe.js)
const probeDir = fs.mkdtempSync("/tmp/bench-bidding-probe-");
const server = spawn(
  process.execPath,
  [...nodeArgs, "--import", "./tests/bench/loop-probe.js", "--import", "tsx", "app/server/start.ts"],
  {
    env: {
      ...process.env,
      BENCH_PROBE_DIR: probeDir,
      PORT: String(PORT),
      DATA_DIR,
      DATABASE_URL: db.url,
      SEED_DEMO: "never",
      NODE_ENV: "production",
      PUBLIC_URL: base,
      LOG_REQUESTS: "0",
      RATE_LIMIT_API_PER_MINUTE: "100000000",
      WEB_CONCURRENCY: String(WORKERS),
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
// a failed run (a thrown check, a lost watchers' process) must not leave the server holding the port
process.on("exit", () => server.exitCode === null && server.kill("SIGTERM"));
for (let started = Date.now(); ; await new Promise((r) => setTimeout(r, 200))) {
  if (server.exitCode !== null) throw new Error("server exited");
  if (Date.now() - started > 240_000) throw new Error("server did not start");
  if (
    await fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
}

// ---- 500 watchers, each on its own connection (the cluster hands connections to the workers in turn),
// read by a raw-socket reader that decodes only what the checks need (tests/bench/sse-watcher.ts).
// Arrival times are wall-clock ms (performance.timeOrigin + now), comparable across the two processes.
const now = () => performance.timeOrigin + performance.now();
type Watchers = {
  pid?: number;
  reads(): Promise<number>;
  /** per watcher: seq → arrival time; closes the watchers */
  report(): Promise<Array<Map<number, number>>>;
};
function ask<T>(child: ChildProcess, message: object, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { answer: string } & T) => {
      if (m.answer !== answer) return;
      child.off("message", onMessage).off("exit", onExit);
      resolve(m);
    };
    const onExit = (code: number) => reject(new Error(`the watchers' process exited (${code})`));
    child.on("message", onMessage).once("exit", onExit);
    child.send(message);
  });
}
async function startWatchers(eventsPath: string): Promise<Watchers> {
  if (WATCHERS_PROCESS) {
    const child = fork("tests/bench/watchers-child.ts", [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    await ask(child, { ask: "start", port: PORT, path: eventsPath, count: WATCHERS }, "started");
    return {
      pid: child.pid,
      reads: async () => (await ask<{ reads: number }>(child, { ask: "reads" }, "reads")).reads,
      report: async () => {
        const { seen } = await ask<{ seen: Array<Array<[number, number]>> }>(child, { ask: "report" }, "report");
        child.disconnect();
        return seen.map((pairs) => new Map(pairs));
      },
    };
  }
  const seen: Array<Map<number, number>> = Array.from({ length: WATCHERS }, () => new Map());
  const open = await Promise.all(seen.map((m) => watchEvents(PORT, eventsPath, m)));
  return {
    reads: async () => watcherReads.count,
    report: async () => {
      for (const w of open) w.socket.destroy();
      const origin = performance.timeOrigin;
      return seen.map((m) => new Map([...m].map(([seq, at]) => [seq, origin + at])));
    },
  };
}

const serverNodes = treePids(server.pid!, "node");
// the HTTP workers apart from the rest of the app's tree (the primary and its helpers)
const workerPids = serverNodes.filter((pid) => pid !== server.pid);
const probe = () => serverNodes.forEach((pid) => process.kill(pid, "SIGUSR2"));
const postgresPid = postmasterPid(DATA_DIR);

/**
 * One lot bid on: its 500 watchers connected, then 200 bidders × `rounds`, at most IN_FLIGHT at a
 * time, each raising what it last saw; figures printed under `label`. True when the integrity holds.
 */
async function bidOn(lotId: string, rounds: number, label: string, withPgStats: boolean): Promise<boolean> {
  const watchers = await startWatchers(`/api/v1/auctions/${lotId}/events`);
  let known = 0;
  const accepted: Array<{ seq: number; latency: number; at: number }> = [];
  const refusals: Record<string, number> = {};
  const jobs = Array.from({ length: BIDDERS * rounds }, (_, i) => bidders[i % BIDDERS]!);
  // The bidders' client: IN_FLIGHT raw keep-alive connections, one per bid in flight, each bidder's
  // request head built once (tests/bench/bid-client.ts). Its CPU shares the machine's 2 cores with the
  // server: Node's http.request cost ≈ 1.4 ms a bid, undici's Pool ≈ 0.6 ms; this one sends the same
  // HTTP/1.1 bytes over the same kind of connections (docs/decisions/0029-hot-api-path.md).
  const bidPath = `/api/v1/auctions/${lotId}/bids`;
  const bidHeads = new Map(bidders.map((b) => [b.token, postHead(PORT, bidPath, b.token)]));
  const connections = Array.from({ length: IN_FLIGHT }, () => new BidConnection(PORT));
  // CPU of the app (primary + HTTP workers), PostgreSQL and this client while the bids run
  const cpuRoots: Record<string, number> = { app: server.pid!, postgres: postgresPid };
  if (watchers.pid) cpuRoots.watchers = watchers.pid;
  for (const pid of workerPids) cpuRoots[`worker ${pid}`] = pid;
  const clientLoop = monitorEventLoopDelay({ resolution: 1 });
  const readsBefore = await watchers.reads();
  probe();
  clientLoop.enable();
  const pgStats = withPgStats ? await pgStatsWhileBidding(db.url, postgresPid) : null;
  const cpuBefore = cpuOfTrees(cpuRoots);
  const workersBefore = userSystemOf(workerPids);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    connections.map(async (connection) => {
      while (next < jobs.length) {
        const bidder = jobs[next++]!;
        const amount = (known || 10_000_000 - INCREMENT) + INCREMENT * (1 + Math.floor(Math.random() * 10));
        const t0 = now();
        const r = await connection.send(bidHeads.get(bidder.token)!, `{"amountFen":${amount}}`);
        const t1 = now();
        const body = JSON.parse(r.body);
        if (r.status === 201) {
          accepted.push({ seq: body.bid.seq, latency: t1 - t0, at: t1 });
          known = Math.max(known, body.auction.currentPriceFen);
        } else {
          const code = body.error?.code ?? String(r.status);
          refusals[code] = (refusals[code] ?? 0) + 1;
          if (code === "bid_too_low")
            known = Math.max(known, Number(/(\d+)/.exec(body.error.fields?.amountFen ?? "")?.[1] ?? 0) - INCREMENT);
        }
      }
    }),
  );
  const wall = performance.now() - started;
  const cpuAfter = cpuOfTrees(cpuRoots);
  const workersAfter = userSystemOf(workerPids);
  const client = process.cpuUsage(clientBefore);
  await pgStats?.stop();
  clientLoop.disable();
  probe();
  const reads = (await watchers.reads()) - readsBefore;
  const cpuPerBid = (ms: number) => (ms / jobs.length).toFixed(2);
  await new Promise((r) => setTimeout(r, 1_000));
  const received = await watchers.report();
  const probes = fs
    .readdirSync(probeDir)
    .map((f) => JSON.parse(fs.readFileSync(`${probeDir}/${f}`, "utf8")))
    // the HTTP workers; with WEB_CONCURRENCY=1 the one process serves
    .filter((p, _, all) => p.worker || !all.some((q) => q.worker));
  for (const f of fs.readdirSync(probeDir)) fs.rmSync(`${probeDir}/${f}`);

  // ---- checks and figures
  const seqs = accepted.map((a) => a.seq).sort((a, b) => a - b);
  const gapless = seqs.every((s, i) => s === i + 1);
  const watchersComplete = received.filter((m) => seqs.every((s) => m.has(s))).length;
  const broadcast = accepted
    .map((a) => Math.max(0, Math.max(...received.map((m) => m.get(a.seq) ?? Infinity)) - a.at))
    .sort((a, b) => a - b);
  const latencies = accepted.map((a) => a.latency).sort((a, b) => a - b);
  const verify = await (await fetch(`${base}/api/v1/auctions/${lotId}/verify`)).json();
  const lotNow = (await (await fetch(`${base}/api/v1/auctions/${lotId}`)).json()).auction;

  console.log(
    `bench:bidding, ${label} — ${new Date().toISOString()}, ${machineLine()}, ${WORKERS} HTTP workers, AUCTION_EVENTS_WINDOW_MS ${process.env.AUCTION_EVENTS_WINDOW_MS ?? "default"}, AUCTION_BID_BATCH ${process.env.AUCTION_BID_BATCH ?? "default"}, PostgreSQL ${DURABLE ? "durable (fsync, synchronous commit)" : "with the bench settings (fsync, synchronous commit off)"}`,
  );
  console.log(
    `bids sent ${jobs.length} (${BIDDERS} bidders × ${rounds}, ≤ ${IN_FLIGHT} in flight) in ${(wall / 1000).toFixed(1)} s: accepted ${accepted.length}, refused ${JSON.stringify(refusals)}`,
  );
  console.log(
    `accepted-bid latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (target ≤ 50)`,
  );
  console.log(
    `acceptance → last of ${WATCHERS} watchers p50 ${percentile(broadcast, 50).toFixed(1)} ms, p95 ${percentile(broadcast, 95).toFixed(1)} ms (target ≤ 200)`,
  );
  console.log(
    `watcher socket reads while bidding ${reads} (${(reads / WATCHERS / Math.max(1, accepted.length)).toFixed(2)} per watcher per accepted bid)`,
  );
  const clientMs = (client.user + client.system) / 1000;
  const watchersMs = watchers.pid ? cpuAfter.watchers! - cpuBefore.watchers! : 0;
  const workersMs = workerPids.reduce((sum, pid) => sum + cpuAfter[`worker ${pid}`]! - cpuBefore[`worker ${pid}`]!, 0);
  const primaryMs = cpuAfter.app! - cpuBefore.app!;
  console.log(
    `CPU per bid request (accepted or refused): app ${cpuPerBid(primaryMs + workersMs)} ms (HTTP workers ${cpuPerBid(workersMs)}: user ${cpuPerBid(workersAfter.user - workersBefore.user)}, system ${cpuPerBid(workersAfter.system - workersBefore.system)}; the rest ${cpuPerBid(primaryMs)}), PostgreSQL ${cpuPerBid(cpuAfter.postgres! - cpuBefore.postgres!)} ms, bench client ${cpuPerBid(clientMs + watchersMs)} ms (${WATCHERS_PROCESS ? `bidders ${cpuPerBid(clientMs)}, watchers' process ${cpuPerBid(watchersMs)}` : "bidders and watchers on one event loop"})`,
  );
  const nsMs = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    `event-loop delay while bidding, p50/p99/max ms: ${probes.map((p, i) => `worker ${i + 1} ${p.loop.p50}/${p.loop.p99}/${p.loop.max} (GC ${p.gc.count}×, ${p.gc.scavenges} scavenges, ${p.gc.totalMs} ms, longest ${p.gc.maxMs})`).join(", ")}; bench client ${nsMs(clientLoop.percentile(50))}/${nsMs(clientLoop.percentile(99))}/${nsMs(clientLoop.max)}`,
  );
  console.log(
    `sequence: ${gapless ? "gapless, none repeated" : "BROKEN"} (1…${seqs.length}, lot bidCount ${lotNow.bidCount}); watchers with every bid: ${watchersComplete}/${WATCHERS}; chain verify ${JSON.stringify(verify)}`,
  );
  if (TRACE)
    for (const line of traceSummary(
      accepted,
      probes.map((p) => p.trace),
    ))
      console.log(line);
  if (pgStats) {
    await pgStats.print(jobs.length);
    const { placeBidWithToken } = await import("../../app/auctions/bids.server.ts");
    const price = (await (await fetch(`${base}/api/v1/auctions/${lotId}`)).json()).auction.currentPriceFen as number;
    await directTokenBids({
      postmaster: postgresPid,
      bid: (i, amountFen) => placeBidWithToken(bidders[i % BIDDERS]!.token, lotId, amountFen),
      price,
      increment: INCREMENT,
    });
    await disconnectPrisma();
  }
  for (const c of connections) c.close();
  return (
    gapless &&
    verify.ok &&
    verify.bids === seqs.length &&
    watchersComplete === WATCHERS &&
    lotNow.bidCount === seqs.length
  );
}

// the warm-up lot first (its watchers leave before the measured lot's connect), then the measured lot
// exactly as without a warm-up: the same bidders, 500 watchers, ROUNDS rounds
const warmOk = warmLot ? await bidOn(warmLot.id, WARMUP_ROUNDS, "warm-up (cold server)", false) : true;
// the server has closed the warm-up's 500 event streams before the measured window opens
if (warmLot) await new Promise((r) => setTimeout(r, 1_000));
const ok = await bidOn(lot.id, ROUNDS, warmLot ? "measured lot (warm server)" : "measured lot (cold server)", PG_STATS);
fs.rmSync(probeDir, { recursive: true, force: true });

const exited = new Promise((r) => server.once("exit", r));
server.kill("SIGTERM");
await exited;
await db.stop();
process.exit(ok && warmOk ? 0 : 1);
