// Preloaded by `npm run bench:bidding` into the server and its HTTP workers (`--import`, passed on
// to the workers by cluster): the event-loop delay (perf_hooks.monitorEventLoopDelay) and the GC
// pauses of each process while the bids run, to tell stalls (a broadcast burst, a scavenge) from
// CPU shared with everything else. Plain JavaScript: it loads before tsx. The first SIGUSR2 starts
// the window, the second writes `<BENCH_PROBE_DIR>/<pid>.json`. docs/decisions/0029-hot-api-path.md
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { PerformanceObserver, monitorEventLoopDelay } from "node:perf_hooks";

const dir = process.env.BENCH_PROBE_DIR;
if (dir) {
  // BENCH_TRACE=1: each bid's times in this process, and each GC pause's (tests/bench/bid-trace.js)
  const trace = process.env.BENCH_TRACE === "1" ? await import("./bid-trace.js") : null;
  const pauses = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const gc = { count: 0, totalMs: 0, maxMs: 0, scavenges: 0 };
  let open = false;
  new PerformanceObserver((list) => {
    if (!open) return;
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      // kind 1: a scavenge of the young generation (perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR)
      if (e.detail?.kind === 1) gc.scavenges++;
      if (trace) pauses.push([performance.timeOrigin + e.startTime, e.duration]);
    }
  }).observe({ entryTypes: ["gc"] });
  process.on("SIGUSR2", () => {
    if (!open) {
      open = true;
      // each window its own figures (the bench opens one for the warm-up lot, one for the measured lot)
      Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0, scavenges: 0 });
      pauses.length = 0;
      trace?.openTrace();
      loop.reset();
      loop.enable();
      return;
    }
    open = false;
    loop.disable();
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    fs.writeFileSync(
      path.join(dir, `${process.pid}.json`),
      JSON.stringify({
        worker: cluster.isWorker,
        loop: {
          p50: ms(loop.percentile(50)),
          p95: ms(loop.percentile(95)),
          p99: ms(loop.percentile(99)),
          max: ms(loop.max),
        },
        gc: { ...gc, totalMs: Math.round(gc.totalMs * 100) / 100, maxMs: Math.round(gc.maxMs * 100) / 100 },
        ...(trace ? { trace: { ...trace.closeTrace(), pauses } } : {}),
      }),
    );
  });
}
