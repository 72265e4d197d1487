// The bidding bench's 500 event-stream watchers, in a process of their own (forked by
// tests/bench/bidding.bench.ts unless BENCH_WATCHERS_PROCESS=0). On the bench's own event loop, each
// broadcast wakes it up once per watcher (500 socket reads) while the bidders' answers wait behind
// them, so the bench timed its own backlog into the bid latency. Here they are the same watchers (one
// connection each, the same reader and checks), and each seq's arrival time is sent back as
// wall-clock milliseconds (performance.timeOrigin + now: one clock for both processes on one
// machine) for the broadcast latency. docs/decisions/0029-hot-api-path.md
import { watchEvents, watcherReads } from "./sse-watcher.ts";

type Ask = { ask: "start"; port: number; path: string; count: number } | { ask: "reads" } | { ask: "report" };

let seen: Array<Map<number, number>> = [];
let sockets: Array<{ destroy(): void }> = [];
const send = (message: object) => process.send!(message);

process.on("message", async (message: Ask) => {
  if (message.ask === "start") {
    seen = Array.from({ length: message.count }, () => new Map());
    const watchers = await Promise.all(seen.map((m) => watchEvents(message.port, message.path, m)));
    sockets = watchers.map((w) => w.socket);
    send({ answer: "started" });
  } else if (message.ask === "reads") {
    send({ answer: "reads", reads: watcherReads.count });
  } else {
    const origin = performance.timeOrigin;
    send({ answer: "report", seen: seen.map((m) => [...m].map(([seq, at]) => [seq, origin + at])) });
    // the bench disconnects once it has the report (exiting here could beat the message to it)
    for (const s of sockets) s.destroy();
  }
});
