// A token bid's answer (a small JSON body: 201, 409, 400, …) written with its status line and headers
// as one prepared block, instead of through compression's per-request wrapping (its end/write/on
// wrappers, on-headers' writeHead hook, its filter and `vary` at writeHead) and ten-odd setHeader
// calls that validate the same security headers on every answer. The bytes are the general path's:
// the security headers (the CSP with this answer's nonce), what the middleware set since (the rate
// limit headers), Content-Type, the `Vary: Accept-Encoding` compression adds to a compressible type,
// then Date, Connection, Keep-Alive and Transfer-Encoding as Node writes them (compression writes the
// head before Node's end sees the body, so even a small answer goes chunked), and the body as one
// chunk. Compression would not compress a body under its threshold, so that is all it would have done.
//
// Anything else on such a route — a refusal by the limiter or the body limits, an error, a body at
// or over the threshold, a connection that is not kept alive, a hook on writeHead (the request log)
// — takes the general path: the first write of the response (writeHead, write, end, flushHeaders)
// first sets up what Express would have (compression, then the security headers ahead of the headers
// set so far), then goes on through compression as before. tests/unit/front-door-prepared.test.ts
// compares the two paths' bytes. docs/decisions/0032-token-bid-batches.md
import { STATUS_CODES, type ServerResponse, validateHeaderName, validateHeaderValue } from "node:http";
import type express from "express";

/** compression's default threshold: a smaller body is sent as it is */
const COMPRESSION_THRESHOLD = 1024;
const JSON_TYPE = "application/json; charset=utf-8";

/** What the front door leaves on a response of a prepared route until its first write. */
export type Deferred = {
  /** the security header lines (CRLF-ended) with this nonce in the CSP */
  securityLines: (nonce: string) => string;
  /** sets up the general path on this response: outer middleware, then the security headers */
  settle: (res: express.Response) => void;
};

export const DEFERRED = Symbol("the front door's deferred set-up");

type Internals = express.Response & {
  [DEFERRED]: Deferred | undefined;
  _header: string | null;
  _headerSent: boolean;
  chunkedEncoding: boolean;
  _hasBody: boolean;
  _removedConnection: boolean;
  _removedContLen: boolean;
  _expect_continue: boolean;
  _keepAliveTimeout: number;
  _defaultKeepAlive: boolean;
  _maxRequestsPerSocket: number;
  shouldKeepAlive: boolean;
  maxRequestsOnConnectionReached: boolean;
  useChunkedEncodingByDefault: boolean;
  statusMessage: string;
  /** Node's (since 15.13; missing from @types/node's OutgoingMessage): the set headers' names as set */
  getRawHeaderNames(): string[];
};

/** The names of the headers set on a response so far, as set, in their order. */
export function rawHeaderNames(res: express.Response) {
  return (res as Internals).getRawHeaderNames();
}

/**
 * Makes the response class settle a deferred set-up at its first write: its writeHead, write, end
 * and flushHeaders, when the front door left one, set up the general path and call the method again
 * (now compression's wrapper, if compression was set up); otherwise they are the inherited methods.
 */
export function settleOnFirstWrite(Response: typeof ServerResponse) {
  const proto = Response.prototype as unknown as Record<string | symbol, unknown>;
  proto[DEFERRED] = undefined;
  for (const method of ["writeHead", "write", "end", "flushHeaders"] as const) {
    const inherited = Object.getPrototypeOf(proto)[method] as (...args: unknown[]) => unknown;
    Object.defineProperty(proto, method, {
      configurable: true,
      writable: true,
      value: {
        [method](this: Internals, ...args: unknown[]) {
          const deferred = this[DEFERRED];
          if (deferred === undefined) return inherited.apply(this, args);
          this[DEFERRED] = undefined;
          deferred.settle(this);
          return (this[method] as (...a: unknown[]) => unknown)(...args);
        },
      }[method],
    });
  }
}

/** Whether the responses of this class settle a deferred set-up (settleOnFirstWrite). */
export function settles(res: express.Response) {
  return DEFERRED in res;
}

