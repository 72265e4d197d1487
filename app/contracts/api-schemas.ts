// The response shapes of the offers, contracts and statistics endpoints, for the OpenAPI
// document and the response checks of the API tests (contract-json.server.ts writes them).
import { z } from "zod";
import { date, dateTime, fen, fenSum } from "../api/openapi/spec.ts";
import { CONTRACT_TYPES, FIELDS, ORG_KINDS, TRANSFER_MODES } from "../domain/catalog.ts";
import { OFFER_STATUSES } from "../offers/schemas.ts";
import { REGISTRATION_NUMBER_RE } from "./registration-number.ts";
import { CONTRACT_STATUSES, GROUP_BY, IP_TYPES } from "./schemas.ts";

const party = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  regionCode: z.string(),
  zone: z.string().nullable(),
  /** false while the bureau has not verified the organization */
  verified: z.boolean(),
});
const idTitle = z.object({ id: z.string(), title: z.string() });

export const Contract = z
  .object({
    id: z.string(),
    type: z.enum(CONTRACT_TYPES),
    subtype: z.string().nullable(),
    title: z.string(),
    status: z.enum(CONTRACT_STATUSES),
    seller: party,
    buyer: party,
    broker: party.nullable(),
    sellerOrgId: z.string(),
    buyerOrgId: z.string(),
    brokerOrgId: z.string().nullable(),
    brokerUserId: z
      .string()
      .nullable()
      .optional()
      .describe("the executing broker (中介人); from a live lead on the two parties"),
    leadId: z.string().nullable().optional(),
    commission: z
      .object({ rateBp: z.number().int().min(0).max(10000).nullable(), amountFen: fen().nullable() })
      .partial()
      .nullable()
      .optional()
      .describe("the agreed commission: a rate in basis points of the contract amount, or a fixed amount in fen"),
    contractAmountFen: fen(),
    nonTechnicalCostsFen: fen(),
    techTransactionAmountFen: fen("合同成交额 − 非技术性费用, computed by the server"),
    signedAt: date().meta({ example: "2026-03-01" }),
    validUntil: date().nullable(),
    offerId: z.string().nullable(),
    resultId: z.string().nullable(),
    needId: z.string().nullable(),
    result: idTitle.nullable(),
    need: idTitle.nullable(),
    field: z.enum(FIELDS).nullable(),
    ipType: z.enum(IP_TYPES).nullable(),
    reviewNote: z.string().nullable(),
    submittedAt: dateTime().nullable(),
    registrationNumber: z.string().regex(REGISTRATION_NUMBER_RE).nullable(),
    registrationPoint: z.string().nullable(),
    registeredAt: dateTime().nullable(),
    registeredYear: z.number().int().nullable(),
    registeredMonth: z.number().int().nullable(),
    cancelledAt: dateTime().nullable(),
    cancelReason: z.string().nullable(),
    version: z.number().int(),
    imported: z.boolean(),
    confirmations: z
      .array(
        z.object({
          party: z.enum(["buyer", "seller"]),
          orgId: z.string(),
          userId: z.string().nullable().describe("null: confirmed before the platform recorded who"),
          confirmedAt: dateTime(),
        }),
      )
      .describe(
        "the parties' confirmations of the current terms; a contract not from an accepted offer or won lot needs both before submission",
      ),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    versions: z
      .array(z.object({ version: z.number().int(), current: z.boolean() }).loose())
      .optional()
      .describe("GET /contracts/:id only"),
    auditTrail: z
      .array(z.object({ action: z.string(), createdAt: dateTime() }).loose())
      .optional()
      .describe("GET /contracts/:id only"),
    flags: z
      .array(z.object({ id: z.string(), kind: z.string() }).loose())
      .optional()
      .describe("GET /contracts/:id, bureau and admins only"),
    consent: z
      .object({
        required: z.boolean().describe("false for contracts from an accepted offer, a won lot or an import"),
        missing: z.array(z.enum(["buyer", "seller"])),
        canConfirm: z.boolean().describe("the caller can confirm for their side now"),
      })
      .optional()
      .describe("GET /contracts/:id only"),
  })
  .meta({ id: "Contract" });

export const Figures = z
  .object({ count: z.number().int(), contractAmountFen: fenSum(), techTransactionAmountFen: fenSum() })
  .meta({ id: "Figures" });

export const ContractPage = z
  .object({
    items: z.array(Contract),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    totals: Figures,
  })
  .meta({ id: "ContractPage" });

export const ContractStats = z
  .object({
    year: z.number().int(),
    groupBy: z.enum(GROUP_BY),
    totals: Figures,
    groups: z.array(Figures.extend({ key: z.string() }).loose()),
    target: z.object({
      amountFen: z.number().int().nullable(),
      lastYearAmountFen: fenSum(),
      growthRate: z.number().nullable(),
      progress: z.number().nullable(),
    }),
    bayArea: Figures.loose(),
  })
  .meta({ id: "ContractStats" });

export const RegistrationPoints = z
  .object({
    default: z.string().meta({ example: "01" }),
    points: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), point: z.string() })),
  })
  .meta({ id: "RegistrationPoints" });

const orgName = z
  .object({
    id: z.string(),
    name: z.string(),
    verified: z.boolean().optional().describe("false: not verified by the bureau yet"),
  })
  .loose();
export const OfferMessage = z
  .object({
    id: z.string(),
    authorId: z.string().nullable(),
    orgId: z.string().nullable(),
    body: z.string(),
    counterAmountFen: fen().nullable(),
    createdAt: dateTime(),
  })
  .meta({ id: "OfferMessage" });

export const Offer = z
  .object({
    id: z.string(),
    kind: z.enum(["offer", "proposal"]),
    status: z.enum(OFFER_STATUSES),
    resultId: z.string().nullable(),
    needId: z.string().nullable(),
    listing: z
      .object({ type: z.enum(["result", "need"]), id: z.string(), title: z.string(), field: z.string() })
      .nullable(),
    fromOrg: orgName,
    toOrg: orgName,
    amountFen: fen().nullable().describe("null = 面议"),
    mode: z.enum(TRANSFER_MODES).nullable(),
    message: z.string(),
    awaitingOrgId: z.string().nullable().describe("the organization that must answer next"),
    eventId: z.string().nullable().describe("the matchmaking event where this negotiation started"),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    contract: z.object({ id: z.string(), status: z.string() }).nullable(),
    messages: z.array(OfferMessage).optional(),
  })
  .meta({ id: "Offer" });
