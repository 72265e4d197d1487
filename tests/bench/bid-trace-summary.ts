// `BENCH_TRACE=1 npm run bench:bidding`: what the slow accepted bids wait on, from the workers'
// traces (tests/bench/bid-trace.js) joined by seq with the bench's own send and receipt times. The
// slowest 5 % of accepted bids are set beside the middle ones (p40–p60), phase by phase.
// docs/decisions/0029-hot-api-path.md

type BidTimes = { arrived?: number; start?: number; acquired?: number; result?: number; answered?: number };
export type WorkerTrace = {
  bids: Array<[number, BidTimes]>;
  /** [start, acquired, end, accepted] of every bid statement */
  statements: Array<[number, number, number, number]>;
  /** [start, end, writes] of each broadcast */
  bursts: Array<[number, number, number]>;
  /** [start, duration] of each GC pause */
  pauses: Array<[number, number]>;
};
type Accepted = { seq: number; latency: number; at: number };

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function traceSummary(accepted: Accepted[], traces: WorkerTrace[]): string[] {
  const joined = accepted.flatMap((a) => {
    for (const [w, trace] of traces.entries()) {
      const t = trace.bids.find(([seq]) => seq === a.seq)?.[1];
      if (t?.arrived && t.start && t.acquired && t.result && t.answered)
        return [{ ...a, sent: a.at - a.latency, w, t: t as Required<BidTimes> }];
    }
    return [];
  });
  const lockHolders = traces.flatMap((trace) => trace.statements.filter((s) => s[3] === 1));
  joined.sort((a, b) => a.latency - b.latency);
  const groups = [
    { name: "slowest 5 %", bids: joined.slice(Math.floor(joined.length * 0.95)) },
    { name: "middle (p40–p60)", bids: joined.slice(Math.floor(joined.length * 0.4), Math.ceil(joined.length * 0.6)) },
  ];
  const lines = [
    `trace: ${joined.length} of ${accepted.length} accepted bids joined; broadcasts ${traces.map((t) => t.bursts.length).join(" + ")} (writes each ${traces.map((t) => (t.bursts.reduce((s, b) => s + b[2], 0) / Math.max(1, t.bursts.length)).toFixed(0)).join(", ")}, ms each ${traces.map((t) => (t.bursts.reduce((s, b) => s + b[1] - b[0], 0) / Math.max(1, t.bursts.length)).toFixed(1)).join(", ")}), GC pauses ${traces.map((t) => t.pauses.length).join(" + ")}`,
  ];
  for (const { name, bids } of groups) {
    if (!bids.length) continue;
    const mean = (f: (b: (typeof bids)[number]) => number) =>
      (bids.reduce((s, b) => s + f(b), 0) / bids.length).toFixed(1);
    lines.push(
      `trace, ${name} (${bids.length} bids, latency ${mean((b) => b.latency)} ms), mean ms: to the worker ${mean((b) => b.t.arrived - b.sent)}, ` +
        `worker before the statement ${mean((b) => b.t.start - b.t.arrived)}, pool wait ${mean((b) => b.t.acquired - b.t.start)}, ` +
        `statement round trip ${mean((b) => b.t.result - b.t.acquired)} (accepted bids that committed during it ${mean((b) => lockHolders.filter((s) => s[2] > b.t.acquired && s[2] < b.t.result).length)}), ` +
        `answering ${mean((b) => b.t.answered - b.t.result)}, back to the bench ${mean((b) => b.at - b.t.answered)}; ` +
        `in its worker while in flight: broadcasts ${mean((b) => traces[b.w]!.bursts.reduce((s, x) => s + overlap(b.sent, b.at, x[0], x[1]), 0))} ms, ` +
        `GC ${mean((b) => traces[b.w]!.pauses.reduce((s, x) => s + overlap(b.sent, b.at, x[0], x[0] + x[1]), 0))} ms`,
    );
  }
  return lines;
}
