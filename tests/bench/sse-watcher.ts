// The bidding bench's event-stream watcher, made cheap because it is measurement overhead: its 500
// instances share the machine's 2 cores with the server under test, and reading every event through
// Node's http client (a parser, an IncomingMessage stream, a string decoder per watcher) and
// JSON-parsing every frame was most of the bench client's CPU. This one reads a raw TCP socket into
// one shared buffer (net's `onread`: no stream machinery), decodes HTTP/1.1 chunked transfer
// encoding by hand, splits the body into SSE events and reads only what the checks need: that a
// snapshot came (connected), and each `event: bid`'s `seq` with the time it arrived. The checks
// themselves (every watcher got every accepted seq, the broadcast latency) are the bench's, as before.
// docs/decisions/0029-hot-api-path.md
import net from "node:net";

/**
 * Decodes one event-stream response fed in pieces (as TCP delivers them): the status line and
 * headers, then the body, chunked or not; calls `onBid(seq)` for each complete `event: bid` and
 * `onSnapshot()` for the snapshot. Bytes are kept as latin1 text: every byte one character, so
 * chunk sizes count right and the ASCII the checks look for reads the same.
 */
export class SseCounter {
  private raw = "";
  private body = "";
  private headersDone = false;
  private chunked = false;
  /** bytes left in the current chunk; -1: a size line is due */
  private left = -1;
  ended = false;
  status = 0;

  constructor(
    private onBid: (seq: number) => void,
    private onSnapshot: () => void,
  ) {}

  feed(text: string) {
    this.raw += text;
    if (!this.headersDone) {
      const end = this.raw.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = this.raw.slice(0, end).toLowerCase();
      this.status = Number(head.slice(9, 12));
      this.chunked = /\r\ntransfer-encoding:\s*chunked/.test(head);
      this.raw = this.raw.slice(end + 4);
      this.headersDone = true;
    }
    if (!this.chunked) {
      this.body += this.raw;
      this.raw = "";
    } else {
      let at = 0;
      while (at < this.raw.length && !this.ended) {
        if (this.left < 0) {
          const eol = this.raw.indexOf("\r\n", at);
          if (eol < 0) break;
          this.left = parseInt(this.raw.slice(at, eol), 16);
          at = eol + 2;
          if (this.left === 0) this.ended = true;
        } else if (this.left > 0) {
          const take = Math.min(this.left, this.raw.length - at);
          this.body += this.raw.slice(at, at + take);
          this.left -= take;
          at += take;
        } else {
          // the CRLF after a chunk's data
          if (this.raw.length - at < 2) break;
          at += 2;
          this.left = -1;
        }
      }
      this.raw = this.raw.slice(at);
    }
    this.events();
  }

  private events() {
    let start = 0;
    let end: number;
    while ((end = this.body.indexOf("\n\n", start)) >= 0) {
      if (this.body.startsWith("event: bid\n", start)) {
        const key = this.body.indexOf('"seq":', start);
        if (key < 0 || key > end) throw new Error(`a bid event without a seq: ${this.body.slice(start, end)}`);
        const seq = parseInt(this.body.slice(key + 6, Math.min(end, key + 32)), 10);
        if (!Number.isSafeInteger(seq)) throw new Error(`a bid event with a bad seq: ${this.body.slice(start, end)}`);
        this.onBid(seq);
      } else if (this.body.slice(start, end).includes("event: snapshot\n")) {
        this.onSnapshot();
      }
      start = end + 2;
    }
    if (start) this.body = this.body.slice(start);
  }
}

// one buffer for every watcher's reads: each read is decoded before the next is taken
const readBuffer = Buffer.alloc(256 * 1024);
/** Socket reads by all watchers so far (each one a wake-up of this process and, mostly, one server write). */
export const watcherReads = { count: 0 };

/**
 * Opens GET `path` as an event stream on its own connection; resolves once the snapshot came.
 * `seen` gets each bid's seq and its arrival time (performance.now()).
 */
export function watchEvents(
  port: number,
  path: string,
  seen: Map<number, number>,
): Promise<{ socket: net.Socket; counter: SseCounter }> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const counter = new SseCounter(
      (seq) => seen.set(seq, performance.now()),
      () => {
        connected = true;
        resolve({ socket, counter });
      },
    );
    const socket = net.connect({
      host: "127.0.0.1",
      port,
      onread: {
        buffer: readBuffer,
        callback: (bytes) => {
          watcherReads.count++;
          counter.feed(readBuffer.toString("latin1", 0, bytes));
          if (counter.status && counter.status !== 200 && !connected)
            reject(new Error(`event stream answered ${counter.status}`));
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    socket.on("error", (error) => (connected ? undefined : reject(error)));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nConnection: keep-alive\r\n\r\n`,
    );
  });
}
