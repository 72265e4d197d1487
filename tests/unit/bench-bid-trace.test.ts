// The bidding bench's trace summary (BENCH_TRACE=1) must put each accepted bid's time in the right
// phase, count the accepted bids that committed while its statement ran, and charge a broadcast or
// a GC pause to a bid only when it fell in that bid's worker while the bid was in flight.
import { describe, expect, it } from "vitest";
import { traceSummary, type WorkerTrace } from "../bench/bid-trace-summary.ts";

// twenty bids one after another: seq n sent at 1000·n, answered 10 ms later, in worker n % 2
const accepted = Array.from({ length: 20 }, (_, i) => ({ seq: i + 1, latency: 10, at: 1000 * (i + 1) + 10 }));
// seq 20 is the slow one: 100 ms, of which 60 in the statement
accepted[19] = { seq: 20, latency: 100, at: 20_100 };
const times = (sent: number, statement: number) => ({
  arrived: sent + 1,
  start: sent + 2,
  acquired: sent + 3,
  result: sent + 3 + statement,
  answered: sent + 4 + statement,
});
function traces(): WorkerTrace[] {
  const empty = (): WorkerTrace => ({ bids: [], statements: [], bursts: [], pauses: [] });
  const ws = [empty(), empty()];
  for (const a of accepted) {
    const sent = a.at - a.latency;
    const t = a.seq === 20 ? times(sent, 60) : times(sent, 5);
    ws[a.seq % 2]!.bids.push([a.seq, t]);
    ws[a.seq % 2]!.statements.push([t.start, t.acquired, t.result, 1]);
  }
  // two accepted bids (of another lot's traffic, say) committing while seq 20's statement ran
  ws[1]!.statements.push([20_000, 20_004, 20_020, 1], [20_000, 20_004, 20_030, 1], [20_000, 20_004, 20_031, 0]);
  // a broadcast of 20 ms and a GC pause of 15 ms in seq 20's worker (0) while it was in flight …
  ws[0]!.bursts.push([20_040, 20_060, 250]);
  ws[0]!.pauses.push([20_070, 15]);
  // … and in the other worker at the same time, which must not count
  ws[1]!.bursts.push([20_040, 20_060, 250]);
  ws[1]!.pauses.push([20_070, 15]);
  return ws;
}

describe("traceSummary", () => {
  const lines = traceSummary(accepted, traces());
  it("joins every accepted bid by seq", () => {
    expect(lines[0]).toMatch(/^trace: 20 of 20 accepted bids joined; broadcasts 1 \+ 1 \(writes each 250, 250/);
  });
  it("puts the slow bid's time in its phases", () => {
    const slow = lines.find((l) => l.startsWith("trace, slowest 5 %"))!;
    expect(slow).toContain("(1 bids, latency 100.0 ms)");
    expect(slow).toContain(
      "to the worker 1.0, worker before the statement 1.0, pool wait 1.0, statement round trip 60.0",
    );
    expect(slow).toContain("(accepted bids that committed during it 2.0)");
    expect(slow).toContain("answering 1.0, back to the bench 36.0");
    expect(slow).toContain("broadcasts 20.0 ms, GC 15.0 ms");
  });
  it("sets the middle bids beside it", () => {
    const middle = lines.find((l) => l.startsWith("trace, middle"))!;
    expect(middle).toContain("latency 10.0 ms");
    expect(middle).toContain("statement round trip 5.0 (accepted bids that committed during it 0.0)");
    expect(middle).toContain("broadcasts 0.0 ms, GC 0.0 ms");
  });
});
