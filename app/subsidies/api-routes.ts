// The subsidies endpoints (奖补), for the OpenAPI document.
import { z } from "zod";
import {
  dateTime,
  date,
  failure,
  fen,
  fenSum,
  ok,
  readErrors,
  writeErrors,
  type ApiRoute,
} from "../api/openapi/spec.ts";
import {
  APPLICATION_STATUSES,
  CAPPED_BY,
  SUBSIDY_BASES,
  SUBSIDY_MODES,
  SUBSIDY_ROLES,
  SUBSIDY_STACKING,
  applicationCreateSchema,
  applicationListQuerySchema,
  decideSchema,
  disburseSchema,
  eligibilityQuerySchema,
  programmeCreateSchema,
  programmeListQuerySchema,
  programmePatchSchema,
} from "./schemas.ts";

const Rule = z.object({
  role: z.enum(SUBSIDY_ROLES),
  rateBp: z.number().int().describe("basis points of the basis (250 = 2.5%)"),
  capPerContractFen: fen().nullable(),
  capPerOrgYearFen: fen().nullable().describe("per organization and role in the programme's year"),
  minContractFen: fen().describe("minimum 合同成交额"),
  contractTypes: z.array(z.string()),
  buyerRegionPrefix: z
    .string()
    .nullable()
    .describe("the buyer's region code starts with this (36 Jiangxi, 3607 Ganzhou)"),
  sellerRegionPrefix: z.string().nullable(),
  sellerOutsidePrefix: z.string().nullable().describe("the seller is outside this region (bringing a result in)"),
  basis: z
    .enum(SUBSIDY_BASES)
    .describe("paid: confirmed payments on the platform, never above 技术交易额; registered: 技术交易额"),
});

const Programme = z
  .object({
    id: z.string(),
    code: z.string(),
    year: z.number().int(),
    name: z.object({ zh: z.string(), en: z.string() }),
    validFrom: date(),
    validUntil: date(),
    budgetFen: fen(),
    mode: z.enum(SUBSIDY_MODES).describe("auto: 免申即享, the application is filed when a payment is confirmed"),
    stacking: z.enum(SUBSIDY_STACKING),
    stacksWith: z.array(z.string()).describe("codes it combines with on one contract (empty: all stackable ones)"),
    rules: z.array(Rule),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: "SubsidyProgramme" });

const Reason = z.object({
  code: z
    .string()
    .describe(
      "blocking: cancelled, not_registered, wrong_type, below_minimum, region, related_party, not_paid, already_applied, stacking, annual_cap_reached, budget_exhausted; information: rule, capped_contract, capped_annual, capped_budget",
    ),
  message: z.string().describe('Chinese, " / ", English'),
  blocking: z.boolean(),
});

const EligibilityItem = z
  .object({
    programme: z.string().describe("the programme's code"),
    programmeId: z.string(),
    programmeName: z.object({ zh: z.string(), en: z.string() }),
    mode: z.enum(SUBSIDY_MODES),
    role: z.enum(SUBSIDY_ROLES),
    orgId: z.string().describe("the organization that receives it"),
    basis: z.enum(SUBSIDY_BASES),
    basisFen: fen(),
    rateBp: z.number().int(),
    amountFen: fen().describe("basis × rate rounded down to the fen, after the caps"),
    cappedBy: z.enum(CAPPED_BY).nullable(),
    eligible: z.boolean(),
    reasons: z.array(Reason),
    applicationId: z.string().nullable(),
    applicationStatus: z.enum(APPLICATION_STATUSES).nullable(),
  })
  .meta({ id: "SubsidyEligibility" });

const Application = z
  .object({
    id: z.string(),
    programme: z.string(),
    programmeId: z.string(),
    contractId: z.string(),
    role: z.enum(SUBSIDY_ROLES),
    orgId: z.string(),
    basisFen: fen(),
    rateBp: z.number().int(),
    amountFen: fen(),
    cappedBy: z.enum(CAPPED_BY).nullable(),
    status: z.enum(APPLICATION_STATUSES),
    auto: z.boolean().describe("filed by the platform (免申即享)"),
    appliedById: z.string().nullable(),
    decidedAt: dateTime().nullable(),
    decidedById: z.string().nullable(),
    decisionNote: z.string().nullable(),
    disbursedAt: dateTime().nullable(),
    bankReference: z.string().nullable(),
    reviewReason: z.string().nullable().describe("why it needs review (the contract was amended or cancelled)"),
    reviewFlaggedAt: dateTime().nullable(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    org: z.object({ id: z.string(), name: z.string() }),
    contract: z.object({
      id: z.string(),
      title: z.string(),
      registrationNumber: z.string().nullable(),
      registeredAt: dateTime().nullable(),
      subcentreId: z.string().nullable(),
    }),
  })
  .partial({ org: true, contract: true })
  .meta({ id: "SubsidyApplication" });

const Summary = z.object({
  programme: Programme,
  budgetFen: fen(),
  committedFen: fenSum("approved, disbursed and under-review amounts"),
  disbursedFen: fenSum(),
  pendingFen: fenSum(),
  remainingFen: z.number().int().describe("budget − committed (negative only if the budget was lowered)"),
  byStatus: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), count: z.number().int(), amountFen: fenSum() })),
  bySubcentre: z.array(
    z.object({
      subcentreId: z.string().nullable(),
      name: z.string().nullable(),
      count: z.number().int(),
      amountFen: fenSum(),
    }),
  ),
  byRegion: z.array(z.object({ regionCode: z.string().nullable(), count: z.number().int(), amountFen: fenSum() })),
});

