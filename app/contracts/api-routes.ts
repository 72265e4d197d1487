// The offers, contracts, statistics, audit and anomaly endpoints, for the OpenAPI document.
// Bodies and queries are the schemas the handlers parse with; responses are in api-schemas.ts.
import { z } from "zod";
import {
  authErrors,
  dateTime,
  failure,
  ok,
  writeErrors,
  type ApiRoute,
  type ResponseSpec,
} from "../api/openapi/spec.ts";
import { offerCreateSchema, offerListQuerySchema, offerMessageSchema } from "../offers/schemas.ts";
import { publicStatsQuerySchema, scanBodySchema, statsQuerySchema, targetSchema } from "../stats/schemas.ts";
import { Contract, ContractPage, ContractStats, Offer, OfferMessage, RegistrationPoints } from "./api-schemas.ts";
import {
  amendSchema,
  cancelSchema,
  contractCreateSchema,
  contractFiltersSchema,
  contractListQuerySchema,
  contractPatchSchema,
  importBodySchema,
  registrationPointBodySchema,
  reviewSchema,
} from "./schemas.ts";
import { anomalyListQuerySchema, anomalyResolveSchema } from "./anomaly-schemas.ts";
import { auditQuerySchema } from "../audit/schemas.ts";

const ContractInput = contractCreateSchema.meta({
  id: "ContractInput",
  description:
    "Direct entry needs type, title, sellerOrgId, buyerOrgId, contractAmountFen, nonTechnicalCostsFen; from an accepted offer (offerId) they are prefilled.",
});
const ContractPatch = contractPatchSchema.meta({
  id: "ContractPatch",
  description: "Any subset of the contract's fields; the rules are re-checked on the merge.",
});

const loose = (description: string) => z.object({}).loose().describe(description);
const file = (description: string): ResponseSpec => ({
  description,
  contentType: description.includes("CSV")
    ? "text/csv"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
});
const yearParam = z.object({ year: z.number().int().min(1990).max(2100) });
const offerAction = (a: "accept" | "reject" | "withdraw"): ApiRoute => ({
  method: "post",
  path: `/api/v1/offers/{id}/${a}`,
  tags: ["Offers"],
  summary:
    a === "withdraw"
      ? "Withdraw (the side that made the current offer)"
      : `${a[0]!.toUpperCase()}${a.slice(1)} (the side that must answer)`,
  responses: { 200: ok(Offer), ...writeErrors },
});

