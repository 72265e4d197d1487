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

function dispatch(payload: string) {
  let message: { auctionId?: string; type?: string };
  try {
    message = JSON.parse(payload);
  } catch {
    return;
  }
  const room = message.auctionId ? hub().rooms.get(message.auctionId) : undefined;
  if (!room) return;
  // encoded once for the whole room: a bid reaches hundreds of watchers of one lot
  const chunk = encoder.encode(`event: ${message.type ?? "message"}\ndata: ${payload}\n\n`);
  for (const write of room) write(chunk);
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

/**
 * The text/event-stream response of GET /api/v1/auctions/:id/events. It starts with a snapshot
 * event (the lot as the caller may see it) so a watcher that connects late is up to date, then
 * relays the lot's events; a comment every 15 s keeps proxies from closing it.
 */
export async function eventStream(request: Request, auctionId: string, snapshot: unknown) {
  await ensureListening();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (chunk: Uint8Array) => {
        try {
          controller.enqueue(chunk);
        } catch {
          stop();
        }
      };
      write(encoder.encode(`retry: 2000\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`));
      const unwatch = watch(auctionId, write);
      const ping = setInterval(() => write(PING), 15_000);
      ping.unref?.();
      stop = () => {
        clearInterval(ping);
        unwatch();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => stop(), { once: true });
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware leaves the stream alone (it would buffer it)
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
