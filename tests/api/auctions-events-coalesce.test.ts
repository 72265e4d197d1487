// A bidding room's events that arrive together are written to each watcher as one chunk, in
// their order; each watcher still gets every event, and a lone event goes out by itself; events
// that come within AUCTION_EVENTS_WINDOW_MS of a write wait for the window's end and go together
// (docs/decisions/0029-hot-api-path.md).
import { expect, test } from "vitest";
import { ensureListening, watch } from "../../app/auctions/events.server.ts";
import { prisma } from "../../app/db/db.server.ts";

const decoder = new TextDecoder();

function watcher(auctionId: string) {
  const writes: string[] = [];
  const stop = watch(auctionId, (chunk) => writes.push(decoder.decode(chunk)));
  return { writes, stop, text: () => writes.join("") };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}

const notify = (auctionId: string, seq: number) =>
  JSON.stringify({ type: "bid", auctionId, seq, amountFen: 100 * seq, bidderCode: "A01" });

test("events committed together reach every watcher as one write, in order; a lone event on its own", async () => {
  await ensureListening();
  const lot = `coalesce-${Date.now()}`;
  const other = `${lot}-other`;
  const a = watcher(lot);
  const b = watcher(lot);
  const elsewhere = watcher(other);
  try {
    // one transaction: PostgreSQL delivers its three notifications together at commit
    await prisma.$executeRawUnsafe(
      `SELECT pg_notify('auction_events', $1), pg_notify('auction_events', $2), pg_notify('auction_events', $3)`,
      notify(lot, 1),
      notify(other, 1),
      notify(lot, 2),
    );
    await until(() => a.text().includes('"seq":2') && b.text().includes('"seq":2'));
    for (const w of [a, b]) {
      expect(w.writes).toHaveLength(1);
      const blocks = w.writes[0]!.split("\n\n").filter(Boolean);
      expect(blocks).toEqual([`event: bid\ndata: ${notify(lot, 1)}`, `event: bid\ndata: ${notify(lot, 2)}`]);
    }
    await until(() => elsewhere.writes.length === 1);
    expect(elsewhere.writes[0]).toBe(`event: bid\ndata: ${notify(other, 1)}\n\n`);

    await prisma.$executeRawUnsafe(`SELECT pg_notify('auction_events', $1)`, notify(lot, 3));
    await until(() => a.writes.length === 2 && b.writes.length === 2);
    expect(a.writes[1]).toBe(`event: bid\ndata: ${notify(lot, 3)}\n\n`);
    expect(b.text()).toBe(a.text());
  } finally {
    a.stop();
    b.stop();
    elsewhere.stop();
  }
});

test("events that come within the window after a write go out together at its end", async () => {
  await ensureListening();
  const before = process.env.AUCTION_EVENTS_WINDOW_MS;
  process.env.AUCTION_EVENTS_WINDOW_MS = "1000";
  const lot = `window-${Date.now()}`;
  const w = watcher(lot);
  const times: number[] = [];
  const timed = watch(lot, () => times.push(performance.now()));
  try {
    // after a quiet window: out at once
    await new Promise((r) => setTimeout(r, 1_100));
    const sent = performance.now();
    await prisma.$executeRawUnsafe(`SELECT pg_notify('auction_events', $1)`, notify(lot, 1));
    await until(() => w.writes.length === 1);
    expect(times[0]! - sent).toBeLessThan(900);
    // two commits of their own, both within the window after that write: one write at its end
    await prisma.$executeRawUnsafe(`SELECT pg_notify('auction_events', $1)`, notify(lot, 2));
    await prisma.$executeRawUnsafe(`SELECT pg_notify('auction_events', $1)`, notify(lot, 3));
    await until(() => w.writes.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.writes).toHaveLength(2);
    expect(w.writes[1]).toBe(`event: bid\ndata: ${notify(lot, 2)}\n\nevent: bid\ndata: ${notify(lot, 3)}\n\n`);
    // the window is measured from the first write (timers may fire a millisecond early)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(990);
  } finally {
    w.stop();
    timed();
    if (before === undefined) delete process.env.AUCTION_EVENTS_WINDOW_MS;
    else process.env.AUCTION_EVENTS_WINDOW_MS = before;
  }
});
