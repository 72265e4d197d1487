// express-rate-limit's IETF draft-8 headers — `RateLimit`, `RateLimit-Policy`, and `Retry-After` on a
// refusal — written with the same bytes as its `standardHeaders: "draft-8"` writes them, but with the
// policy's partition key remembered per client key: the library computes it (a SHA-256 of the key)
// on every request, ≈ 2.4 % of a token bid's worker CPU (docs/decisions/0029-hot-api-path.md).
// tests/unit/rate-limit.test.ts compares these headers with the library's own.
import { createHash } from "node:crypto";
import type express from "express";
import { ipKeyGenerator } from "express-rate-limit";

/** What express-rate-limit puts on `req.rateLimit`, the part the headers are made of. */
export type LimitInfo = { limit: number; remaining: number; resetTime: Date | undefined; key: string };

// the library's default policy name: "<limit>-in-<window>", e.g. "100-in-1min"
function windowName(windowMs: number) {
  const seconds = windowMs / 1000;
  const minutes = windowMs / (1000 * 60);
  const hours = windowMs / (1000 * 60 * 60);
  const days = windowMs / (1000 * 60 * 60 * 24);
  if (seconds < 60) return `${seconds}sec`;
  if (minutes < 60) return `${minutes}min`;
  if (hours < 24) return `${hours}hr${hours > 1 ? "s" : ""}`;
  return `${days}day${days > 1 ? "s" : ""}`;
}

// res.append as Express does it (a second limiter on the same answer adds its own line)
function append(res: express.Response, name: string, value: string) {
  if (res.getHeader(name) === undefined) res.setHeader(name, value);
  else res.append(name, value);
}

export function draft8Headers(windowMs: number) {
  const windowSeconds = Math.ceil(windowMs / 1000);
  const window = windowName(windowMs);
  const partitionKeys = new Map<string, string>();
  const partitionKey = (key: string) => {
    let pk = partitionKeys.get(key);
    if (pk === undefined) {
      if (partitionKeys.size >= 10_000) partitionKeys.clear();
      pk = Buffer.from(createHash("sha256").update(key).digest("hex").slice(0, 12)).toString("base64");
      partitionKeys.set(key, pk);
    }
    return pk;
  };
  const resetSeconds = (info: LimitInfo) =>
    info.resetTime ? Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : windowSeconds;
  return {
    /** RateLimit and RateLimit-Policy, as the library sets them on every counted request */
    set(res: express.Response, info: LimitInfo) {
      if (res.headersSent) return;
      const name = `"${info.limit}-in-${window}"`;
      append(res, "RateLimit", `${name}; r=${info.remaining}; t=${resetSeconds(info)}`);
      append(res, "RateLimit-Policy", `${name}; q=${info.limit}; w=${windowSeconds}; pk=:${partitionKey(info.key)}:`);
    },
    /** Retry-After, as the library sets it on a refusal (after the two above) */
    retryAfter(res: express.Response, info: LimitInfo) {
      if (res.headersSent) return;
      res.setHeader("Retry-After", String(resetSeconds(info)));
    },
  };
}

// The limiter's key for an address, as its default key generator computes it (an IPv6 address's /56,
// an IPv4-mapped one as IPv4), remembered: computing it parses the address with ip-address on every
// request, and that was a few percent of a bid's CPU. docs/decisions/0029-hot-api-path.md
const ipKeys = new Map<string, string>();
function remember(ip: string, key: string) {
  if (ipKeys.size >= 10_000) ipKeys.clear();
  ipKeys.set(ip, key);
  return key;
}
const keyOf = (req: express.Request) => {
  const ip = req.ip ?? "";
  return ipKeys.get(ip) ?? remember(ip, ipKeyGenerator(ip, 56));
};

type Client = { totalHits: number; resetTime: Date };

/**
 * express-rate-limit's MemoryStore, counted synchronously: a client's window starts at its first
 * hit and lasts `windowMs`, a hit after it starts a new one; every `windowMs` the clients not seen
 * since the last sweep are dropped. Per process, as the library's store is (each HTTP worker allows
 * its share of the limit: express-app.ts).
 */
export class WindowCounter {
  private previous = new Map<string, Client>();
  private current = new Map<string, Client>();
  constructor(private readonly windowMs: number) {
    setInterval(() => {
      this.previous = this.current;
      this.current = new Map();
    }, windowMs).unref();
  }
  /** Counts a hit of `key`: its client, with the hit counted. */
  hit(key: string, now = Date.now()): Client {
    let client = this.current.get(key);
    if (!client) {
      client = this.previous.get(key);
      if (client) this.previous.delete(key);
      else client = { totalHits: 0, resetTime: new Date(now + this.windowMs) };
      this.current.set(key, client);
    }
    if (client.resetTime.getTime() <= now) {
      client.totalHits = 0;
      client.resetTime = new Date(now + this.windowMs);
    }
    client.totalHits++;
    return client;
  }
}

/**
 * The app's rate limiter: `limit` requests per `windowMs` per client address, 429 beyond — what
 * express-rate-limit did with the options the app gave it (the same key, store semantics, draft-8
 * headers and refusal), but synchronous: the library's middleware awaited its key, its store, its
 * limit and its policy name before passing a request on, four promise turns per request on the
 * token bids' path. docs/decisions/0032-token-bid-batches.md
 */
export function limiter(windowMs: number, limit: number): express.RequestHandler {
  const headers = draft8Headers(windowMs);
  const counter = new WindowCounter(windowMs);
  return (req, res, next) => {
    const key = keyOf(req);
    const client = counter.hit(key);
    const info: LimitInfo = {
      limit,
      remaining: Math.max(limit - client.totalHits, 0),
      resetTime: client.resetTime,
      key,
    };
    (req as express.Request & { rateLimit?: LimitInfo }).rateLimit = info;
    headers.set(res, info);
    if (client.totalHits <= limit) return next();
    headers.retryAfter(res, info);
    res.status(429).json({
      error: { code: "rate_limited", message: "请求过于频繁，请稍后再试 / Too many requests, try again later" },
    });
  };
}
