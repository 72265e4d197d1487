// The response shapes of the listing endpoints (serialize.server.ts writes them) and the list
// query as the OpenAPI document describes it; request bodies are the schemas in schemas.ts.
import { z } from "zod";
import { date, dateTime } from "../api/openapi/spec.ts";
import { FIELDS, LISTING_STATUSES, MATURITIES, ORG_KINDS, TRANSFER_MODES } from "../domain/catalog.ts";
import { MAX_PAGE_SIZE, SORTS } from "./query.ts";
import { MAX_FEN } from "../domain/money.ts";
import { LIMITS } from "./schemas.ts";

const fenOrNegotiable = (what: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(MAX_FEN)
    .nullable()
    .describe(
      `${what}: integer fen (分, 1 元 = 100 分); null means 面议 (negotiable). Strings such as "100万" and fractions are refused.`,
    );

export const OrganizationRef = z
  .object({
    id: z.string(),
    name: z.string(),
    regionCode: z.string().regex(/^\d{6}$/),
    kind: z.enum(ORG_KINDS).optional(),
  })
  .meta({ id: "OrganizationRef" });

export const Contact = z
  .object({ name: z.string(), phone: z.string(), email: z.string() })
  .partial()
  .meta({ id: "Contact" });

const listingStatus = z
  .enum(LISTING_STATUSES)
  .describe("draft → pending_review → published | rejected (with a reason) → withdrawn");
const highlight = z
  .object({ title: z.string(), snippet: z.string() })
  .partial()
  .optional()
  .describe("Only with `q`: HTML-escaped text with the matched terms in <mark>…</mark>.");

export const Result = z
  .object({
    id: z.string(),
    title: z.string().max(LIMITS.title),
    summary: z.string().max(LIMITS.summary),
    keywords: z.array(z.string()),
    field: z.enum(FIELDS),
    maturity: z.enum(MATURITIES),
    transferModes: z.array(z.enum(TRANSFER_MODES)),
    priceFen: fenOrNegotiable("Price"),
    ipDescription: z.string().optional(),
    patentNumbers: z.array(z.string()).optional(),
    contact: Contact.optional(),
    status: listingStatus,
    rejectionReason: z.string().nullable().optional(),
    organization: OrganizationRef,
    publishedAt: dateTime().nullable().optional(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    highlight,
  })
  .meta({ id: "Result" });

export const Need = z
  .object({
    id: z.string(),
    title: z.string().max(LIMITS.title),
    description: z.string().max(LIMITS.description),
    targetIndicators: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    field: z.enum(FIELDS),
    budgetFen: fenOrNegotiable("Budget"),
    deadline: date().nullable(),
    cooperationMode: z.enum(TRANSFER_MODES).nullable().optional(),
    contact: Contact.optional(),
    status: listingStatus,
    subcentreId: z.string().nullable().optional().describe("the sub-centre (分中心) it came through"),
    confirmationStatus: z
      .enum(["awaiting_company_confirmation", "confirmed"])
      .nullable()
      .optional()
      .describe("entered by sub-centre staff for the company: a draft until a member of the company confirms it"),
    confirmedAt: dateTime().nullable().optional(),
    rejectionReason: z.string().nullable().optional(),
    organization: OrganizationRef,
    publishedAt: dateTime().nullable().optional(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    highlight,
  })
  .meta({ id: "Need" });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int(),
      totalExact: z
        .boolean()
        .optional()
        .describe("false when a query text has more than 10,000 hits: total is then an estimate"),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .meta({ id });

export const ResultPage = page(Result, "ResultPage");
export const NeedPage = page(Need, "NeedPage");

export const ResultMatch = z
  .object({ result: Result, score: z.number(), reasons: z.array(z.string()) })
  .meta({ id: "ResultMatch" });
export const NeedMatch = z
  .object({ need: Need, score: z.number(), reasons: z.array(z.string()) })
  .meta({ id: "NeedMatch" });

const many = (what: string) => z.string().optional().describe(what);

/** The list/search query (parsed by query.ts, which names a bad parameter in its 400). */
export function listingQuery(kind: "result" | "need") {
  return z.object({
    q: z
      .string()
      .optional()
      .describe(
        "Keywords (any length, Chinese or Latin). With q, items are ranked by relevance and carry `highlight`. Longer than 200 characters is cut.",
      ),
    field: many(`Comma-separated or repeated: ${FIELDS.join(", ")}`),
    ...(kind === "result" ? { maturity: many(`Comma-separated or repeated: ${MATURITIES.join(", ")}`) } : {}),
    regionCode: many(
      "Organization region: six-digit GB/T 2260 codes (comma-separated), or `ganzhou` / `bay_area` for the groups",
    ),
    transferMode: many(`${kind === "result" ? "Transfer modes" : "Cooperation mode"}: ${TRANSFER_MODES.join(", ")}`),
    orgKind: many(ORG_KINDS.join(", ")),
    priceMinFen: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(`${kind === "result" ? "Price" : "Budget"} at least (fen)`),
    priceMaxFen: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(`${kind === "result" ? "Price" : "Budget"} at most (fen)`),
    sort: z.enum(SORTS).optional().describe("Default: relevance with q, otherwise newest"),
    organizationId: z.string().optional(),
    mine: z
      .enum(["1", "true"])
      .optional()
      .describe("The caller's organization's listings in every status (authentication required)"),
    status: many(
      `Comma-separated: ${LISTING_STATUSES.join(", ")}. Other than published: the caller's own organization, or any organization for bureau/admin (e.g. status=pending_review).`,
    ),
    page: pageParam,
    pageSize: pageSizeParam,
  });
}

export const pageParam = z.number().int().min(1).default(1).optional();
export const pageSizeParam = z
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(20)
  .optional()
  .describe(`At most ${MAX_PAGE_SIZE}; more is a 400 naming pageSize`);