export const contractApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/offers",
    tags: ["Offers"],
    summary: "My organization's offers and proposals",
    request: { query: offerListQuerySchema },
    responses: {
      200: ok(
        z.object({
          items: z.array(Offer),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        }),
      ),
      ...authErrors,
    },
  },
  {
    method: "post",
    path: "/api/v1/offers",
    tags: ["Offers"],
    summary: "Offer on a published result (company, broker) or proposal on a published need (researcher, broker)",
    request: { body: offerCreateSchema.meta({ id: "OfferInput" }) },
    responses: { 201: ok(Offer, "created"), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/offers/{id}",
    tags: ["Offers"],
    summary: "An offer with its thread (the two parties)",
    responses: { 200: ok(Offer), ...authErrors },
  },
  {
    method: "get",
    path: "/api/v1/offers/{id}/messages",
    tags: ["Offers"],
    summary: "The negotiation thread (the two parties)",
    responses: { 200: ok(z.object({ items: z.array(OfferMessage) })), ...authErrors },
  },
  {
    method: "post",
    path: "/api/v1/offers/{id}/messages",
    tags: ["Offers"],
    summary: "A message, or a counter-offer (counterAmountFen) that makes the other side the one to answer",
    request: { body: offerMessageSchema },
    responses: { 201: ok(z.object({ message: OfferMessage, offer: Offer }), "created"), ...writeErrors },
  },
  offerAction("accept"),
  offerAction("reject"),
  offerAction("withdraw"),
  {
    method: "get",
    path: "/api/v1/contracts",
    tags: ["Contracts"],
    summary: "Contracts visible to the caller, with the dashboard's filter keys and the sums of all matches",
    request: { query: contractListQuerySchema },
    responses: { 200: ok(ContractPage), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "post",
    path: "/api/v1/contracts",
    tags: ["Contracts"],
    summary: "A new draft contract",
    request: { body: ContractInput },
    responses: { 201: ok(Contract, "created"), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/contracts/{id}",
    tags: ["Contracts"],
    summary: "A contract with versions and audit trail (parties, broker, bureau, admin)",
    responses: { 200: ok(Contract), ...authErrors },
  },
  {
    method: "patch",
    path: "/api/v1/contracts/{id}",
    tags: ["Contracts"],
    summary: "Edit a draft or returned contract",
    request: { body: ContractPatch },
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "delete",
    path: "/api/v1/contracts/{id}",
    tags: ["Contracts"],
    summary: "Delete a draft (whoever entered it, or their organization); audited",
    responses: { 200: ok(z.object({ id: z.string(), deleted: z.boolean() }), "deleted"), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/confirm",
    tags: ["Contracts"],
    summary: "Confirm the current terms for your side (a member of the buyer or seller organization); idempotent",
    description:
      "A contract not from an accepted offer or a won lot needs both parties' confirmation before submission. Changing its terms voids earlier confirmations. 409 invalid_state once submitted.",
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/submit",
    tags: ["Contracts"],
    summary: "Submit for registration (seller side, broker, bureau)",
    description:
      "409 consent_required while the buyer or seller has not confirmed the current terms (not for contracts from an accepted offer or a won lot, nor when the bureau submits). 403 organization_unverified while the seller or buyer organization is not verified by the bureau (whoever submits, the bureau included), naming the party in the message and in `fields.sellerOrgId` / `fields.buyerOrgId`; registering (`review` with `register`) refuses the same way.",
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/review",
    tags: ["Contracts", "Review"],
    summary: "Register, return for correction or reject (bureau, admin)",
    request: { body: reviewSchema },
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/amend",
    tags: ["Contracts"],
    summary: "Amend a registered contract's amounts: a new version (bureau, admin)",
    request: { body: amendSchema },
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/cancel",
    tags: ["Contracts"],
    summary: "Cancel (注销) a registration (bureau, admin)",
    request: { body: cancelSchema },
    responses: { 200: ok(Contract), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/import",
    tags: ["Contracts"],
    summary: "Import registered contracts of earlier years, all or nothing (bureau, admin)",
    description: "Each line as the provincial system exports it; a 400 names every bad line (`contracts.3.signedAt`).",
    request: { body: importBodySchema },
    responses: {
      201: ok(z.object({ imported: z.number().int(), ids: z.array(z.string()) }).loose(), "imported"),
      ...writeErrors,
      409: failure("duplicate registration numbers (fields name each line)"),
    },
  },
  {
    method: "get",
    path: "/api/v1/contracts/registration-points",
    tags: ["Contracts"],
    summary:
      "The registration points (登记点) of registration numbers: the default and each bureau organization's (bureau, admin)",
    responses: { 200: ok(RegistrationPoints), ...authErrors },
  },
  {
    method: "put",
    path: "/api/v1/contracts/registration-points",
    tags: ["Contracts"],
    summary:
      "Set a bureau organization's registration point, or the default with organizationId null (bureau, admin); audited",
    request: { body: registrationPointBodySchema },
    responses: { 200: ok(RegistrationPoints), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/contracts.csv",
    tags: ["Contracts"],
    summary: "The contracts list as CSV",
    request: { query: contractFiltersSchema },
    responses: { 200: file("CSV"), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/contracts.xlsx",
    tags: ["Contracts"],
    summary: "The contracts list as XLSX",
    request: { query: contractFiltersSchema },
    responses: { 200: file("XLSX workbook"), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/stats/contracts",
    tags: ["Statistics"],
    summary: "Dashboard figures for a registration year (bureau, admin)",
    request: { query: statsQuerySchema.extend(contractFiltersSchema.omit({ year: true }).shape) },
    responses: { 200: ok(ContractStats), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/stats/contracts.csv",
    tags: ["Statistics"],
    summary: "A breakdown as CSV",
    request: { query: statsQuerySchema.extend(contractFiltersSchema.omit({ year: true }).shape) },
    responses: { 200: file("CSV"), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/stats/contracts.xlsx",
    tags: ["Statistics"],
    summary: "A breakdown as XLSX",
    request: { query: statsQuerySchema.extend(contractFiltersSchema.omit({ year: true }).shape) },
    responses: { 200: file("XLSX workbook"), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/stats/public",
    tags: ["Statistics"],
    summary: "Public aggregates: totals, by type, field and month; no contract details",
    auth: "public",
    request: { query: publicStatsQuerySchema },
    responses: { 200: ok(loose("totals and breakdowns of the year and the year before")), 400: "BadRequest" },
  },
  {
    method: "get",
    path: "/api/v1/stats/targets/{year}",
    tags: ["Statistics"],
    summary: "The year's targets (city and counties)",
    request: { params: yearParam },
    responses: { 200: ok(loose("the city's and the counties' targets")), ...authErrors, 400: "BadRequest" },
  },
  {
    method: "put",
    path: "/api/v1/stats/targets/{year}",
    tags: ["Statistics"],
    summary: "Set the city's (regionCode empty) or a county's target (bureau, admin)",
    description: "POST is accepted as well.",
    request: { params: yearParam, body: targetSchema },
    responses: { 200: ok(loose("the target as stored")), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/stats/verify",
    tags: ["Statistics"],
    summary: "The dashboard rollup against a fresh GROUP BY over the contracts",
    request: { query: publicStatsQuerySchema },
    responses: {
      200: ok(z.object({ ok: z.boolean(), mismatches: z.array(z.object({}).loose()) }).loose()),
      ...authErrors,
    },
  },
  {
    method: "get",
    path: "/api/v1/audit",
    tags: ["Audit"],
    summary: "One entity's audit history (bureau, admin)",
    request: { query: auditQuerySchema },
    responses: {
      200: ok(
        z.object({
          items: z.array(
            z
              .object({
                seq: z.string(),
                entityType: z.string(),
                entityId: z.string(),
                action: z.string(),
                actorId: z.string().nullable(),
                createdAt: dateTime(),
                hash: z.string(),
              })
              .loose(),
          ),
        }),
      ),
      ...authErrors,
      400: "BadRequest",
    },
  },
  {
    method: "get",
    path: "/api/v1/audit/verify",
    tags: ["Audit"],
    summary: "Re-walks the audit hash chain (bureau, admin)",
    responses: {
      200: ok(
        z.object({ ok: z.boolean(), events: z.number().int(), firstBrokenEventId: z.string().optional() }).loose(),
      ),
      ...authErrors,
    },
  },
  {
    method: "get",
    path: "/api/v1/anomalies",
    tags: ["Anomalies"],
    summary: "Anomaly flags (bureau, admin)",
    request: { query: anomalyListQuerySchema },
    responses: {
      200: ok(
        z
          .object({
            items: z.array(z.object({ id: z.string(), contractId: z.string(), kind: z.string() }).loose()),
            total: z.number().int(),
          })
          .loose(),
      ),
      ...authErrors,
      400: "BadRequest",
    },
  },
  {
    method: "post",
    path: "/api/v1/anomalies/scan",
    tags: ["Anomalies"],
    summary: "Re-check a registration year",
    request: { body: scanBodySchema },
    responses: { 200: ok(loose("what the scan found")), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/anomalies/{id}/resolve",
    tags: ["Anomalies"],
    summary: "Record the bureau's conclusion on a flag",
    request: { body: anomalyResolveSchema },
    responses: {
      200: ok(z.object({ id: z.string(), resolvedAt: dateTime(), resolution: z.string() }).loose()),
      ...writeErrors,
    },
  },
];
