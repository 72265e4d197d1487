// bench:bidding's BENCH_PG_STATS=1: where PostgreSQL's CPU goes while bidding. Each server process's
// CPU from /proc (the backends apart from the background processes), pg_stat_statements' statements
// (nested ones included, with their planning) and pg_stat_user_functions; then the same token-bid
// statement called straight from the bench's process — refused bids one at a time and 50 at a time,
// accepted bids one at a time and racing bids 50 at a time — to compare PostgreSQL's CPU per call
// there with what it costs under the HTTP bench (docs/decisions/0029-hot-api-path.md).
import pg from "pg";
import { childCpu, cpuOfTrees } from "./bench-db.ts";

export const PG_STATS_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "all",
  "pg_stat_statements.track_planning": "on",
  track_functions: "all",
};

/** Starts counting (statements, functions, each process's CPU); stop() when the bids are done. */
export async function pgStatsWhileBidding(url: string, postmaster: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await client.query("SELECT pg_stat_statements_reset(), pg_stat_reset()");
  const before = childCpu(postmaster);
  let after = before;
  return {
    stop: async () => void (after = childCpu(postmaster)),
    async print(bids: number) {
      const perBid = (ms: number) => (ms / bids).toFixed(2);
      // "postgres: walwriter", a backend's "postgres: <user> <db> <host>(<port>) <state>"
      const kinds = new Map<string, { ms: number; n: number }>();
      for (const [pid, p] of after) {
        const ms = p.ms - (before.get(pid)?.ms ?? 0);
        const backend = /^postgres: \w+ \w+ [\d.]+\(/.test(p.title);
        const kind = backend
          ? before.has(pid)
            ? "backends"
            : "backends started while bidding"
          : p.title.replace(/^postgres: /, "");
        const k = kinds.get(kind) ?? { ms: 0, n: 0 };
        k.ms += ms;
        k.n += ms > 0 ? 1 : 0;
        kinds.set(kind, k);
      }
      console.log(
        `PostgreSQL CPU per bid by process: ${[...kinds]
          .filter(([, k]) => k.ms > 0)
          .map(([kind, k]) => `${kind} ${perBid(k.ms)} ms (${k.n} busy)`)
          .join(", ")}`,
      );
      // wall-clock times: under load they include waiting for a core and for the lot's row lock
      const { rows } = await client.query<{ calls: string; ms: number; plan_ms: number; plans: string; query: string }>(
        `SELECT calls, total_exec_time AS ms, total_plan_time AS plan_ms, plans,
                regexp_replace(query, '\\s+', ' ', 'g') AS query
         FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT 12`,
      );
      for (const r of rows)
        console.log(
          `  ${Number(r.ms).toFixed(1)} ms in ${r.calls} calls (${r.plans} plans, ${Number(r.plan_ms).toFixed(1)} ms): ${r.query.slice(0, 150)}`,
        );
      const fns = await client.query<{ funcname: string; calls: string; total_time: number; self_time: number }>(
        "SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions WHERE calls > 0 ORDER BY total_time DESC",
      );
      for (const f of fns.rows)
        console.log(
          `  function ${f.funcname}: ${f.calls} calls, ${f.total_time.toFixed(1)} ms total, ${f.self_time.toFixed(1)} ms self`,
        );
      await client.end();
    },
  };
}

/**
 * Token bids straight from this process (placeBidWithToken on its pool): PostgreSQL's CPU per bid, from
 * /proc. With AUCTION_BID_BATCH=1 (the default) the bids 50 at a time share calls as in the workers
 * (decision 0032); one at a time, each is a call of its own.
 */
export async function directTokenBids(opts: {
  postmaster: number;
  /** the i-th call's bid (a bidder picked by i); rejects when refused */
  bid: (i: number, amountFen: number) => Promise<{ currentPriceFen: number }>;
  price: number;
  increment: number;
}) {
  const pgCpu = () => cpuOfTrees({ postgres: opts.postmaster }).postgres!;
  let price = opts.price;
  const run = async (label: string, width: number, calls: number, amount: () => number) => {
    let wins = 0;
    let i = 0;
    const before = pgCpu();
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (i < calls) {
          const fen = amount();
          await opts.bid(i++, fen).then(
            (r) => {
              wins++;
              price = Math.max(price, r.currentPriceFen);
            },
            () => {},
          );
        }
      }),
    );
    console.log(
      `  token bids straight from this process, ${label}: ${wins} of ${calls} accepted, PostgreSQL ${((pgCpu() - before) / calls).toFixed(3)} ms CPU per bid`,
    );
  };
  const tooLow = () => 1;
  await run("too low, warm-up, 50 at a time", 50, 2000, tooLow);
  for (let k = 0; k < 2; k++) {
    await run("too low, one at a time", 1, 2000, tooLow);
    await run("too low, 50 at a time", 50, 2000, tooLow);
    await run("the minimum raise, one at a time", 1, 1000, () => price + opts.increment);
    // as the bench's bidders: a raise of 1–10 increments over the last price known
    await run("racing, 50 at a time", 50, 1000, () => price + opts.increment * (1 + Math.floor(Math.random() * 10)));
  }
}
