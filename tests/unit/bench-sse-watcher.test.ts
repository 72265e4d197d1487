// The bidding bench's cheap event-stream reader must see exactly what a full HTTP + SSE client
// sees: every bid's seq once, the snapshot, however TCP splits the bytes.
import { describe, expect, it } from "vitest";
import { SseCounter } from "../bench/sse-watcher.ts";

const events = [
  `retry: 2000\nevent: snapshot\ndata: {"auction":{"title":"稀土永磁 成果"}}\n\n`,
  `event: bid\ndata: {"at": "2026-12-07T01:00:00.000Z", "seq": 1, "hash": "ab", "amountFen": 10000000}\n\n`,
  `: ping\n\n`,
  `event: bid\ndata: {"seq": 2, "bidderCode": "A07"}\n\nevent: bid\ndata: {"seq":13}\n\n`,
  `event: extended\ndata: {"seq": 99}\n\nevent: closed\ndata: {"status":"sold"}\n\n`,
];

function chunked(parts: string[]) {
  const head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  const body = parts.map((p) => {
    const bytes = Buffer.from(p, "utf8");
    return `${bytes.length.toString(16)}\r\n${bytes.toString("latin1")}\r\n`;
  });
  return head + body.join("") + "0\r\n\r\n";
}

function read(wire: string, cuts: number[]) {
  const bids: number[] = [];
  let snapshots = 0;
  const counter = new SseCounter(
    (seq) => bids.push(seq),
    () => snapshots++,
  );
  let from = 0;
  for (const cut of [...cuts, wire.length]) {
    counter.feed(wire.slice(from, cut));
    from = cut;
  }
  return { bids, snapshots, counter };
}

describe("the bidding bench's SSE reader", () => {
  const wire = chunked(events);

  it("reads bids and the snapshot from a chunked response in one piece", () => {
    const { bids, snapshots, counter } = read(wire, []);
    expect(bids).toEqual([1, 2, 13]);
    expect(snapshots).toBe(1);
    expect(counter.status).toBe(200);
    expect(counter.ended).toBe(true);
  });

  it("reads the same wherever the bytes are split, once or twice", () => {
    for (let i = 1; i < wire.length; i++) {
      expect(read(wire, [i]).bids, `cut at ${i}`).toEqual([1, 2, 13]);
      for (let j = i + 1; j < wire.length; j += 13) expect(read(wire, [i, j]).bids).toEqual([1, 2, 13]);
    }
  });

  it("reads a body that is not chunked", () => {
    const plain = `HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n${events.join("")}`;
    expect(read(plain, [70, 140]).bids).toEqual([1, 2, 13]);
  });

  it("refuses a bid event it cannot read a seq from", () => {
    expect(() => read(chunked([`event: bid\ndata: {"amountFen": 1}\n\n`]), [])).toThrow(/without a seq/);
  });
});
