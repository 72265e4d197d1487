// The sub-centre endpoints (分中心), for the OpenAPI document.
import { z } from "zod";
import { authErrors, dateTime, failure, ok, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";
import { Need } from "../listings/api-schemas.ts";
import {
  affiliationSchema,
  dispatchSchema,
  fieldNeedSchema,
  scoreSchema,
  staffSchema,
  SUBCENTRE_KINDS,
  subcentreCreateSchema,
  subcentrePatchSchema,
  VISIT_OUTCOMES,
  visitSchema,
  yearQuerySchema,
} from "./schemas.ts";

const bp = z.number().int().nullable().describe("basis points (10000 = 100%)");

const Subcentre = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(SUBCENTRE_KINDS),
    regionCode: z.string(),
    operatorOrgId: z.string().nullable(),
    parentId: z.string().nullable().describe("the city centre"),
    description: z.string(),
    delegatedReview: z
      .boolean()
      .describe("first-level review of its affiliated organizations' listings is delegated to it"),
    affiliatedOrganizations: z.number().int(),
    staffCount: z.number().int(),
  })
  .meta({ id: "Subcentre" });

const SubcentreStats = z
  .object({
    year: z.number().int(),
    needsCollected: z.number().int(),
    resultsPublished: z.number().int(),
    matches: z.number().int(),
    offers: z.number().int(),
    deals: z.number().int().describe("accepted offers"),
    registeredContracts: z.number().int(),
    registeredAmountFen: z.number().describe("技术合同成交额 of its registered contracts"),
    techTransactionAmountFen: z.number(),
    paidFen: z.number().describe("confirmed on the platform that year"),
    cityAmountFen: z.number(),
    shareOfCityBp: bp,
    target: z.object({ amountFen: z.number(), progressBp: bp }).nullable(),
    bayArea: z.object({ amountFen: z.number(), shareBp: bp }),
  })
  .meta({ id: "SubcentreStats" });

const Dispatch = z
  .object({
    id: z.string(),
    needId: z.string(),
    subcentreId: z.string(),
    dueAt: dateTime(),
    status: z.enum(["open", "done"]),
    overdue: z.boolean(),
    visits: z.array(
      z.object({ id: z.string(), visitedAt: dateTime(), outcome: z.enum(VISIT_OUTCOMES), note: z.string() }),
    ),
  })
  .meta({ id: "NeedDispatch" });

const any = z.object({}).loose();

export const subcentreApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/subcentres",
    tags: ["Sub-centres"],
    summary: "The city centre and its sub-centres",
    auth: "public",
    responses: { 200: ok(z.object({ items: z.array(Subcentre) })), 401: "Unauthorized" },
  },
  {
    method: "post",
    path: "/api/v1/subcentres",
    tags: ["Sub-centres"],
    summary: "Create a sub-centre (bureau, admin)",
    request: { body: subcentreCreateSchema },
    responses: { 201: ok(Subcentre, "created"), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/subcentres/scorecard",
    tags: ["Sub-centres"],
    summary:
      "The annual 100-point scorecard (basics 10, service results 30, capability 30, management 20, reputation 10), ranked",
    auth: "public",
    request: { query: yearQuerySchema },
    responses: { 200: ok(any), 400: failure("invalid year"), 401: "Unauthorized" },
  },
  {
    method: "get",
    path: "/api/v1/subcentres/{id}",
    tags: ["Sub-centres"],
    summary: "One sub-centre",
    auth: "public",
    responses: { 200: ok(Subcentre), 401: "Unauthorized", 404: "NotFound" },
  },
  {
    method: "patch",
    path: "/api/v1/subcentres/{id}",
    tags: ["Sub-centres"],
    summary: "Edit a sub-centre, delegate review, set the year's target (bureau, admin)",
    request: { body: subcentrePatchSchema },
    responses: { 200: ok(Subcentre), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/subcentres/{id}/stats",
    tags: ["Sub-centres"],
    summary: "The sub-centre's figures for a year (default: this year)",
    auth: "public",
    request: { query: yearQuerySchema },
    responses: { 200: ok(SubcentreStats), 400: failure("invalid year"), 401: "Unauthorized", 404: "NotFound" },
  },
  {
    method: "get",
    path: "/api/v1/subcentres/{id}/desk",
    tags: ["Sub-centres"],
    summary:
      "Staff desk: dispatched needs and listings waiting for delegated review (its staff, bureau, admin; other sub-centres' staff 403)",
    responses: {
      200: ok(
        z.object({ dispatches: z.array(Dispatch), awaitingConfirmation: z.array(any), pendingReview: z.array(any) }),
      ),
      ...authErrors,
      404: "NotFound",
    },
  },
  {
    method: "post",
    path: "/api/v1/subcentres/{id}/affiliations",
    tags: ["Sub-centres"],
    summary: "Affiliate organizations with the sub-centre (bureau, admin)",
    request: { body: affiliationSchema },
    responses: { 200: ok(any), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/subcentres/{id}/staff",
    tags: ["Sub-centres"],
    summary: "Make a user this sub-centre's staff (role subcentre, scoped to it; bureau, admin)",
    request: { body: staffSchema },
    responses: { 200: ok(any), ...writeErrors },
  },
  {
    method: "put",
    path: "/api/v1/subcentres/{id}/scores",
    tags: ["Sub-centres"],
    summary: "Enter a scorecard category where the platform has no data, with a note (bureau, admin)",
    request: { body: scoreSchema },
    responses: { 200: ok(any), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/needs/{id}/dispatch",
    tags: ["Sub-centres"],
    summary: "Dispatch a need to a sub-centre for follow-up by a due date (bureau, admin, city-centre staff)",
    request: { body: dispatchSchema },
    responses: { 201: ok(Dispatch, "dispatched"), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/subcentres/{id}/needs",
    tags: ["Sub-centres"],
    summary: "Enter a need collected on a site visit for an affiliated company (this sub-centre's staff only)",
    description:
      "The need is a draft with `confirmationStatus: awaiting_company_confirmation` and carries this sub-centre; the company's members are notified. 400 naming `organizationId` for an organization not affiliated with the sub-centre; 403 for other roles and other sub-centres' staff.",
    request: { body: fieldNeedSchema },
    responses: { 201: ok(Need, "entered, awaiting the company's confirmation"), ...writeErrors, 404: "NotFound" },
  },
  {
    method: "post",
    path: "/api/v1/needs/{id}/confirm",
    tags: ["Sub-centres"],
    summary: "A member of the company confirms a need a sub-centre entered for it: it goes to review",
    description:
      "Only from awaiting_company_confirmation (409 `invalid_state` for other needs; confirming twice returns the need). Until then submitting it is a 409 `awaiting_company_confirmation`. Needs a verified organization.",
    responses: { 200: ok(Need), ...writeErrors, 404: "NotFound" },
  },
  {
    method: "post",
    path: "/api/v1/dispatches/{id}/visits",
    tags: ["Sub-centres"],
    summary:
      "Record a visit and its outcome (the dispatch's sub-centre staff, bureau, admin); close: true finishes the dispatch",
    request: { body: visitSchema },
    responses: { 201: ok(Dispatch, "recorded"), ...writeErrors, 409: failure("the dispatch is closed") },
  },
];
