// The front door: the node:http request listener answers the hot API routes (token bids, the list
// and search API) before Express, and hands everything else to Express unchanged. Express's cost per
// request was its router walking every layer (path matching at each) and helmet rebuilding the same
// headers with a fresh CSP; at a live close or under a search box that was most of what was left of
// a request's worker CPU besides the work itself. docs/decisions/0029-hot-api-path.md
//
// What a request taken here goes through is Express's own, in Express's order: the request and
// response get Express's prototypes (req.ip with the trust-proxy setting, res.json, …) exactly as
// Express's app.handle gives them, and then the very middleware instances Express runs for an API
// route — compression, the request log, the API rate limiter, the body limits — then the same hot
// handler Express routes to. Only helmet is not called per request: its header set is captured once
// per route from the same helmet instance, with a fresh nonce put into the CSP each time as Express
// does. tests/api/front-door.test.ts compares each answer with Express's.
import type { IncomingMessage, RequestListener } from "node:http";
import type express from "express";
import { cspNonce } from "./csp-nonce.ts";

export type FrontRoute = {
  method: "GET" | "POST";
  /** the pathname (no query) this route answers, with its params; null: not this route */
  match: (pathname: string, req: IncomingMessage) => Record<string, string> | null;
  handler: express.RequestHandler;
  /** a path of this route, to capture the security headers for (they may depend on the path) */
  samplePath: string;
};

export type FrontDoorOptions = {
  app: express.Express;
  /** helmet's middleware, as Express runs it */
  securityHeaders: express.RequestHandler;
  /** the middleware Express runs for an API route, in order, after the security headers */
  before: express.RequestHandler[];
  /** the middleware Express runs before the security headers (compression) */
  outer: express.RequestHandler[];
  routes: FrontRoute[];
  errorHandler: express.ErrorRequestHandler;
};

// a placeholder nonce, found and replaced in the captured header values
const NONCE_MARK = "\u0000nonce\u0000";

type CapturedHeaders = { name: string; value: string | string[]; nonce: boolean }[];

/**
 * The headers a helmet middleware sets on a response to `path`, captured once from a stand-in
 * response. helmet is synchronous and sets the same headers for the same path and configuration;
 * only the nonce differs per request.
 */
export function captureHeaders(helmetMiddleware: express.RequestHandler, path: string): CapturedHeaders {
  const headers = new Map<string, string | string[]>();
  const req = { path, method: "GET", url: path, originalUrl: path, headers: {} };
  const res = {
    locals: { cspNonce: NONCE_MARK },
    setHeader: (name: string, value: string | string[]) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let called = false;
  helmetMiddleware(
    req as never,
    res as never,
    ((error?: unknown) => {
      if (error) throw error;
      called = true;
    }) as express.NextFunction,
  );
  if (!called) throw new Error("the security headers middleware did not finish synchronously");
  return [...headers].map(([name, value]) => ({
    name,
    value,
    nonce: (Array.isArray(value) ? value.join("") : value).includes(NONCE_MARK),
  }));
}

function withNonce(value: string | string[], nonce: string) {
  return Array.isArray(value) ? value.map((v) => v.replaceAll(NONCE_MARK, nonce)) : value.replaceAll(NONCE_MARK, nonce);
}

/** Sets a captured header set with a fresh nonce, as the nonce middleware and helmet do in Express. */
function headerSetter(captured: CapturedHeaders): express.RequestHandler {
  return (_req, res, next) => {
    const nonce = cspNonce();
    res.locals.cspNonce = nonce;
    for (const h of captured) res.setHeader(h.name, h.nonce ? withNonce(h.value, nonce) : h.value);
    next();
  };
}

type Taken = { steps: express.RequestHandler[]; params: Record<string, string> };

export function createFrontDoor(options: FrontDoorOptions): RequestListener {
  const { app } = options;
  const prepared = options.routes.map((route) => ({
    route,
    steps: [
      ...options.outer,
      headerSetter(captureHeaders(options.securityHeaders, route.samplePath)),
      ...options.before,
      route.handler,
    ],
  }));

  function take(req: IncomingMessage): Taken | null {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    for (const p of prepared) {
      if (req.method !== p.route.method) continue;
      const params = p.route.match(pathname, req);
      if (params) return { steps: p.steps, params };
    }
    return null;
  }

  return (rawReq, rawRes) => {
    const taken = take(rawReq);
    if (!taken) return void app(rawReq, rawRes);
    // what Express's app.handle and its router do before the first layer
    const req = rawReq as express.Request;
    const res = rawRes as express.Response;
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    res.locals ??= Object.create(null) as express.Response["locals"];
    req.baseUrl = "";
    req.originalUrl = req.url;
    req.params = taken.params;

    const fail = (error: unknown) => {
      try {
        options.errorHandler(error, req, res, () => {});
      } catch {
        res.destroy();
      }
    };
    // Express's layer loop for this route's steps: each step gets `next`, a thrown error or a
    // rejected promise goes to the error handler
    const steps = taken.steps;
    let i = 0;
    const next: express.NextFunction = (error?: unknown) => {
      if (error) return fail(error);
      const step = steps[i++];
      // the hot handlers take every request their route matches; a decline here would mean the
      // two disagree, and the request cannot be handed to Express after its middleware ran
      if (!step) return fail(new Error(`front door: ${req.method} ${req.path} declined`));
      try {
        const result = step(req, res, next) as unknown;
        if (result instanceof Promise) result.catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
  };
}
