// The bidding bench's bidders' client, made cheap because it is measurement overhead: it shares
// the machine's 2 cores with the server under test, and undici's Pool (a request object, a parser
// with its callbacks, a body stream per answer) still cost ≈ 0.6 ms of CPU per bid. This one keeps
// one raw keep-alive `node:net` connection per bid in flight (HTTP/1.1, one request at a time, as the
// Pool's were), writes each bidder's request head built once (method, path, host, bearer token,
// content type) with only the Content-Length and the JSON body changing, and reads answers through
// one shared buffer (net's `onread`: no stream machinery) with a parser for just what the bench
// gets: a status line, headers, a Content-Length or chunked body. docs/decisions/0029-hot-api-path.md
import net from "node:net";

export type Answer = { status: number; body: string };

const CRLFCRLF = Buffer.from("\r\n\r\n");

/**
 * Decodes the answers of one HTTP/1.1 connection fed in pieces (as TCP delivers them), calling
 * `onAnswer` for each complete one with its status and body (UTF-8). A body needs a Content-Length
 * or chunked encoding: a bid answer always has one, and an answer that runs to the connection's end
 * cannot be told from a cut one. Pieces may be views of a shared buffer: what is kept is copied.
 */
export class AnswerParser {
  private pending: Buffer | null = null;

  constructor(private onAnswer: (answer: Answer) => void) {}

  feed(piece: Buffer) {
    const bytes = this.pending ? Buffer.concat([this.pending, piece]) : piece;
    this.pending = null;
    let at = 0;
    for (let used; at < bytes.length && (used = this.one(bytes, at)) > 0;) at += used;
    if (at < bytes.length) this.pending = Buffer.from(bytes.subarray(at));
  }

  /** Whether bytes of an unfinished answer are waiting. */
  get partial() {
    return this.pending !== null;
  }

  /** The length of the complete answer starting at `at`, after handing it on; 0 if it is not complete. */
  private one(bytes: Buffer, at: number): number {
    const headEnd = bytes.indexOf(CRLFCRLF, at);
    if (headEnd < 0) return 0;
    const head = bytes.toString("latin1", at, headEnd);
    if (!head.startsWith("HTTP/1.1 ")) throw new Error(`not an HTTP/1.1 answer: ${head.slice(0, 40)}`);
    const status = Number(head.slice(9, 12));
    let length = -1;
    let chunked = false;
    for (const line of head.split("\r\n").slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      if (name === "content-length") length = Number(line.slice(colon + 1).trim());
      else if (name === "transfer-encoding") chunked = /(^|,)\s*chunked\s*$/i.test(line.slice(colon + 1));
    }
    const bodyStart = headEnd + 4;
    if (chunked) return this.chunkedBody(bytes, at, bodyStart, status);
    // 1xx, 204 and 304 have no body; anything else here says how long it is
    if (length < 0) {
      if ((status >= 100 && status < 200) || status === 204 || status === 304) length = 0;
      else throw new Error(`an answer (${status}) without Content-Length or chunked encoding`);
    }
    if (bytes.length < bodyStart + length) return 0;
    if (status >= 200) this.onAnswer({ status, body: bytes.toString("utf8", bodyStart, bodyStart + length) });
    return bodyStart + length - at;
  }

  private chunkedBody(bytes: Buffer, at: number, bodyStart: number, status: number): number {
    const parts: Buffer[] = [];
    let i = bodyStart;
    for (;;) {
      const eol = bytes.indexOf("\r\n", i, "latin1");
      if (eol < 0) return 0;
      // a chunk size, maybe with extensions after ";"
      const size = parseInt(bytes.toString("latin1", i, eol).split(";")[0]!, 16);
      if (!Number.isInteger(size) || size < 0) throw new Error("a bad chunk size");
      i = eol + 2;
      if (size === 0) break;
      if (bytes.length < i + size + 2) return 0;
      parts.push(bytes.subarray(i, i + size));
      i += size + 2;
    }
    // the trailer section: header lines up to an empty line
    for (;;) {
      const eol = bytes.indexOf("\r\n", i, "latin1");
      if (eol < 0) return 0;
      const empty = eol === i;
      i = eol + 2;
      if (empty) break;
    }
    this.onAnswer({ status, body: Buffer.concat(parts).toString("utf8") });
    return i - at;
  }
}

// one buffer for every connection's reads: each read is decoded before the next is taken
const readBuffer = Buffer.alloc(64 * 1024);

/** One keep-alive connection that carries one request at a time. */
export class BidConnection {
  private waiting: { resolve(a: Answer): void; reject(e: Error): void } | null = null;
  private parser = new AnswerParser((answer) => {
    const w = this.waiting;
    if (!w) throw new Error("an answer nobody asked for");
    this.waiting = null;
    w.resolve(answer);
  });
  private socket: net.Socket;
  private failure: Error | null = null;

  constructor(port: number) {
    this.socket = net.connect({
      host: "127.0.0.1",
      port,
      onread: {
        buffer: readBuffer,
        callback: (n) => {
          try {
            this.parser.feed(readBuffer.subarray(0, n));
          } catch (error) {
            this.fail(error as Error);
          }
          return true;
        },
      },
    });
    this.socket.setNoDelay(true);
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error("the connection closed")));
  }

  private fail(error: Error) {
    this.failure ??= error;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(error);
  }

  /** Sends `head` (a request head up to its Content-Length value) with `body`; resolves with the answer. */
  send(head: Buffer, body: string): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error("one request at a time"));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      // one write: the head, then the length and the body (ASCII JSON)
      this.socket.write(Buffer.concat([head, Buffer.from(`${Buffer.byteLength(body)}\r\n\r\n${body}`, "latin1")]));
    });
  }

  close() {
    this.failure ??= new Error("closed");
    this.socket.destroy();
  }
}

/** A JSON POST's request head up to the Content-Length value, built once per bidder. */
export function postHead(port: number, path: string, token: string) {
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: `,
    "latin1",
  );
}
