// Live bidding rooms: Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY. Every change to a lot
// (a bid, a new end, the opening, the close) is NOTIFYed on 'auction_events' in the transaction
// that makes it, so it is delivered at commit to every app process — whichever HTTP worker
// accepted the bid — and each process writes it to its own watchers. One LISTEN connection per
// process; watchers of a lot share one set of stream writers.
import pg from "pg";
import { getEnv } from "../env.server.ts";

type Writer = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();
const PING = encoder.encode(`: ping\n\n`);

const state = globalThis as unknown as {
  __auctionHub?: { url: string; rooms: Map<string, Set<Writer>>; client?: pg.Client; connecting?: Promise<void> };
};

function hub() {
  const url = getEnv().DATABASE_URL ?? "";
  if (!state.__auctionHub || state.__auctionHub.url !== url) {
    void state.__auctionHub?.client?.end().catch(() => {});
    state.__auctionHub = { url, rooms: new Map() };
  }
  return state.__auctionHub;
}

// Events are written to the watchers all together, at most once per AUCTION_EVENTS_WINDOW_MS: a
// write is a syscall per watcher (the largest share of a bid's server CPU with hundreds watching),
// and at a busy close bids commit faster than anyone reads them. An event that comes after a quiet
// window goes out one event-loop turn later (the NOTIFYs PostgreSQL delivered in that read go with
// it); one that comes within the window after a write waits for the window's end, with every other
// event that came meanwhile, as one chunk per room in arrival order. A watcher thus gets each event
// at most one window late. docs/decisions/0029-hot-api-path.md
const pending = new Map<string, Uint8Array[]>();
let flushing = false;
let lastFlushAt = -Infinity;

function dispatch(payload: string) {
  let message: { auctionId?: string; type?: string };
  try {
    message = JSON.parse(payload);
  } catch {
    return;
  }
  if (!message.auctionId || !hub().rooms.has(message.auctionId)) return;
  // encoded once for the whole room: a bid reaches hundreds of watchers of one lot
  const chunk = encoder.encode(`event: ${message.type ?? "message"}\ndata: ${payload}\n\n`);
  const queued = pending.get(message.auctionId);
  if (queued) queued.push(chunk);
  else pending.set(message.auctionId, [chunk]);
  if (!flushing) {
    flushing = true;
    const wait = lastFlushAt + getEnv().AUCTION_EVENTS_WINDOW_MS - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  }
}

function flush() {
  flushing = false;
  lastFlushAt = performance.now();
  const rooms = hub().rooms;
  for (const [auctionId, chunks] of pending) {
    const room = rooms.get(auctionId);
    if (!room) continue;
    const chunk = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    for (const write of room) write(chunk);
  }
  pending.clear();
}

/** Connects the process's LISTEN connection (once; again after it drops). */
export function ensureListening(): Promise<void> {
  const h = hub();
  if (h.client) return Promise.resolve();
  if (h.connecting) return h.connecting;
  h.connecting = (async () => {
    const client = new pg.Client({ connectionString: h.url, application_name: "auction-events" });
    const down = () => {
      if (h.client === client) h.client = undefined;
    };
    client.on("error", down);
    client.on("end", down);
    client.on("notification", (n) => n.payload && dispatch(n.payload));
    try {
      await client.connect();
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await client.query("LISTEN auction_events");
      h.client = client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    } finally {
      h.connecting = undefined;
    }
  })();
  return h.connecting;
}

/** Adds a watcher; returns the function that removes it. */
export function watch(auctionId: string, write: Writer) {
  const rooms = hub().rooms;
  let room = rooms.get(auctionId);
  if (!room) rooms.set(auctionId, (room = new Set()));
  room.add(write);
  return () => {
    room!.delete(write);
    if (!room!.size) rooms.delete(auctionId);
  };
}

export function watcherCount() {
  let n = 0;
  for (const room of hub().rooms.values()) n += room.size;
  return n;
}

// A watcher's chunks wait here until its consumer takes them: the Response body's reader (at its
// first read) or, for the HTTP server's direct path, the socket (takeOverEventStream). Nothing
// sent between the response's creation and the consumer's arrival is lost.
class Feed {
  private queue: Uint8Array[] = [];
  private target?: Writer;
  stop = () => {};
  write = (chunk: Uint8Array) => {
    if (this.target) this.target(chunk);
    else this.queue.push(chunk);
  };
  claim(target: Writer) {
    if (this.target) return false;
    this.target = target;
    for (const chunk of this.queue.splice(0)) target(chunk);
    return true;
  }
}

// on globalThis: the HTTP server's code and the app's server build are separate module instances
const feeds = ((globalThis as unknown as { __auctionFeeds?: WeakMap<Response, Feed> }).__auctionFeeds ??= new WeakMap<
  Response,
  Feed
>());

/**
 * The text/event-stream response of GET /api/v1/auctions/:id/events. It starts with a snapshot
 * event (the lot as the caller may see it) so a watcher that connects late is up to date, then
 * relays the lot's events; a comment every 15 s keeps proxies from closing it.
 */
export async function eventStream(request: Request, auctionId: string, snapshot: unknown) {
  await ensureListening();
  const feed = new Feed();
  let closeBody = () => {};
  const stream = new ReadableStream<Uint8Array>(
    {
      // the body takes the feed at its first read, unless the HTTP server took it first
      pull(controller) {
        if (
          feed.claim((chunk) => {
            try {
              controller.enqueue(chunk);
            } catch {
              feed.stop();
            }
          })
        )
          closeBody = () => {
            try {
              controller.close();
            } catch {
              // already closed
            }
          };
      },
      cancel() {
        feed.stop();
      },
    },
    { highWaterMark: 0 },
  );
  feed.write(encoder.encode(`retry: 2000\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`));
  const unwatch = watch(auctionId, feed.write);
  const ping = setInterval(() => feed.write(PING), 15_000);
  ping.unref?.();
  let stopped = false;
  feed.stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(ping);
    unwatch();
    closeBody();
  };
  request.signal.addEventListener("abort", () => feed.stop(), { once: true });
  const response = new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware leaves the stream alone (it would buffer it)
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
  feeds.set(response, feed);
  return response;
}

/**
 * For the HTTP server: writes the events of an eventStream() response straight to `write` (the
 * socket) instead of through its ReadableStream body — with hundreds of watchers, the stream's
 * per-chunk promises were most of a bid's broadcast cost (docs/decisions/0029-hot-api-path.md).
 * Returns the function that stops the feed (the connection closed), or null for any other response.
 */
export function takeOverEventStream(response: Response, write: Writer): (() => void) | null {
  const feed = feeds.get(response);
  if (!feed || !feed.claim(write)) return null;
  return feed.stop;
}
