// The OpenAPI 3.1 document served at /api/v1/openapi.json: every /api/v1 endpoint of the
// foundation (issue #2), search and matching (issue #3) and contracts (issue #4, described in
// app/contracts/openapi.ts and merged here). tests/api/openapi.test.ts checks that each API
// route file has its path here and that every $ref resolves.
import { brokersOpenApi } from "../brokers/openapi.ts";
import { subcentresOpenApi } from "../subcentres/openapi.ts";
import { contractsOpenApi } from "../contracts/openapi.ts";
import { eventsOpenApi } from "../events/openapi.ts";
import { paymentsOpenApi } from "../payments/openapi.ts";
import { FIELDS, LISTING_STATUSES, MATURITIES, ORG_KINDS, TRANSFER_MODES } from "../domain/catalog.ts";
import { MAX_FEN } from "../domain/money.ts";
import { REGIONS, ZONES } from "../domain/regions.ts";
import { LIMITS } from "../listings/schemas.ts";
import { ORG_LIMITS } from "../organizations/schemas.ts";
import { MAX_PAGE_SIZE } from "../listings/query.ts";

// ------------------------------------------------------------------ a small typed model of 3.1

export type SchemaObject = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: readonly unknown[];
  const?: unknown;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  description?: string;
  example?: unknown;
  default?: unknown;
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  [extension: string]: unknown;
};
export type Parameter = { name: string; in: "query" | "path" | "header"; required?: boolean; description?: string; schema: SchemaObject; style?: string; explode?: boolean };
export type Response = { description: string; content?: Record<string, { schema: SchemaObject }>; headers?: Record<string, unknown> } | { $ref: string };
export type Operation = {
  operationId?: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, Response>;
  security?: Array<Record<string, string[]>>;
};
export type PathItem = Partial<Record<"get" | "post" | "patch" | "put" | "delete", Operation>>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string; description?: string }>;
  tags: Array<{ name: string; description: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<string, unknown>;
  };
};

// ------------------------------------------------------------------ helpers

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: SchemaObject, description = "OK"): Response => ({ description, content: { "application/json": { schema } } });
const body = (schema: SchemaObject) => ({ required: true, content: { "application/json": { schema } } });
const r = (name: string): Response => ({ $ref: `#/components/responses/${name}` });
const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, type: [schema.type as string, "null"] });
const str = (maxLength?: number, description?: string): SchemaObject => ({ type: "string", ...(maxLength ? { maxLength } : {}), ...(description ? { description } : {}) });
const enumOf = (values: readonly string[], description?: string): SchemaObject => ({ type: "string", enum: values, ...(description ? { description } : {}) });
const fen = (description: string): SchemaObject => ({
  type: ["integer", "null"],
  minimum: 0,
  maximum: MAX_FEN,
  description: `${description}: integer fen (分, 1 元 = 100 分); null means 面议 (negotiable). Strings such as "100万" and fractions are refused.`,
});
const dateTime: SchemaObject = { type: "string", format: "date-time" };
const q = (name: string, schema: SchemaObject, description?: string): Parameter => ({ name, in: "query", required: false, schema, ...(description ? { description } : {}) });
const idPath: Parameter = { name: "id", in: "path", required: true, schema: { type: "string" } };

const readErrors = { "400": r("BadRequest"), "401": r("Unauthorized") };
const writeErrors = {
  "400": r("BadRequest"),
  "401": r("Unauthorized"),
  "403": r("Forbidden"),
  "404": r("NotFound"),
  "409": r("Conflict"),
  "413": r("TooLarge"),
  "429": r("RateLimited"),
};

const keywords: SchemaObject = {
  type: "array",
  maxItems: LIMITS.keywordCount,
  items: { type: "string", maxLength: LIMITS.keywordLength },
  description: `At most ${LIMITS.keywordCount} keywords of at most ${LIMITS.keywordLength} characters; duplicates are dropped.`,
};
const contactInput: SchemaObject = {
  type: "object",
  additionalProperties: false,
  properties: {
    name: str(LIMITS.contactName),
    phone: { type: "string", maxLength: LIMITS.contactPhone, pattern: "^[0-9+\\-() ]{5,30}$|^$" },
    email: { type: "string", maxLength: LIMITS.contactEmail, format: "email" },
  },
};
const organizationRef: SchemaObject = {
  type: "object",
  required: ["id", "name", "regionCode"],
  properties: { id: str(), name: str(), regionCode: { type: "string", pattern: "^\\d{6}$" }, kind: enumOf(ORG_KINDS) },
};
const textNote = "Text is stored as typed; HTML or script is kept as text and always rendered escaped.";