/** The security header lines of a captured header set, the nonce's place marked by `mark`. */
export function securityLines(headers: { name: string; value: string | string[] }[], mark: string) {
  let block = "";
  for (const { name, value } of headers) {
    validateHeaderName(name);
    for (const v of Array.isArray(value) ? value : [value]) {
      validateHeaderValue(name, v.replaceAll(mark, "nonce"));
      block += `${name}: ${v}\r\n`;
    }
  }
  const parts = block.split(mark);
  return parts.length === 1 ? () => block : (nonce: string) => parts.join(nonce);
}

// Node's Date header, the same string for a second
let dateSecond = -1;
let dateLine = "";
function date() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

// headers the prepared block writes itself, or whose presence changes what Node or compression write
const NOT_PLAIN = new Set([
  "connection",
  "content-length",
  "transfer-encoding",
  "date",
  "content-type",
  "content-encoding",
  "cache-control",
  "keep-alive",
  "trailer",
  "expect",
  "content-disposition",
]);

// compression's `vary(res, "Accept-Encoding")`: the field appended unless listed (or `*`)
function withAcceptEncoding(vary: string) {
  const listed = vary
    .toLowerCase()
    .split(",")
    .map((f) => f.replace(/^ +| +$/g, ""));
  if (vary === "*" || listed.includes("*")) return "*";
  if (listed.includes("accept-encoding")) return vary;
  return vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
}

/** The status line and headers the general path would send with this answer; null: not plain. */
function preparedHead(res: Internals, deferred: Deferred, status: number, length: number) {
  if (
    res._header ||
    !res._hasBody ||
    status < 200 ||
    status === 204 ||
    status === 304 ||
    res.statusMessage ||
    !res.sendDate ||
    !res.shouldKeepAlive ||
    res.maxRequestsOnConnectionReached ||
    res._removedConnection ||
    res._removedContLen ||
    res._expect_continue ||
    !res.useChunkedEncodingByDefault ||
    Object.hasOwn(res, "writeHead") ||
    Object.hasOwn(res, "write") ||
    Object.hasOwn(res, "end") ||
    length >= COMPRESSION_THRESHOLD
  )
    return null;
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "unknown"}\r\n${deferred.securityLines(res.locals.cspNonce as string)}`;
  let vary = false;
  for (const name of res.getRawHeaderNames()) {
    const lower = name.toLowerCase();
    const value = res.getHeader(name);
    if (NOT_PLAIN.has(lower) || typeof value !== "string") return null;
    if (lower === "vary") {
      vary = true;
      head += `${name}: ${withAcceptEncoding(value)}\r\n`;
    } else head += `${name}: ${value}\r\n`;
  }
  head += `Content-Type: ${JSON_TYPE}\r\n`;
  if (!vary) head += "Vary: Accept-Encoding\r\n";
  head += `${date()}Connection: keep-alive\r\n`;
  if (res._keepAliveTimeout && res._defaultKeepAlive)
    head += `Keep-Alive: timeout=${Math.floor(res._keepAliveTimeout / 1000)}${~~res._maxRequestsPerSocket > 0 ? `, max=${res._maxRequestsPerSocket}` : ""}\r\n`;
  // compression writes the head before Node's end learns the body's length: chunked
  return `${head}Transfer-Encoding: chunked\r\n\r\n`;
}

/**
 * Sends a JSON answer: as one prepared block when the front door prepared this response and the
 * answer is plain (see above), else as the general path sends it.
 */
export function answerJson(response: express.Response, status: number, body: string) {
  const res = response as Internals;
  const deferred = res[DEFERRED];
  if (deferred !== undefined) {
    const length = Buffer.byteLength(body);
    const head = preparedHead(res, deferred, status, length);
    if (head !== null) {
      // what writeHead and Node's header store leave on a response, then its end as usual
      res[DEFERRED] = undefined;
      res.statusCode = status;
      res.statusMessage = STATUS_CODES[status] ?? "unknown";
      res.chunkedEncoding = true;
      res._header = head;
      res._headerSent = false;
      res.end(body);
      return;
    }
  }
  res.statusCode = status;
  res.setHeader("Content-Type", JSON_TYPE);
  res.end(body);
}
