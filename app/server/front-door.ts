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
import { IncomingMessage, type RequestListener, ServerResponse } from "node:http";
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

/**
 * The classes for the node:http server to make each request and response from (its
 * `IncomingMessage` / `ServerResponse` options): Node's own, with the app's Express prototypes
 * (`app.request`, `app.response`) above theirs, and these classes' prototypes made the app's
 * `app.request` / `app.response` in their place. So every request and response already has the
 * prototype Express's app.handle gives it, and its swap (`Object.setPrototypeOf` on the live objects)
 * changes nothing; the front door skips it. Swapping the prototype of a live object makes V8 give it
 * a new map, and the code that touches it after runs slower: a front-door answer took ≈ 2.5 times
 * the CPU with the swap in a microbenchmark, an Express answer ≈ 10 % more.
 * docs/decisions/0029-hot-api-path.md
 */
export function expressServerClasses(app: express.Express) {
  class Request extends IncomingMessage {}
  Object.setPrototypeOf(Request.prototype, app.request);
  class Response<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as express.Request;
  app.response = Response.prototype as unknown as express.Response;
  return { IncomingMessage: Request, ServerResponse: Response };
}

type Taken = { steps: express.RequestHandler[]; params: Record<string, string> };

/**
 * One request through its route's steps: Express's layer loop — each step gets `next`, a thrown
 * error or a rejected promise goes to the error handler. Its functions are made as properties, not
 * named closures: the server's modules are compiled with esbuild's keepNames, which gives each
 * named closure a defineProperty call as it is made, ≈ 1 % of a bid's worker CPU.
 */
class Passage {
  private i = 0;
  readonly next: express.NextFunction;
  constructor(
    private readonly steps: express.RequestHandler[],
    private readonly req: express.Request,
    private readonly res: express.Response,
    private readonly errorHandler: express.ErrorRequestHandler,
  ) {
    this.next = (error?: unknown) => this.step(error);
  }
  private step(error: unknown) {
    if (error) return this.fail(error);
    const step = this.steps[this.i++];
    // the hot handlers take every request their route matches; a decline here would mean the
    // two disagree, and the request cannot be handed to Express after its middleware ran
    if (!step) return this.fail(new Error(`front door: ${this.req.method} ${this.req.path} declined`));
    try {
      const result = step(this.req, this.res, this.next) as unknown;
      if (result instanceof Promise) result.catch((thrown: unknown) => this.fail(thrown));
    } catch (thrown) {
      this.fail(thrown);
    }
  }
  private fail(error: unknown) {
    try {
      this.errorHandler(error, this.req, this.res, () => {});
    } catch {
      this.res.destroy();
    }
  }
}

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
    // made by the server with Express's prototypes already (expressServerClasses); swapped otherwise
    if (Object.getPrototypeOf(req) !== app.request) Object.setPrototypeOf(req, app.request);
    if (Object.getPrototypeOf(res) !== app.response) Object.setPrototypeOf(res, app.response);
    res.locals ??= Object.create(null) as express.Response["locals"];
    req.baseUrl = "";
    req.originalUrl = req.url;
    req.params = taken.params;
    new Passage(taken.steps, req, res, options.errorHandler).next();
  };
}