// ------------------------------------------------------------------ listings

function listingPaths(kind: "result" | "need") {
  const Name = kind === "result" ? "Result" : "Need";
  const plural = `${kind}s`;
  const tag = kind === "result" ? "Results" : "Needs";
  const creators = kind === "result" ? "researcher, broker, admin" : "company, broker, admin";
  const listParams: Array<Parameter | { $ref: string }> = [
    q("q", { type: "string" }, "Keywords (any length, Chinese or Latin). With q, items are ranked by relevance and carry `highlight`. Longer than 200 characters is cut."),
    q("field", { type: "string" }, `Comma-separated or repeated: ${FIELDS.join(", ")}`),
    ...(kind === "result" ? [q("maturity", { type: "string" }, `Comma-separated or repeated: ${MATURITIES.join(", ")}`)] : []),
    q("regionCode", { type: "string" }, "Organization region: six-digit GB/T 2260 codes (comma-separated), or `ganzhou` / `bay_area` for the groups"),
    q("transferMode", { type: "string" }, `${kind === "result" ? "Transfer modes" : "Cooperation mode"}: ${TRANSFER_MODES.join(", ")}`),
    q("orgKind", { type: "string" }, ORG_KINDS.join(", ")),
    q("priceMinFen", { type: "integer", minimum: 0 }, `${kind === "result" ? "Price" : "Budget"} at least (fen)`),
    q("priceMaxFen", { type: "integer", minimum: 0 }, `${kind === "result" ? "Price" : "Budget"} at most (fen)`),
    q("sort", enumOf(["relevance", "newest", "price_asc", "price_desc"]), "Default: relevance with q, otherwise newest"),
    q("organizationId", { type: "string" }),
    q("mine", enumOf(["1", "true"]), "The caller's organization's listings in every status (authentication required)"),
    q("status", { type: "string" }, `Comma-separated: ${LISTING_STATUSES.join(", ")}. Other than published: the caller's own organization, or any organization for bureau/admin (e.g. status=pending_review).`),
    p("page"),
    p("pageSize"),
  ];
  const paths: Record<string, PathItem> = {
    [`/api/v1/${plural}`]: {
      get: {
        operationId: `list${Name}s`,
        tags: [tag],
        summary: `Search and list ${plural}`,
        description: "Published only, unless the caller owns (`mine=1`, or `status=` for their organization's listings) or reviews (bureau/admin). Invalid filter values are a 400 naming the parameter; a page beyond the end is empty.",
        security: [{}, { bearerAuth: [] }],
        parameters: listParams,
        responses: { "200": json(ref(`${Name}Page`)), ...readErrors, "403": r("Forbidden"), "429": r("RateLimited") },
      },
      post: {
        operationId: `create${Name}`,
        tags: [tag],
        summary: `Create a ${kind} (${creators})`,
        description: `Created as a draft of the caller's organization; with \`"submit": true\` it goes straight to review (pending_review), which needs a verified organization (403 \`organization_unverified\` otherwise, and nothing is written). ${textNote}`,
        requestBody: body(ref(`${Name}Input`)),
        responses: { "201": json(ref(Name), "Created"), ...writeErrors },
      },
    },
    [`/api/v1/${plural}/{id}`]: {
      get: {
        operationId: `get${Name}`,
        tags: [tag],
        summary: `One ${kind}`,
        description: "Published listings are public; others only for members of the owning organization and reviewers (404 for everyone else).",
        security: [{}, { bearerAuth: [] }],
        parameters: [idPath],
        responses: { "200": json(ref(Name)), "401": r("Unauthorized"), "404": r("NotFound") },
      },
      patch: {
        operationId: `update${Name}`,
        tags: [tag],
        summary: `Edit a ${kind} (owning organization, admin)`,
        description: "Any subset of the fields. Editing a published listing sends it back to review (pending_review). `\"submit\": true` also sends a draft, rejected or withdrawn listing to review. Another organization's draft is a 404; a published listing of another organization is a 403.",
        parameters: [idPath],
        requestBody: body(ref(`${Name}Patch`)),
        responses: { "200": json(ref(Name)), ...writeErrors },
      },
    },
    [`/api/v1/${plural}/{id}/review`]: {
      post: {
        operationId: `review${Name}`,
        tags: [tag, "Review"],
        summary: `Approve or reject a ${kind} waiting for review (bureau, admin)`,
        description: "Only from pending_review (409 otherwise). Rejecting needs a reason, which the submitter sees. The submitter is notified in the app and by mail.",
        parameters: [idPath],
        requestBody: body(ref("ReviewInput")),
        responses: { "200": json(ref(Name)), ...writeErrors },
      },
    },
    [`/api/v1/${plural}/{id}/submit`]: {
      post: {
        operationId: `submit${Name}`,
        tags: [tag],
        summary: `Send a draft, rejected or withdrawn ${kind} to review (owning organization, admin)`,
        description: "Needs a verified organization (403 `organization_unverified`). 409 from pending_review or published.",
        parameters: [idPath],
        responses: { "200": json(ref(Name)), ...writeErrors },
      },
    },
    [`/api/v1/${plural}/{id}/withdraw`]: {
      post: {
        operationId: `withdraw${Name}`,
        tags: [tag],
        summary: `Withdraw a ${kind} (owning organization, admin)`,
        description: "From pending_review, published or rejected (409 otherwise). A withdrawn listing is hidden and can be edited and resubmitted.",
        parameters: [idPath],
        requestBody: { required: false, content: { "application/json": { schema: ref("WithdrawInput") } } },
        responses: { "200": json(ref(Name)), ...writeErrors },
      },
    },
    [`/api/v1/${plural}/{id}/matches`]: {
      get: {
        operationId: `${kind}Matches`,
        tags: ["Matching"],
        summary: kind === "need" ? "Published results that could solve this need" : "Published needs this result could answer",
        description: "Each match has a score and its reasons (shared terms and concepts from the domain thesaurus).",
        security: [{}, { bearerAuth: [] }],
        parameters: [idPath, q("limit", { type: "integer", minimum: 1, maximum: 50, default: 10 })],
        responses: {
          "200": json({
            type: "object",
            required: ["items"],
            properties: { items: { type: "array", items: ref(kind === "need" ? "ResultMatch" : "NeedMatch") } },
          }),
          ...readErrors,
          "404": r("NotFound"),
        },
      },
    },
  };
  return paths;
}

