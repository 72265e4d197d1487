// The HTTP server: security headers (CSP with nonces), rate limits, static files, and the React
// Router request handler, behind the front door that answers the hot API routes before Express
// (front-door.ts). Used by start.ts in production and in development (with Vite).
import type { RequestListener } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { ViteDevServer } from "vite";
import { bodyLimits } from "./body-limits.ts";
import { clientIpContext, cspNonceContext } from "./context.ts";
import { cspNonce } from "./csp-nonce.ts";
import { getEnv } from "../env.server.ts";
import { errorHandler } from "./error-pages.ts";
import { createFrontDoor, expressServerClasses, type FrontRoute } from "./front-door.ts";
import {
  hotBidRoute,
  hotEventsRoute,
  hotLoaderRoute,
  type RouteAction,
  type RouteMiddleware,
  takesTokenBid,
  type TokenBidAnswer,
} from "./hot-api.ts";
import { cardCspSources } from "./card-csp.ts";
import { limiter } from "./rate-limit.ts";
import { parseTrustProxy } from "./trust-proxy.ts";

type Options = {
  mode: "production" | "development";
  vite?: ViteDevServer;
  buildDir?: string;
  log?: boolean;
  /**
   * HTTP worker processes sharing the port. The rate limits are counted per process, and the
   * primary hands connections out round-robin, so each process allows its share of the limit.
   */
  workers?: number;
  /** false: Express answers the hot API routes too (the front door's tests compare the two) */
  frontDoor?: boolean;
};

/** Stripe.js's origins on the pages that take card payment, when Stripe is configured (else nothing). */
function stripeSources(req: unknown, directive: Parameters<typeof cardCspSources>[1]) {
  return cardCspSources((req as express.Request).path, directive).join(" ");
}

/** No file is ever served under /api/: spare the API the file system lookups. */
function notForApi(handler: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (req.path.startsWith("/api/") ? next() : handler(req, res, next));
}

/**
 * helmet with the app's policy: a CSP with each answer's nonce (res.locals.cspNonce) and Stripe's
 * origins on the card payment pages, HSTS in production.
 */
export function securityHeadersFor(dev: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "connect-src": ["'self'", ...(dev ? ["ws:"] : []), (req) => stripeSources(req, "connect-src")],
        "font-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-src": ["'self'", (req) => stripeSources(req, "frame-src")],
        "frame-ancestors": ["'none'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "script-src": [
          "'strict-dynamic'",
          (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
          (req) => stripeSources(req, "script-src"),
        ],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "upgrade-insecure-requests": null,
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    // browsers ignore it over plain http, so production always sends it
    strictTransportSecurity:
      getEnv().NODE_ENV === "production" ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

export async function createExpressApp(options: Options) {
  const app = express();
  app.disable("x-powered-by");
  // the node:http server makes requests and responses with Express's prototypes (front-door.ts)
  const serverOptions = expressServerClasses(app);
  const trust = parseTrustProxy(getEnv().TRUST_PROXY);
  app.set("trust proxy", "value" in trust ? trust.value : false);
  const compress = compression();
  app.use(compress);

  app.use((_req, res, next) => {
    res.locals.cspNonce = cspNonce();
    next();
  });
  const dev = options.mode === "development";
  const securityHeaders = securityHeadersFor(dev);
  app.use(securityHeaders);

  const requestLog = options.log !== false ? morgan(dev ? "dev" : "tiny") : undefined;
  if (requestLog) app.use(requestLog);

  // Rate limits: strict on credentials, generous on the API (overridable for benchmarks).
  const share = (limit: number) => Math.max(1, Math.ceil(limit / Math.max(1, options.workers ?? 1)));
  const authPerMinute = share(getEnv().RATE_LIMIT_AUTH_PER_MINUTE);
  const apiPerMinute = share(getEnv().RATE_LIMIT_API_PER_MINUTE);
  const authLimiter = limiter(60_000, authPerMinute);
  app.use(["/login", "/signup", "/forgot-password", "/reset-password"], (req, res, next) =>
    req.method === "POST" ? authLimiter(req, res, next) : next(),
  );
  const apiLimiter = limiter(60_000, apiPerMinute);
  app.use("/api", apiLimiter);
  const limits = bodyLimits();
  app.use(limits);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.vite) {
    app.use(options.vite.middlewares);
    const vite = options.vite;
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = options.buildDir ?? path.resolve("build");
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(notForApi(express.static(path.join(buildDir, "client"), { maxAge: "1h" })));
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }
  app.use(notForApi(express.static("public", { maxAge: "1h" })));

  // Token bids skip React Router's pipeline; the server build's entry exports the function the bid
  // route's action answers them with (one module instance: the app's database pool)
  const serverBuild = () => (typeof build === "function" ? build() : Promise.resolve(build));
  const bidRoute = hotBidRoute(
    async () => ((await serverBuild()).entry.module as unknown as { answerTokenBid: TokenBidAnswer }).answerTokenBid,
  );
  app.post("/api/v1/auctions/:id/bids", bidRoute);
  // and the bidding room's event stream is written straight to the socket
  app.get(
    "/api/v1/auctions/:id/events",
    hotEventsRoute(async () => {
      const route = (await serverBuild()).routes["routes/api.v1.auctions.$id.events"];
      return route!.module.loader as RouteAction;
    }),
  );

  const getLoadContext = (req: express.Request, res: express.Response) => {
    const context = new RouterContextProvider();
    context.set(cspNonceContext, res.locals.cspNonce as string);
    context.set(clientIpContext, req.ip ?? null);
    return context;
  };
  // The list and search API likewise, behind the root route's middleware (the bad-input check)
  const listRoutes = ["results", "needs"].map((kind) => {
    const handler = hotLoaderRoute(async () => {
      const routes = (await serverBuild()).routes;
      return {
        loader: routes[`routes/api.v1.${kind}`]!.module.loader as RouteAction,
        middleware: (routes.root!.module.middleware ?? []) as RouteMiddleware[],
      };
    }, getLoadContext);
    app.get(`/api/v1/${kind}`, handler);
    return { kind, handler };
  });

  app.all("/{*splat}", createRequestHandler({ build, mode: options.mode, getLoadContext }));
  const onError = errorHandler();
  app.use(onError);

  if (options.frontDoor === false) return { app, listener: app as RequestListener, serverOptions };
  // The same routes, handlers and middleware instances, taken before Express (front-door.ts): only
  // the canonical spelling of each path; any other spelling Express matches still reaches the same
  // handler through Express.
  const BID_PATH = /^\/api\/v1\/auctions\/([^/]+)\/bids$/;
  const routes: FrontRoute[] = [
    {
      method: "POST",
      samplePath: "/api/v1/auctions/lot/bids",
      match: (pathname, req) => {
        const id = BID_PATH.exec(pathname)?.[1];
        return id !== undefined && takesTokenBid(id, req.headers.authorization) ? { id } : null;
      },
      handler: bidRoute,
    },
    ...listRoutes.map(({ kind, handler }) => ({
      method: "GET" as const,
      samplePath: `/api/v1/${kind}`,
      match: (pathname: string) => (pathname === `/api/v1/${kind}` ? {} : null),
      handler,
    })),
  ];
  const listener = createFrontDoor({
    app,
    outer: [compress],
    securityHeaders,
    // in development Vite's middleware runs in front of every route (its CORS headers among them)
    before: [
      ...(requestLog ? [requestLog] : []),
      apiLimiter,
      limits,
      ...(options.vite ? [options.vite.middlewares as unknown as express.RequestHandler] : []),
    ],
    routes,
    errorHandler: onError,
  });
  return { app, listener, serverOptions };
}
