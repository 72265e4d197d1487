// The bid endpoint answered straight from Express, not through React Router's request pipeline
// (route matching over every route, the middleware chain, streaming the Response back): at a live
// close hundreds of bids a second meet on one lot, and that pipeline was most of a bid's CPU time.
// The function the route module's action answers token bids with (answerTokenBid) answers here
// too, from the raw body — the same auth, validation, errors and SQL call as through the router,
// without building a Fetch Request or Response — so this only changes how the request gets
// there. Taken only by bearer-token calls to a well-formed lot id; anything else (the page's session-cookie bids,
// odd ids the router's bad-input check answers) goes the usual way. docs/decisions/0029-hot-api-path.md
// The list and search API (GET /api/v1/results|needs) is taken the same way: a search box sends
// a stream of them, and the router's share was most of a cached answer's CPU time; the root
// route's middleware (the bad-input check) runs in front of the loader as the router would run it.
// A bidding room's event stream is opened by its loader the same way, then written straight to
// the socket: each bid goes to hundreds of watchers.
import type express from "express";
import { bearerTokenOf } from "../api/api.server.ts";
import { textOf } from "../api/response-text.ts";
import { takeOverEventStream } from "../auctions/events.server.ts";

export type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: unknown };
export type RouteAction = (args: RouteArgs) => Promise<Response>;
export type RouteMiddleware = (args: RouteArgs, next: () => Promise<Response>) => Promise<Response | void>;

// ids are cuids; anything else is left to the router, which names a bad path id
export const LOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether hotBidRoute answers a bid to lot `id` with this Authorization header (else the router does). */
export function takesTokenBid(id: unknown, authorization: string | undefined): id is string {
  return typeof id === "string" && LOT_ID.test(id) && bearerTokenOf(authorization) !== null;
}

function readBody(req: express.Request) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
    req.resume();
  });
}

function fetchHeaders(req: express.Request) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/** answerTokenBid of app/auctions/bid-api.server.ts, as the server build exports it. */
export type TokenBidAnswer = (
  token: string,
  auctionId: string,
  body: () => Uint8Array | Promise<Uint8Array>,
  receivedAt: Date,
) => Promise<{ status: number; body: string }>;

/**
 * POST /api/v1/auctions/:id/bids with a bearer token, answered from the raw body by the same
 * function the route module's action answers token bids with — no Fetch Request or Response.
 */
export function hotBidRoute(answer: () => Promise<TokenBidAnswer>): express.RequestHandler {
  return (req, res, next) => {
    // the bid's time is the server's receipt time
    const receivedAt = new Date();
    const id = req.params.id;
    if (!takesTokenBid(id, req.headers.authorization)) return next();
    const token = bearerTokenOf(req.headers.authorization)!;
    void (async () => {
      const body = await readBody(req);
      // the body limit middleware may have answered 413 while it streamed in
      if (res.headersSent) return;
      const answered = await (await answer())(token, id, () => body, receivedAt);
      res.statusCode = answered.status;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(answered.body);
    })().catch(next);
  };
}

/** Runs route middleware in front of a handler, as React Router does (a middleware may answer itself). */
export function runMiddleware(middleware: RouteMiddleware[], args: RouteArgs, handler: () => Promise<Response>) {
  const step = async (i: number): Promise<Response> => {
    if (i >= middleware.length) return handler();
    let downstream: Promise<Response> | undefined;
    const answer = await middleware[i]!(args, () => (downstream ??= step(i + 1)));
    return answer instanceof Response ? answer : (downstream ?? step(i + 1));
  };
  return step(0);
}

async function send(res: express.Response, response: Response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  // the list API's body as the string or bytes it was made from (the same UTF-8 bytes, not read back)
  const text = textOf(response);
  res.end(text ?? Buffer.from(await response.arrayBuffer()));
}

/**
 * GET on a collection route (no path params), answered by the route module's loader behind the
 * root route's middleware; a thrown Response is the answer, as in the router. Other methods go
 * the usual way.
 */
export function hotLoaderRoute(
  route: () => Promise<{ loader: RouteAction; middleware: RouteMiddleware[] }>,
  context: (req: express.Request, res: express.Response) => unknown,
): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET") return next();
    void (async () => {
      const { loader, middleware } = await route();
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const args: RouteArgs = {
        request: new Request(url, { method: "GET", headers: fetchHeaders(req) }),
        params: {},
        context: context(req, res),
      };
      let response: Response;
      try {
        response = await runMiddleware(middleware, args, () => loader(args));
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      await send(res, response);
    })().catch(next);
  };
}

// One event goes to every watcher of a lot as the same chunk object: framed once, written to
// each socket as one buffer (one write, no per-watcher chunk framing, corking or next-tick flush)
let lastChunk: Uint8Array | undefined;
let lastFrame: Buffer | undefined;
function chunkFrame(chunk: Uint8Array) {
  if (chunk !== lastChunk) {
    lastChunk = chunk;
    lastFrame = Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  }
  return lastFrame!;
}

/**
 * Writes body chunks of a response whose headers are sent. On a chunked (HTTP/1.1) response the
 * chunks are framed here and written to the socket itself; Node's response object still ends the
 * body correctly (it adds only the last, empty chunk). Anything unusual goes through res.write.
 */
function socketWriter(res: express.Response) {
  const out = res as unknown as { chunkedEncoding?: boolean; outputSize?: number };
  return (chunk: Uint8Array) => {
    const socket = res.socket;
    if (out.chunkedEncoding && socket && !socket.destroyed && !out.outputSize && !res.writableEnded)
      socket.write(chunkFrame(chunk));
    else res.write(chunk);
  };
}

/**
 * GET /api/v1/auctions/:id/events, answered by the route module's loader (the same caller and lot
 * checks, the same snapshot); its events are then written to the socket as they come instead of
 * through the Response's ReadableStream: a bid reaches hundreds of watchers, and the stream's
 * per-chunk promises and piping cost more than the writes. Any other answer (404, 401) is sent as is.
 */
export function hotEventsRoute(loader: () => Promise<RouteAction>): express.RequestHandler {
  return (req, res, next) => {
    const id = req.params.id;
    if (req.method !== "GET" || typeof id !== "string" || !LOT_ID.test(id)) return next();
    const aborted = new AbortController();
    res.once("close", () => aborted.abort());
    void (async () => {
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const request = new Request(url, { method: "GET", headers: fetchHeaders(req), signal: aborted.signal });
      const response = await (await loader())({ request, params: { id } });
      if (aborted.signal.aborted) {
        takeOverEventStream(response, () => {})?.();
        return;
      }
      if (!response.headers.get("Content-Type")?.startsWith("text/event-stream"))
        return void (await send(res, response));
      res.status(response.status);
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.flushHeaders();
      const stop = takeOverEventStream(response, socketWriter(res));
      if (!stop) return void res.end(Buffer.from(await response.arrayBuffer()));
      res.once("close", stop);
    })().catch(next);
  };
}
