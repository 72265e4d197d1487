// A bidding room's events that arrive together are written to each watcher as one chunk, in
// their order; each watcher still gets every event, and a lone event goes out by itself
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