const tags = ["Subsidies"];
const decided = z.object({ application: Application, changed: z.boolean() });

export const subsidyApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/subsidies/programmes",
    tags,
    summary: "Subsidy programmes (奖补项目), every version, newest year first",
    auth: "public",
    request: { query: programmeListQuerySchema },
    responses: { 200: ok(z.object({ items: z.array(Programme) })), ...readErrors },
  },
  {
    method: "post",
    path: "/api/v1/subsidies/programmes",
    tags,
    summary: "Create a programme or a new version of one (bureau, admin); versions of one code never overlap",
    request: { body: programmeCreateSchema },
    responses: { 201: ok(z.object({ programme: Programme })), ...writeErrors },
  },
  {
    method: "patch",
    path: "/api/v1/subsidies/programmes/{id}",
    tags,
    summary: "Edit a programme version (bureau, admin); rules, when given, replace all rules",
    request: { body: programmePatchSchema },
    responses: { 200: ok(z.object({ programme: Programme })), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/subsidies/programmes/{code}/summary",
    tags,
    summary:
      "A programme's year for the bureau: budget, committed, disbursed, remaining, by status, sub-centre, region",
    request: { query: z.object({ year: programmeListQuerySchema.shape.year }) },
    responses: { 200: ok(Summary), ...readErrors, 403: "Forbidden", 404: "NotFound" },
  },
  {
    method: "get",
    path: "/api/v1/subsidies/eligibility",
    tags,
    summary: "What a contract earns per programme and role, with the cap that bit and the reasons",
    request: { query: eligibilityQuerySchema },
    responses: {
      200: ok(z.object({ contractId: z.string(), items: z.array(EligibilityItem) })),
      ...readErrors,
      404: "NotFound",
    },
  },
  {
    method: "get",
    path: "/api/v1/subsidies/applications",
    tags,
    summary: "Applications: the bureau all, a sub-centre's staff its contracts', an organization its own",
    request: { query: applicationListQuerySchema },
    responses: { 200: ok(z.object({ items: z.array(Application) })), ...readErrors },
  },
  {
    method: "post",
    path: "/api/v1/subsidies/applications",
    tags,
    summary: "Apply (a member of the organization in that role); 409 already_applied or not_eligible",
    request: { body: applicationCreateSchema },
    responses: {
      201: ok(z.object({ application: Application, eligibility: EligibilityItem })),
      ...writeErrors,
      409: failure("already_applied (same contract, programme and role), or not_eligible with the reasons"),
    },
  },
  {
    method: "post",
    path: "/api/v1/subsidies/applications/{id}/decide",
    tags,
    summary: "Approve, or reject with a note (bureau); 409 annual_cap_exceeded / budget_exceeded / invalid_state",
    request: { body: decideSchema },
    responses: { 200: ok(decided), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/subsidies/applications/{id}/disburse",
    tags,
    summary: "Record the disbursement of an approved application, once (bureau)",
    request: { body: disburseSchema },
    responses: { 200: ok(decided), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/subsidies/applications.csv",
    tags,
    summary: "The applications list as CSV (same filters and visibility); ?lang=en for English headers",
    request: { query: applicationListQuerySchema },
    responses: { 200: { description: "CSV", contentType: "text/csv" }, ...readErrors, 403: "Forbidden" },
  },
  {
    method: "get",
    path: "/api/v1/subsidies/applications.xlsx",
    tags,
    summary: "The applications list as XLSX (same filters and visibility)",
    request: { query: applicationListQuerySchema },
    responses: {
      200: {
        description: "XLSX",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      ...readErrors,
      403: "Forbidden",
    },
  },
];