// ------------------------------------------------------------------ schemas

const listingStatus = enumOf(LISTING_STATUSES, "draft → pending_review → published | rejected (with a reason) → withdrawn");
const highlight: SchemaObject = {
  type: "object",
  description: "Only with `q`: HTML-escaped text with the matched terms in <mark>…</mark>.",
  properties: { title: str(), snippet: str() },
};

const schemas: Record<string, SchemaObject> = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: {
            type: "string",
            description: "invalid_input, unauthorized, forbidden, organization_unverified, not_found, conflict, invalid_state, duplicate, payload_too_large, rate_limited, method_not_allowed, internal",
          },
          message: { type: "string", description: "Chinese first, then \" / \" and English" },
          fields: { type: "object", additionalProperties: { type: "string" }, description: "For 400: each bad field (dotted path; `_` for the body) and what is wrong" },
        },
      },
    },
    example: { error: { code: "invalid_input", message: "输入无效：priceFen — 价格应为整数… / priceFen must be…", fields: { priceFen: "…" } } },
  },
  OrganizationRef: organizationRef,
  Contact: { type: "object", properties: { name: str(), phone: str(), email: str() } },
  Result: {
    type: "object",
    required: ["id", "title", "summary", "keywords", "field", "maturity", "transferModes", "priceFen", "status", "organization", "createdAt", "updatedAt"],
    properties: {
      id: str(),
      title: str(LIMITS.title),
      summary: str(LIMITS.summary),
      keywords: { type: "array", items: str() },
      field: enumOf(FIELDS),
      maturity: enumOf(MATURITIES),
      transferModes: { type: "array", items: enumOf(TRANSFER_MODES) },
      priceFen: fen("Price"),
      ipDescription: str(),
      patentNumbers: { type: "array", items: str() },
      contact: ref("Contact"),
      status: listingStatus,
      rejectionReason: nullable(str()),
      organization: ref("OrganizationRef"),
      publishedAt: nullable(dateTime),
      createdAt: dateTime,
      updatedAt: dateTime,
      highlight,
    },
  },
  ResultInput: {
    type: "object",
    additionalProperties: false,
    required: ["title", "summary", "field", "maturity", "transferModes"],
    properties: {
      title: { type: "string", minLength: 1, maxLength: LIMITS.title, description: "One line" },
      summary: { type: "string", minLength: 1, maxLength: LIMITS.summary },
      keywords,
      field: enumOf(FIELDS),
      maturity: enumOf(MATURITIES),
      transferModes: { type: "array", minItems: 1, items: enumOf(TRANSFER_MODES) },
      priceFen: fen("Price"),
      ipDescription: str(LIMITS.ipDescription),
      patentNumbers: { type: "array", maxItems: LIMITS.patentCount, items: { type: "string", maxLength: LIMITS.patentLength, pattern: "^[A-Za-z0-9.\\-/ ]+$" }, example: ["ZL202110123456.7"] },
      contact: contactInput,
      organizationId: { type: "string", description: "Admins only: create for another organization" },
      submit: { type: "boolean", description: "true: send to review at once" },
    },
    example: {
      title: "晶界扩散重稀土提高烧结钕铁硼矫顽力技术",
      summary: "采用晶界扩散工艺……",
      keywords: ["钕铁硼", "NdFeB"],
      field: "rare_earth",
      maturity: "small_batch",
      transferModes: ["license", "joint_development"],
      priceFen: 300000000,
      submit: true,
    },
  },
  ResultPatch: { type: "object", additionalProperties: false, description: "Any subset of ResultInput (without organizationId)." }, // properties filled below
  ResultPage: {
    type: "object",
    required: ["items", "total", "page", "pageSize"],
    properties: {
      items: { type: "array", items: ref("Result") },
      total: { type: "integer" },
      totalExact: { type: "boolean", description: "false when a query text has more than 10,000 hits: total is then an estimate" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
    },
  },
  Need: {
    type: "object",
    required: ["id", "title", "description", "field", "budgetFen", "deadline", "status", "organization", "createdAt", "updatedAt"],
    properties: {
      id: str(),
      title: str(LIMITS.title),
      description: str(LIMITS.description),
      targetIndicators: str(LIMITS.targetIndicators),
      keywords: { type: "array", items: str() },
      field: enumOf(FIELDS),
      budgetFen: fen("Budget"),
      deadline: { type: ["string", "null"], format: "date", example: "2026-12-31" },
      cooperationMode: { type: ["string", "null"], enum: [...TRANSFER_MODES, null] },
      contact: ref("Contact"),
      status: listingStatus,
      rejectionReason: nullable(str()),
      organization: ref("OrganizationRef"),
      publishedAt: nullable(dateTime),
      createdAt: dateTime,
      updatedAt: dateTime,
      highlight,
    },
  },
  NeedInput: {
    type: "object",
    additionalProperties: false,
    required: ["title", "description", "field"],
    properties: {
      title: { type: "string", minLength: 1, maxLength: LIMITS.title },
      description: { type: "string", minLength: 1, maxLength: LIMITS.description, description: "The problem in the company's own words" },
      targetIndicators: str(LIMITS.targetIndicators),
      keywords,
      field: enumOf(FIELDS),
      budgetFen: fen("Budget"),
      deadline: { type: ["string", "null"], format: "date", description: "YYYY-MM-DD, a real calendar day" },
      cooperationMode: { type: ["string", "null"], enum: [...TRANSFER_MODES, null] },
      contact: contactInput,
      organizationId: { type: "string", description: "Admins only" },
      submit: { type: "boolean" },
    },
    example: { title: "电机磁钢高温后磁力变弱", description: "电机在 150℃ 运行半小时后磁力明显下降……", field: "rare_earth", budgetFen: 100000000, deadline: "2026-12-31", cooperationMode: "joint_development" },
  },
  NeedPatch: { type: "object", additionalProperties: false, description: "Any subset of NeedInput (without organizationId)." }, // properties filled below
  NeedPage: {
    type: "object",
    required: ["items", "total", "page", "pageSize"],
    properties: {
      items: { type: "array", items: ref("Need") },
      total: { type: "integer" },
      totalExact: { type: "boolean", description: "false when a query text has more than 10,000 hits: total is then an estimate" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
    },
  },
  ReviewInput: {
    type: "object",
    additionalProperties: false,
    required: ["decision"],
    properties: {
      decision: enumOf(["approve", "reject"]),
      reason: { type: "string", maxLength: LIMITS.reason, description: "Required to reject" },
    },
  },
  WithdrawInput: { type: "object", additionalProperties: false, properties: { reason: str(LIMITS.reason) } },
  ResultMatch: {
    type: "object",
    required: ["result", "score", "reasons"],
    properties: { result: ref("Result"), score: { type: "number" }, reasons: { type: "array", items: str() } },
  },
  NeedMatch: {
    type: "object",
    required: ["need", "score", "reasons"],
    properties: { need: ref("Need"), score: { type: "number" }, reasons: { type: "array", items: str() } },
  },
  Organization: {
    type: "object",
    required: ["id", "name", "kind", "creditCode", "regionCode", "verified"],
    properties: {
      id: str(),
      name: str(ORG_LIMITS.name),
      kind: enumOf(ORG_KINDS),
      creditCode: { type: "string", pattern: "^[0-9A-HJ-NPQRTUWXY]{18}$", description: "统一社会信用代码 (GB 32100)" },
      regionCode: { type: "string", enum: Object.keys(REGIONS), description: "GB/T 2260" },
      zone: { type: ["string", "null"], enum: [...ZONES, null] },
      description: str(),
      website: nullable(str()),
      verified: { type: "boolean" },
      verifiedAt: nullable(dateTime),
      createdAt: dateTime,
      updatedAt: dateTime,
      publishedResults: { type: "integer", description: "In lists and profiles" },
      publishedNeeds: { type: "integer", description: "In lists and profiles" },
    },
  },
  OrganizationInput: {
    type: "object",
    additionalProperties: false,
    required: ["name", "kind", "creditCode", "regionCode"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: ORG_LIMITS.name },
      kind: enumOf(ORG_KINDS),
      creditCode: {
        type: "string",
        description: "18 characters from 0-9 A-H J-N P-R T U W-Y; both the GB 32100 check character and the embedded GB 11714 organization-code check are verified. Lower case is accepted.",
        example: "91350100M000100Y43",
      },
      regionCode: { type: "string", enum: Object.keys(REGIONS), description: "Ganzhou's 18 county-level codes, Greater Bay Area cities, or a province" },
      zone: { type: ["string", "null"], enum: [...ZONES, null], description: "Ganzhou functional zone; only for organizations in Ganzhou" },
      description: str(ORG_LIMITS.description),
      website: { type: "string", maxLength: ORG_LIMITS.website, pattern: "^https?://" },
    },
  },
  OrganizationProfile: {
    allOf: [
      ref("Organization"),
      {
        type: "object",
        properties: {
          results: { type: "array", description: "The latest published results", items: { type: "object", properties: { id: str(), title: str(), field: str(), maturity: str(), priceFen: fen("Price"), publishedAt: nullable(dateTime) } } },
          needs: { type: "array", description: "The latest published needs", items: { type: "object", properties: { id: str(), title: str(), field: str(), budgetFen: fen("Budget"), deadline: nullable({ type: "string", format: "date" }), publishedAt: nullable(dateTime) } } },
        },
      },
    ],
  },
  ...(contractsOpenApi.schemas as Record<string, SchemaObject>),
  ...(eventsOpenApi.schemas as Record<string, SchemaObject>),
  ...(paymentsOpenApi.schemas as Record<string, SchemaObject>),
  ...(brokersOpenApi.schemas as Record<string, SchemaObject>),
  ...(subcentresOpenApi.schemas as Record<string, SchemaObject>),
};

