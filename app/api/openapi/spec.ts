// How a domain describes its /api/v1 endpoints for the OpenAPI document: routes as data next to
// their zod schemas (app/<domain>/api-routes.ts), the same schemas the handlers parse with, so
// the document cannot drift from what the code accepts. app/api/openapi/generate.ts turns them
// into the document; tests/api-contract.ts checks live responses against `responses`.
// Why generated, and the conventions: docs/decisions/0011-openapi-generation.md.
import { z } from "zod";
import { MAX_FEN } from "../../domain/money.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The shared error responses (components.responses), all with the Error body. */
export const SHARED_RESPONSES = {
  BadRequest: { status: 400, description: "Invalid input; `fields` names each bad field (an unknown body field too)" },
  Unauthorized: { status: 401, description: "No or bad bearer token" },
  Forbidden: { status: 403, description: "Not allowed for this role or organization (e.g. `organization_unverified`)" },
  NotFound: { status: 404, description: "Not found, or not visible to the caller" },
  MethodNotAllowed: { status: 405, description: "This endpoint does not take this method" },
  Conflict: { status: 409, description: "Not allowed from the current state, or a duplicate" },
  TooLarge: {
    status: 413,
    description: "Body over the route's limit (1 MB; contract import 20 MB), refused while it streams",
  },
  UnsupportedMediaType: { status: 415, description: "A cookie-authenticated change not sent as application/json" },
  RateLimited: { status: 429, description: "Too many requests" },
} as const;
export type SharedResponse = keyof typeof SHARED_RESPONSES;

export type ResponseSpec = {
  description: string;
  /** the JSON body; none for non-JSON bodies (CSV, XLSX) */
  schema?: z.ZodType;
  /** for non-JSON bodies */
  contentType?: string;
};

export type ApiRoute = {
  method: HttpMethod;
  /** OpenAPI path: /api/v1/results/{id} */
  path: string;
  operationId?: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * "public": callable without a token (a token or session still identifies the caller);
   * "none": not by users at all (e.g. a signed webhook); default: a token or the session
   */
  auth?: "public" | "token" | "none";
  request?: {
    /** path parameters; those not given are plain strings */
    params?: z.ZodObject;
    query?: z.ZodObject;
    headers?: z.ZodObject;
    body?: z.ZodType;
    /** the body may be left out (e.g. withdraw's optional reason) */
    bodyOptional?: boolean;
    /** the body's media type when it is not JSON (e.g. multipart/form-data for uploads) */
    bodyContentType?: string;
  };
  responses: Record<number, ResponseSpec | SharedResponse>;
};

/** A JSON response. */
export const ok = (schema: z.ZodType, description = "OK"): ResponseSpec => ({ description, schema });
/** An error response with its own description (the body is always Error). */
export const failure = (description: string): ResponseSpec => ({ description, schema: ErrorSchema });

// the usual error sets
export const readErrors = { 400: "BadRequest", 401: "Unauthorized" } as const satisfies Record<number, SharedResponse>;
export const authErrors = { 401: "Unauthorized", 403: "Forbidden", 404: "NotFound" } as const satisfies Record<
  number,
  SharedResponse
>;
export const writeErrors = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  413: "TooLarge",
  415: "UnsupportedMediaType",
  429: "RateLimited",
} as const satisfies Record<number, SharedResponse>;

// ---------------------------------------------------------------- response building blocks

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 8601 instant as the API writes it (checked by the response tests, short in the document). */
export const dateTime = () => z.string().regex(ISO_DATE_TIME).meta({ format: "date-time", pattern: undefined });
/** A calendar day, YYYY-MM-DD. */
export const date = () => z.string().regex(ISO_DATE).meta({ format: "date", pattern: undefined });
/** Integer fen (分) of one amount. */
export const fen = (description = "integer fen (分), at most ¥100亿 per contract") =>
  z.number().int().min(0).max(MAX_FEN).describe(description);
/** An exact sum of fen: may exceed 2^53, so clients should parse it as a big integer. */
export const fenSum = (description = "integer fen (分), an exact sum (may exceed 2^53: parse as a big integer)") =>
  z.number().min(0).refine(Number.isInteger).meta({ type: "integer", description });

/** The body of every error response. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          "invalid_input, unauthorized, forbidden, organization_unverified, not_found, conflict, invalid_state, duplicate, payload_too_large, rate_limited, method_not_allowed, internal (and the endpoints' own, e.g. event_full)",
        ),
      message: z.string().describe('Chinese first, then " / " and English'),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .describe("For 400: each bad field (dotted path; `_` for the body) and what is wrong"),
    }),
  })
  .meta({
    id: "Error",
    example: {
      error: {
        code: "invalid_input",
        message: "输入无效：priceFen — 价格应为整数… / priceFen must be…",
        fields: { priceFen: "…" },
      },
    },
  });
