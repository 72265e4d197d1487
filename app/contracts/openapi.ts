// OpenAPI 3.1 description of the offers, contracts, statistics, audit and anomaly endpoints
// (issue #4), for the served document at /api/v1/openapi.json: spread `contractsOpenApi.paths`
// into its `paths` and `contractsOpenApi.schemas` into `components.schemas`.
import { CONTRACT_TYPES, FIELDS, TRANSFER_MODES } from "../domain/catalog.ts";
import { MAX_FEN } from "../domain/money.ts";
import { ANOMALY_KINDS, CONTRACT_STATUSES, GROUP_BY, IP_TYPES } from "./schemas.ts";
import { REGISTRATION_NUMBER_RE } from "./registration-number.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const fen = { type: "integer", minimum: 0, maximum: MAX_FEN, description: "integer fen (分), at most ¥100亿 per contract" };
const fenSum = { type: "integer", minimum: 0, description: "integer fen (分), an exact sum (may exceed 2^53: parse as a big integer)" };
const date = { type: "string", format: "date", example: "2026-03-01" };
const common = { "401": error("no or bad token"), "403": error("not allowed"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field"), "409": error("not allowed from the current state") };
const query = (name: string, schema: object, description?: string) => ({ name, in: "query", required: false, schema, ...(description ? { description } : {}) });

const contractFilters = [
  query("status", { type: "string" }, `comma-separated: ${CONTRACT_STATUSES.join(", ")}`),
  query("year", { type: "integer" }, "registration year (Asia/Shanghai)"),
  query("month", { type: "integer", minimum: 1, maximum: 12 }),
  query("type", { type: "string", enum: [...CONTRACT_TYPES] }),
  query("sellerRegion", { type: "string" }, "six-digit GB/T 2260 code, or none"),
  query("buyerRegion", { type: "string" }),
  query("zone", { type: "string" }, "gz_etdz | gz_htdz | rongjiang | longnan_etdz | none"),
  query("field", { type: "string" }),
  query("sellerKind", { type: "string" }),
  query("buyerKind", { type: "string" }),
  query("bayArea", { type: "string", enum: ["yes", "no"] }),
  query("sellerOrgId", { type: "string" }),
  query("buyerOrgId", { type: "string" }),
  query("q", { type: "string" }, "title contains / registration number starts with"),
];

const figures = {
  type: "object",
  properties: { count: { type: "integer" }, contractAmountFen: fenSum, techTransactionAmountFen: fenSum },
};

export const contractsOpenApi = {
  schemas: {
    RegistrationPoints: {
      type: "object",
      required: ["default", "points"],
      properties: {
        default: { type: "string", example: "01" },
        points: {
          type: "array",
          items: { type: "object", properties: { organizationId: { type: "string" }, organizationName: { type: "string" }, point: { type: "string" } } },
        },
      },
    },
    Offer: {
      type: "object",
      properties: {
        id: { type: "string" },
        kind: { type: "string", enum: ["offer", "proposal"] },
        status: { type: "string", enum: ["open", "accepted", "rejected", "withdrawn"] },
        resultId: { type: ["string", "null"] },
        needId: { type: ["string", "null"] },
        amountFen: { type: ["integer", "null"], description: "null = 面议" },
        mode: { type: ["string", "null"], enum: [...TRANSFER_MODES, null] },
        awaitingOrgId: { type: "string", description: "the organization that must answer next" },
        messages: { type: "array", items: { type: "object" } },
      },
    },
    Contract: {
      type: "object",
      properties: {
        id: { type: "string" },
        type: { type: "string", enum: [...CONTRACT_TYPES] },
        subtype: { type: ["string", "null"] },
        title: { type: "string" },
        status: { type: "string", enum: [...CONTRACT_STATUSES] },
        sellerOrgId: { type: "string" },
        buyerOrgId: { type: "string" },
        brokerOrgId: { type: ["string", "null"] },
        brokerUserId: { type: ["string", "null"], description: "the executing broker (中介人); from a live lead on the two parties" },
        leadId: { type: ["string", "null"] },
        commission: {
          type: ["object", "null"],
          description: "the agreed commission: a rate in basis points of the contract amount, or a fixed amount in fen",
          properties: { rateBp: { type: ["integer", "null"], minimum: 0, maximum: 10000 }, amountFen: { type: ["integer", "null"], minimum: 0 } },
        },
        contractAmountFen: fen,
        nonTechnicalCostsFen: fen,
        techTransactionAmountFen: { ...fen, description: "合同成交额 − 非技术性费用, computed by the server" },
        signedAt: date,
        validUntil: { ...date, type: ["string", "null"] },
        field: { type: ["string", "null"], enum: [...FIELDS, null] },
        ipType: { type: ["string", "null"], enum: [...IP_TYPES, null] },
        registrationNumber: { type: ["string", "null"], pattern: REGISTRATION_NUMBER_RE.source },
        registeredAt: { type: ["string", "null"], format: "date-time" },
        version: { type: "integer" },
        versions: { type: "array", items: { type: "object" }, description: "GET /contracts/:id only" },
        auditTrail: { type: "array", items: { type: "object" }, description: "GET /contracts/:id only" },
        flags: { type: "array", items: { type: "object" }, description: "GET /contracts/:id, bureau and admins only" },
      },
    },
    ContractInput: {
      type: "object",
      required: ["signedAt"],
      description: "Direct entry needs type, title, sellerOrgId, buyerOrgId, contractAmountFen, nonTechnicalCostsFen; from an accepted offer (offerId) they are prefilled.",
      properties: {
        type: { type: "string", enum: [...CONTRACT_TYPES] },
        subtype: { type: "string" },
        title: { type: "string", maxLength: 200 },
        sellerOrgId: { type: "string" },
        buyerOrgId: { type: "string" },
        brokerOrgId: { type: "string" },
        brokerUserId: { type: "string", description: "ignored when a live lead on the two parties names the broker" },
        commission: { type: "object", additionalProperties: false, properties: { rateBp: { type: "integer", minimum: 0, maximum: 10000 }, amountFen: { type: "integer", minimum: 0 } } },
        contractAmountFen: fen,
        nonTechnicalCostsFen: fen,
        signedAt: date,
        validUntil: date,
        offerId: { type: "string" },
        resultId: { type: "string" },
        needId: { type: "string" },
        field: { type: "string", enum: [...FIELDS] },
        ipType: { type: "string", enum: [...IP_TYPES] },
      },
    },
    ContractStats: {
      type: "object",
      properties: {
        year: { type: "integer" },
        groupBy: { type: "string", enum: [...GROUP_BY] },
        totals: figures,
        groups: { type: "array", items: { allOf: [figures, { type: "object", properties: { key: { type: "string" } } }] } },
        target: {
          type: "object",
          properties: {
            amountFen: { type: ["integer", "null"] },
            lastYearAmountFen: fen,
            growthRate: { type: ["number", "null"] },
            progress: { type: ["number", "null"] },
          },
        },
        bayArea: figures,
      },
    },
  },
  paths: {
    "/api/v1/offers": {
      get: {
        summary: "My organization's offers and proposals",
        parameters: [query("status", { type: "string" }), query("side", { type: "string", enum: ["made", "received"] }), query("page", { type: "integer" }), query("pageSize", { type: "integer", maximum: 100 })],
        responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Offer") }, total: { type: "integer" } } }), ...common },
      },
      post: {
        summary: "Offer on a published result (company, broker) or proposal on a published need (researcher, broker)",
        requestBody: body({ type: "object", properties: { resultId: { type: "string" }, needId: { type: "string" }, amountFen: { type: ["integer", "null"] }, mode: { type: "string", enum: [...TRANSFER_MODES] }, message: { type: "string" }, eventId: { type: "string", description: "the matchmaking event (registered for) where this negotiation started" } } }),
        responses: { "201": json(ref("Offer"), "created"), ...write },
      },
    },
    "/api/v1/offers/{id}": { get: { summary: "An offer with its thread (the two parties)", parameters: [idParam], responses: { "200": json(ref("Offer")), ...common } } },
    "/api/v1/offers/{id}/messages": {
      post: {
        summary: "A message, or a counter-offer (counterAmountFen) that makes the other side the one to answer",
        parameters: [idParam],
        requestBody: body({ type: "object", required: ["body"], properties: { body: { type: "string" }, counterAmountFen: fen } }),
        responses: { "201": json({ type: "object" }, "created"), ...write },
      },
    },
    ...Object.fromEntries(
      (["accept", "reject", "withdraw"] as const).map((a) => [
        `/api/v1/offers/{id}/${a}`,
        { post: { summary: a === "withdraw" ? "Withdraw (the side that made the current offer)" : `${a[0]!.toUpperCase()}${a.slice(1)} (the side that must answer)`, parameters: [idParam], responses: { "200": json(ref("Offer")), ...write } } },
      ]),
    ),
    "/api/v1/contracts": {
      get: {
        summary: "Contracts visible to the caller, with the dashboard's filter keys and the sums of all matches",
        parameters: [...contractFilters, query("page", { type: "integer" }), query("pageSize", { type: "integer", maximum: 100 })],
        responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Contract") }, total: { type: "integer" }, totals: figures } }), ...common },
      },
      post: { summary: "A new draft contract", requestBody: body(ref("ContractInput")), responses: { "201": json(ref("Contract"), "created"), ...write } },
    },
    "/api/v1/contracts/{id}": {
      get: { summary: "A contract with versions and audit trail (parties, broker, bureau, admin)", parameters: [idParam], responses: { "200": json(ref("Contract")), ...common } },
      patch: { summary: "Edit a draft or returned contract", parameters: [idParam], requestBody: body(ref("ContractInput")), responses: { "200": json(ref("Contract")), ...write } },
      delete: {
        summary: "Delete a draft (whoever entered it, or their organization); audited",
        parameters: [idParam],
        responses: { "200": json({ type: "object", properties: { id: { type: "string" }, deleted: { type: "boolean" } } }, "deleted"), ...write },
      },
    },
    "/api/v1/contracts/{id}/submit": { post: { summary: "Submit for registration (seller side, broker, bureau)", parameters: [idParam], responses: { "200": json(ref("Contract")), ...write } } },
    "/api/v1/contracts/{id}/review": {
      post: {
        summary: "Register, return for correction or reject (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", required: ["decision"], properties: { decision: { type: "string", enum: ["register", "return", "reject"] }, note: { type: "string" } } }),
        responses: { "200": json(ref("Contract")), ...write },
      },
    },
    "/api/v1/contracts/{id}/amend": {
      post: {
        summary: "Amend a registered contract's amounts: a new version (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", required: ["reason"], properties: { contractAmountFen: fen, nonTechnicalCostsFen: fen, reason: { type: "string" } } }),
        responses: { "200": json(ref("Contract")), ...write },
      },
    },
    "/api/v1/contracts/{id}/cancel": {
      post: { summary: "Cancel (注销) a registration (bureau, admin)", parameters: [idParam], requestBody: body({ type: "object", required: ["reason"], properties: { reason: { type: "string" } } }), responses: { "200": json(ref("Contract")), ...write } },
    },
    "/api/v1/contracts/import": {
      post: {
        summary: "Import registered contracts of earlier years, all or nothing (bureau, admin)",
        requestBody: body({ type: "object", required: ["contracts"], properties: { contracts: { type: "array", items: { type: "object" } } } }),
        responses: { "201": json({ type: "object", properties: { imported: { type: "integer" }, ids: { type: "array", items: { type: "string" } } } }, "imported"), ...write, "409": error("duplicate registration numbers (fields name each line)") },
      },
    },
    "/api/v1/contracts/registration-points": {
      get: {
        summary: "The registration points (登记点) of registration numbers: the default and each bureau organization's (bureau, admin)",
        responses: { "200": json(ref("RegistrationPoints")), ...common },
      },
      put: {
        summary: "Set a bureau organization's registration point, or the default with organizationId null (bureau, admin); audited",
        requestBody: body({
          type: "object",
          required: ["organizationId", "point"],
          additionalProperties: false,
          properties: { organizationId: { type: ["string", "null"] }, point: { type: "string", pattern: "^(0[1-9]|[1-9][0-9])$" } },
        }),
        responses: { "200": json(ref("RegistrationPoints")), ...write },
      },
    },
    "/api/v1/contracts.csv": { get: { summary: "The contracts list as CSV", parameters: contractFilters, responses: { "200": { description: "text/csv" }, ...common } } },
    "/api/v1/contracts.xlsx": { get: { summary: "The contracts list as XLSX", parameters: contractFilters, responses: { "200": { description: "XLSX workbook" }, ...common } } },
    "/api/v1/stats/contracts": {
      get: {
        summary: "Dashboard figures for a registration year (bureau, admin)",
        parameters: [{ name: "year", in: "query", required: true, schema: { type: "integer" } }, query("groupBy", { type: "string", enum: [...GROUP_BY] }), ...contractFilters.filter((p) => p.name !== "year")],
        responses: { "200": json(ref("ContractStats")), ...common, "400": error("invalid year or groupBy") },
      },
    },
    "/api/v1/stats/contracts.csv": { get: { summary: "A breakdown as CSV", responses: { "200": { description: "text/csv" }, ...common } } },
    "/api/v1/stats/contracts.xlsx": { get: { summary: "A breakdown as XLSX", responses: { "200": { description: "XLSX workbook" }, ...common } } },
    "/api/v1/stats/public": { get: { summary: "Public aggregates: totals, by type, field and month; no contract details", parameters: [query("year", { type: "integer" })], responses: { "200": json({ type: "object" }) } } },
    "/api/v1/stats/targets/{year}": {
      get: { summary: "The year's targets (city and counties)", parameters: [{ name: "year", in: "path", required: true, schema: { type: "integer" } }], responses: { "200": json({ type: "object" }), ...common } },
      put: {
        summary: "Set the city's (regionCode empty) or a county's target (bureau, admin)",
        parameters: [{ name: "year", in: "path", required: true, schema: { type: "integer" } }],
        requestBody: body({ type: "object", required: ["amountFen"], properties: { amountFen: fen, regionCode: { type: "string" } } }),
        responses: { "200": json({ type: "object" }), ...write },
      },
    },
    "/api/v1/stats/verify": { get: { summary: "The dashboard rollup against a fresh GROUP BY over the contracts", parameters: [query("year", { type: "integer" })], responses: { "200": json({ type: "object", properties: { ok: { type: "boolean" }, mismatches: { type: "array", items: { type: "object" } } } }), ...common } } },
    "/api/v1/audit": {
      get: {
        summary: "One entity's audit history (bureau, admin)",
        parameters: [{ name: "entityType", in: "query", required: true, schema: { type: "string" } }, { name: "entityId", in: "query", required: true, schema: { type: "string" } }],
        responses: { "200": json({ type: "object" }), ...common },
      },
    },
    "/api/v1/audit/verify": {
      get: {
        summary: "Re-walks the audit hash chain (bureau, admin)",
        responses: { "200": json({ type: "object", properties: { ok: { type: "boolean" }, events: { type: "integer" }, firstBrokenEventId: { type: "string" } } }), ...common },
      },
    },
    "/api/v1/anomalies": {
      get: {
        summary: "Anomaly flags (bureau, admin)",
        parameters: [query("status", { type: "string", enum: ["open", "resolved", "all"] }), query("kind", { type: "string", enum: [...ANOMALY_KINDS] }), query("year", { type: "integer" })],
        responses: { "200": json({ type: "object" }), ...common },
      },
    },
    "/api/v1/anomalies/scan": { post: { summary: "Re-check a registration year", requestBody: body({ type: "object", required: ["year"], properties: { year: { type: "integer" } } }), responses: { "200": json({ type: "object" }), ...write } } },
    "/api/v1/anomalies/{id}/resolve": {
      post: { summary: "Record the bureau's conclusion on a flag", parameters: [idParam], requestBody: body({ type: "object", required: ["resolution"], properties: { resolution: { type: "string" } } }), responses: { "200": json({ type: "object" }), ...write } },
    },
  },
};