// PATCH bodies: the input's properties, none required, no organizationId.
for (const [patch, input] of [["ResultPatch", "ResultInput"], ["NeedPatch", "NeedInput"]] as const) {
  const { organizationId: _unused, ...properties } = schemas[input]!.properties!;
  schemas[patch] = { ...schemas[patch], properties };
}

// ------------------------------------------------------------------ the document

const errorResponse = (description: string): Response => json(ref("Error"), description);

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "赣州科技大市场 API / Ganzhou Technology Market API",
    version: "1.0.0",
    description: [
      "JSON under /api/v1. Authenticate with `Authorization: Bearer <token>` (tokens are created on the account page or with `npm run cli -- token:create`); the app's own pages may also use the session cookie.",
      "Errors have one shape: `{\"error\":{\"code\",\"message\",\"fields\"}}` with 400 invalid input (fields name each bad field), 401 no or bad token, 403 not allowed, 404 not found (also for other organizations' unpublished listings), 409 conflicting state, 413 body over 1 MB, 429 rate-limited.",
      "Money is always integer fen (分); null means 面议 (negotiable). Dates are ISO 8601; calendar days are YYYY-MM-DD; statistics use the Asia/Shanghai calendar.",
    ].join("\n\n"),
  },
  servers: [{ url: "/", description: "This installation" }],
  tags: [
    { name: "Meta", description: "Health and this document" },
    { name: "Results", description: "科技成果" },
    { name: "Needs", description: "技术需求" },
    { name: "Review", description: "The bureau's review of listings" },
    { name: "Organizations", description: "机构" },
    { name: "Events", description: "对接会与路演: matchmaking fairs and roadshows" },
    { name: "Payments", description: "收付款: contract settlement, Stripe webhooks, paid-on-platform statistics" },
    { name: "Search", description: "Search suggestions" },
    { name: "Matching", description: "Need ↔ result matches with reasons" },
  ],
  security: [{ bearerAuth: [] }],
  paths: {
    "/api/v1/health": {
      get: {
        operationId: "health",
        tags: ["Meta"],
        summary: "Readiness: the database answers (503 when not); search and mail reported separately",
        security: [{}],
        responses: {
          "200": json({
            type: "object",
            required: ["status", "database", "search", "mail"],
            properties: {
              status: { enum: ["ok", "degraded"], description: "degraded: search or mail is (the app still serves)" },
              database: { type: "object", properties: { status: { const: "ok" }, latencyMs: { type: "integer" } } },
              search: { type: "object", description: "engine postgres|meilisearch; Meilisearch reachability and outbox backlog", properties: { status: { enum: ["ok", "degraded", "unknown"] }, engine: { type: "string" } } },
              mail: { type: "object", description: "outbox backlog and failed deliveries", properties: { status: { enum: ["ok", "degraded", "unknown"] }, pending: { type: "integer" }, failedLastDay: { type: "integer" } } },
            },
          }),
          "503": json({ type: "object", required: ["status", "database"], properties: { status: { const: "down" }, database: { type: "object" } } }),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: { operationId: "openapi", tags: ["Meta"], summary: "This document", security: [{}], responses: { "200": json({ type: "object" }) } },
    },
    ...listingPaths("result"),
    ...listingPaths("need"),
    "/api/v1/organizations": {
      get: {
        operationId: "searchOrganizations",
        tags: ["Organizations"],
        summary: "Search organizations by name",
        description: "Verified organizations first, then by name.",
        security: [{}, { bearerAuth: [] }],
        parameters: [
          q("q", { type: "string" }, "Part of the name"),
          q("kind", enumOf(ORG_KINDS)),
          q("regionCode", { type: "string" }, "A six-digit code, `ganzhou` or `bay_area`"),
          q("verified", enumOf(["true", "false", "1", "0"])),
          p("page"),
          p("pageSize"),
        ],
        responses: {
          "200": json({
            type: "object",
            required: ["items"],
            properties: { items: { type: "array", items: ref("Organization") }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } },
          }),
          ...readErrors,
        },
      },
      post: {
        operationId: "createOrganization",
        tags: ["Organizations"],
        summary: "Create an organization (bureau, admin); created by staff, so verified",
        description: "A credit code already registered is a 409 (`duplicate`, with `fields.creditCode`).",
        requestBody: body(ref("OrganizationInput")),
        responses: { "201": json(ref("Organization"), "Created"), ...writeErrors },
      },
    },
    "/api/v1/organizations/{id}": {
      get: {
        operationId: "getOrganization",
        tags: ["Organizations"],
        summary: "The public profile, with counts and the latest published listings",
        security: [{}, { bearerAuth: [] }],
        parameters: [idPath],
        responses: { "200": json(ref("OrganizationProfile")), "401": r("Unauthorized"), "404": r("NotFound") },
      },
      patch: {
        operationId: "updateOrganizationProfile",
        tags: ["Organizations"],
        summary: "Edit the description and website (its members, admin)",
        description:
          "A field left out is kept; `\"\"` clears it. Name, kind, credit code and region were verified by the bureau and cannot be changed here (an unknown field is a 400). Others get a 403.",
        parameters: [idPath],
        requestBody: body({
          type: "object",
          additionalProperties: false,
          properties: { description: { type: "string", maxLength: 2000 }, website: { type: "string", description: "http:// or https://, or empty" } },
        }),
        responses: { "200": json(ref("Organization")), ...writeErrors },
      },
    },
    "/api/v1/memberships": {
      get: {
        operationId: "listMembershipRequests",
        tags: ["Organizations"],
        summary: "Pending requests to join an organization that the caller may decide",
        description: "Signups naming an existing organization wait here. Members see their organization's; bureau and admin staff see all.",
        responses: {
          "200": json({
            type: "object",
            required: ["items"],
            properties: {
              items: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    createdAt: { type: "string", format: "date-time" },
                    user: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, role: { type: "string" } } },
                    organization: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
                  },
                },
              },
            },
          }),
          "401": r("Unauthorized"),
        },
      },
    },
    "/api/v1/memberships/{id}/{decision}": {
      post: {
        operationId: "decideMembershipRequest",
        tags: ["Organizations"],
        summary: "Approve (the user joins) or reject a request to join an organization (its members, bureau, admin)",
        description: "A request of another organization, or one already decided, is a 404.",
        parameters: [idPath, { name: "decision", in: "path", required: true, schema: enumOf(["approve", "reject"]) }],
        responses: {
          "200": json({
            type: "object",
            properties: {
              id: { type: "string" },
              decision: enumOf(["approve", "reject"]),
              user: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, organizationId: { type: ["string", "null"] } } },
              organization: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
            },
          }),
          "401": r("Unauthorized"),
          "404": r("NotFound"),
        },
      },
    },
    "/api/v1/organizations/{id}/verify": {
      post: {
        operationId: "verifyOrganization",
        tags: ["Organizations", "Review"],
        summary: "Verify a self-registered organization (bureau, admin)",
        description: "Its members can then submit and publish. Already verified is a 409.",
        parameters: [idPath],
        responses: { "200": json(ref("Organization")), ...writeErrors },
      },
    },
    "/api/v1/search/suggest": {
      get: {
        operationId: "suggest",
        tags: ["Search"],
        summary: "Search-as-you-type suggestions",
        security: [{}, { bearerAuth: [] }],
        parameters: [q("q", { type: "string", maxLength: 100 }, "Empty gives no suggestions; over 100 characters is a 400"), q("limit", { type: "integer", minimum: 1, maximum: 20, default: 8 })],
        responses: {
          "200": json({
            type: "object",
            required: ["items"],
            properties: {
              items: {
                type: "array",
                items: {
                  type: "object",
                  required: ["text", "kind"],
                  properties: { text: str(), kind: enumOf(["result", "need", "term"], "a listing title, or a thesaurus term"), id: { type: "string", description: "the listing, for titles" } },
                },
              },
            },
          }),
          ...readErrors,
        },
      },
    },
    ...(contractsOpenApi.paths as Record<string, PathItem>),
    ...(eventsOpenApi.paths as Record<string, PathItem>),
    ...(paymentsOpenApi.paths as Record<string, PathItem>),
    ...(brokersOpenApi.paths as Record<string, PathItem>),
    ...(subcentresOpenApi.paths as Record<string, PathItem>),
  },
  components: {
    schemas,
    parameters: {
      page: { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
      pageSize: {
        name: "pageSize",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 },
        description: `At most ${MAX_PAGE_SIZE}; more is a 400 naming pageSize`,
      },
    },
    responses: {
      BadRequest: errorResponse("Invalid input; `fields` names each bad field"),
      Unauthorized: errorResponse("No or bad bearer token"),
      Forbidden: errorResponse("Not allowed for this role or organization (e.g. `organization_unverified`)"),
      NotFound: errorResponse("Not found, or not visible to the caller"),
      Conflict: errorResponse("Not allowed from the current state, or a duplicate"),
      TooLarge: errorResponse("Body over 1 MB"),
      RateLimited: errorResponse("Too many requests"),
    },
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
  },
};
