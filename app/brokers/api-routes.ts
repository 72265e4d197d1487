// The brokers and leads endpoints (技术经纪人, 线索备案), for the OpenAPI document.
import { z } from "zod";
import { authErrors, dateTime, failure, ok, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";
import { LEAD_STATUSES, leadCreateSchema, leadListQuerySchema } from "../leads/schemas.ts";
import {
  BROKER_LEVELS,
  brokerCreateSchema,
  brokerListQuerySchema,
  brokerPatchSchema,
  brokerVerifySchema,
} from "./schemas.ts";

const orgRef = z.object({ id: z.string(), name: z.string() }).loose();

const Broker = z
  .object({
    id: z.string().describe("the broker's user id"),
    userId: z.string(),
    name: z.string(),
    level: z.enum(BROKER_LEVELS),
    certificateNumber: z.string().nullable(),
    fields: z.array(z.string()),
    regions: z.array(z.string()),
    bio: z.string(),
    brokerOrgId: z.string(),
    brokerOrg: orgRef,
    verified: z.boolean(),
    verifiedAt: dateTime().nullable(),
    record: z
      .object({
        leads: z.number().int(),
        convertedLeads: z.number().int().describe("leads with a contract (not rejected or cancelled)"),
        conversionBp: z.number().int().describe("convertedLeads / leads in basis points"),
        deals: z.number().int(),
        registeredContracts: z.number().int(),
        registeredAmountFen: z.number().describe("技术交易额 of the registered contracts"),
        commissionAgreedFen: z.number(),
      })
      .partial()
      .describe("from the leads and the contracts attributed to the broker"),
  })
  .partial({ record: true, brokerOrg: true, certificateNumber: true, verifiedAt: true })
  .meta({ id: "Broker" });

const Lead = z
  .object({
    id: z.string(),
    brokerId: z.string().describe("the broker's user id"),
    brokerOrgId: z.string(),
    broker: z.object({ id: z.string(), name: z.string(), org: orgRef.nullable() }).partial(),
    buyerOrgId: z.string(),
    sellerOrgId: z.string(),
    needId: z.string().nullable(),
    resultId: z.string().nullable(),
    note: z.string(),
    status: z.enum(LEAD_STATUSES),
    createdAt: dateTime(),
    expiresAt: dateTime().describe("createdAt + LEAD_ATTRIBUTION_DAYS"),
    waivedAt: dateTime().nullable(),
  })
  .partial({ broker: true })
  .meta({ id: "Lead" });

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const brokerApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/brokers",
    tags: ["Brokers"],
    summary: "The broker directory: verified brokers with their record (bureau/admin: verified=no|all)",
    auth: "public",
    request: { query: brokerListQuerySchema },
    responses: { 200: ok(page(Broker)), 400: failure("invalid query"), 401: "Unauthorized", 403: "Forbidden" },
  },
  {
    method: "post",
    path: "/api/v1/brokers",
    tags: ["Brokers"],
    summary: "Create the caller's broker profile (brokers)",
    request: { body: brokerCreateSchema },
    responses: {
      201: ok(Broker, "created, unverified"),
      ...writeErrors,
      409: failure("the caller already has a profile"),
    },
  },
  {
    method: "get",
    path: "/api/v1/brokers/{id}",
    tags: ["Brokers"],
    summary: "One broker (public once verified)",
    auth: "public",
    responses: { 200: ok(Broker), 401: "Unauthorized", 404: "NotFound" },
  },
  {
    method: "patch",
    path: "/api/v1/brokers/{id}",
    tags: ["Brokers"],
    summary: "Edit the profile (the broker, admin); a new level, certificate or organization needs verification again",
    request: { body: brokerPatchSchema },
    responses: { 200: ok(Broker), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/brokers/{id}/verify",
    tags: ["Brokers"],
    summary: "Verify (or revoke) a broker profile (bureau, admin)",
    request: { body: brokerVerifySchema },
    responses: { 200: ok(Broker), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/leads",
    tags: ["Brokers"],
    summary:
      "Leads: the broker's own, those naming the caller's organization (who introduced them), all for bureau/admin",
    request: { query: leadListQuerySchema },
    responses: { 200: ok(page(Lead)), 400: failure("invalid query"), ...authErrors },
  },
  {
    method: "post",
    path: "/api/v1/leads",
    tags: ["Brokers"],
    summary:
      "File a lead (线索备案, brokers): a need and a result, or a buyer and a seller organization; the first live lead on a pair wins",
    request: { body: leadCreateSchema },
    responses: {
      201: ok(z.object({ lead: Lead }), "filed"),
      ...writeErrors,
      403: failure("not a broker, or a party is the broker's own organization"),
      409: failure("`lead_exists`: an earlier live lead on the pair; the message gives its time, never its broker"),
    },
  },
  {
    method: "post",
    path: "/api/v1/leads/{id}/waive",
    tags: ["Brokers"],
    summary: "The broker waives the attribution: later offers and contracts between the two carry no broker",
    responses: { 200: ok(z.object({ lead: Lead })), ...writeErrors, 409: failure("already waived") },
  },
];
