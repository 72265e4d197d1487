// The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the routes each domain
// declares next to its schemas (app/<domain>/api-routes.ts). A new endpoint adds its descriptor to
// its domain's list; tests/api/openapi.test.ts fails for an API route file missing here, and the
// API tests check every response against the schema documented for its status.
import { z } from "zod";
import { auctionApiRoutes } from "../../auctions/api-routes.ts";
import { brokerApiRoutes } from "../../brokers/api-routes.ts";
import { contractApiRoutes } from "../../contracts/api-routes.ts";
import { eventApiRoutes } from "../../events/api-routes.ts";
import { listingApiRoutes } from "../../listings/api-routes.ts";
import { organizationApiRoutes } from "../../organizations/api-routes.ts";
import { paymentApiRoutes } from "../../payments/api-routes.ts";
import { subcentreApiRoutes } from "../../subcentres/api-routes.ts";
import { subsidyApiRoutes } from "../../subsidies/api-routes.ts";
import { findRoute, generateDocument, type OpenApiDocument } from "./generate.ts";
import { ok, type ApiRoute } from "./spec.ts";

const metaRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/health",
    operationId: "health",
    tags: ["Meta"],
    summary: "Readiness: the database answers (503 when not); search and mail reported separately",
    auth: "public",
    responses: {
      200: ok(
        z.object({
          status: z.enum(["ok", "degraded"]).describe("degraded: search or mail is (the app still serves)"),
          database: z.object({ status: z.literal("ok"), latencyMs: z.number().int() }).partial(),
          search: z
            .object({ status: z.enum(["ok", "degraded", "unknown"]), engine: z.string() })
            .partial()
            .loose()
            .describe(
              "engine postgres|meilisearch; Meilisearch reachability and outbox backlog; memoryIndex {state ready|building, documents} with SEARCH_MEMORY_INDEX=1",
            ),
          mail: z
            .object({
              status: z.enum(["ok", "degraded", "unknown"]),
              pending: z.number().int(),
              failedLastDay: z.number().int(),
            })
            .partial()
            .loose()
            .describe("outbox backlog and failed deliveries"),
        }),
      ),
      503: {
        description: "The database does not answer",
        schema: z.object({ status: z.literal("down"), database: z.object({}).loose() }).loose(),
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "openapi",
    tags: ["Meta"],
    summary: "This document",
    auth: "public",
    responses: { 200: ok(z.object({ openapi: z.literal("3.1.0") }).loose()) },
  },
];

/** Every documented /api/v1 endpoint. */
export const apiRoutes: ApiRoute[] = [
  ...metaRoutes,
  ...listingApiRoutes,
  ...organizationApiRoutes,
  ...eventApiRoutes,
  ...contractApiRoutes,
  ...paymentApiRoutes,
  ...brokerApiRoutes,
  ...auctionApiRoutes,
  ...subcentreApiRoutes,
  ...subsidyApiRoutes,
];

/** The declared route for a request, or undefined. */
export function routeFor(method: string, pathname: string) {
  return findRoute(apiRoutes, method, pathname);
}

let built: OpenApiDocument | undefined;

/** Built once, on first use. */
export function openApiDocument(): OpenApiDocument {
  built ??= generateDocument(apiRoutes, {
    info: {
      title: "赣州科技大市场 API / Ganzhou Technology Market API",
      version: "1.0.0",
      description: [
        "JSON under /api/v1. Authenticate with `Authorization: Bearer <token>` (tokens are created on the account page or with `npm run cli -- token:create`); the app's own pages may also use the session cookie.",
        'Errors have one shape: `{"error":{"code","message","fields"}}` with 400 invalid input (fields name each bad field; a body field the endpoint does not know is refused and named too), 401 no or bad token, 403 not allowed, 404 not found (also for other organizations\' unpublished listings), 405 wrong method, 409 conflicting state, 413 body over 1 MB, 429 rate-limited.',
        "Money is always integer fen (分); null means 面议 (negotiable). Dates are ISO 8601; calendar days are YYYY-MM-DD; statistics use the Asia/Shanghai calendar.",
      ].join("\n\n"),
    },
    tags: [
      { name: "Meta", description: "Health and this document" },
      { name: "Results", description: "科技成果" },
      { name: "Needs", description: "技术需求" },
      { name: "Review", description: "The bureau's review of listings and contracts" },
      { name: "Organizations", description: "机构" },
      { name: "Events", description: "对接会与路演: matchmaking fairs and roadshows" },
      { name: "Brokers", description: "技术经纪人与线索备案: broker profiles, the directory, leads and attribution" },
      {
        name: "Trading",
        description: "网络竞价、挂牌、协议定价公示: lots, deposits, bids, objections, the working-day calendar",
      },
      { name: "Payments", description: "收付款: contract settlement, Stripe webhooks, paid-on-platform statistics" },
      { name: "Search", description: "Search suggestions" },
      { name: "Matching", description: "Need ↔ result matches with reasons" },
      { name: "Offers", description: "报价与方案: offers on results, proposals on needs, and their negotiation" },
      { name: "Contracts", description: "技术合同: entry, registration (认定登记), amendment, import, exports" },
      { name: "Statistics", description: "技术合同成交额: the dashboard's figures and targets" },
      { name: "Audit", description: "The hash-chained audit trail" },
      { name: "Anomalies", description: "Flags for the bureau's review" },
      {
        name: "Subsidies",
        description: "奖补: programmes, eligibility per contract, applications, decisions, disbursement",
      },
    ],
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", description: "An API token (gztm_…), shown once when created" },
      session: {
        type: "apiKey",
        in: "cookie",
        name: "gz_session",
        description:
          "The signed-in app's session. A POST/PUT/PATCH/DELETE made with it must carry a same-origin `Origin` (or " +
          "`Sec-Fetch-Site: same-origin`) — else 403 `cross_site_request` — and `Content-Type: application/json` — else 415 " +
          "`unsupported_media_type`. Bearer-token calls are not subject to this.",
      },
    },
  });
  return built;
}
