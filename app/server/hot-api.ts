// The bid endpoint answered straight from Express, not through React Router's request pipeline
// (route matching over every route, the middleware chain, streaming the Response back): at a live
// close hundreds of bids a second meet on one lot, and that pipeline was most of a bid's CPU time.
// The route module's own action answers — the same auth, body reading, validation, errors and
// SQL call as through the router — so this only changes how the request gets there. Taken only
// by bearer-token calls to a well-formed lot id; anything else (the page's session-cookie bids,
// odd ids the router's bad-input check answers) goes the usual way. docs/decisions/0029-hot-api-path.md
// The list and search API (GET /api/v1/results|needs) is taken the same way: a search box sends
// a stream of them, and the router's share was most of a cached answer's CPU time; the root
// route's middleware (the bad-input check) runs in front of the loader as the router would run it.
import type express from "express";

export type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: unknown };
export type RouteAction = (args: RouteArgs) => Promise<Response>;
export type RouteMiddleware = (args: RouteArgs, next: () => Promise<Response>) => Promise<Response | void>;

// ids are cuids; anything else is left to the router, which names a bad path id
const LOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

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

/** POST /api/v1/auctions/:id/bids with a bearer token, answered by the route module's action. */
export function hotBidRoute(action: () => Promise<RouteAction>): express.RequestHandler {
  return (req, res, next) => {
    const id = req.params.id;
    if (typeof id !== "string" || !LOT_ID.test(id) || !/^Bearer\s/i.test(req.headers.authorization ?? ""))
      return next();
    void (async () => {
      const body = await readBody(req);
      // the body limit middleware may have answered 413 while it streamed in
      if (res.headersSent) return;
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const request = new Request(url, { method: "POST", headers: fetchHeaders(req), body: new Uint8Array(body) });
      await send(res, await (await action())({ request, params: { id } }));
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
  res.end(Buffer.from(await response.arrayBuffer()));
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
