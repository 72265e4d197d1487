// The OpenAPI paths and schemas of brokers and leads, merged into app/api/openapi.ts.
import { FIELDS } from "../domain/catalog.ts";
import { LEAD_STATUSES } from "../leads/schemas.ts";
import { BROKER_LEVELS } from "./schemas.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const query = (name: string, schema: object) => ({ name, in: "query", required: false, schema });
const common = { "401": error("no or bad token"), "403": error("not allowed"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field") };
const time = { type: "string", format: "date-time" };
const page = [query("page", { type: "integer", minimum: 1 }), query("pageSize", { type: "integer", minimum: 1, maximum: 100 })];
const orgRef = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
const list = (item: string) => json({ type: "object", properties: { items: { type: "array", items: ref(item) }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } });

const brokerInput = {
  type: "object",
  additionalProperties: false,
  properties: {
    level: { type: "string", enum: [...BROKER_LEVELS], description: "junior 初级技术经纪人, intermediate 中级技术经纪人, senior 高级技术经理人" },
    certificateNumber: { type: ["string", "null"], maxLength: 40, description: "required for intermediate and senior" },
    fields: { type: "array", items: { type: "string", enum: [...FIELDS] }, maxItems: 12 },
    regions: { type: "array", items: { type: "string", pattern: "^\\d{6}$" }, maxItems: 30 },
    bio: { type: "string", maxLength: 2000 },
    brokerOrgId: { type: "string", description: "the one broker organization (default: the caller's organization; else a verified agency)" },
  },
};

export const brokersOpenApi = {
  schemas: {
    Broker: {
      type: "object",
      properties: {
        id: { type: "string", description: "the broker's user id" },
        userId: { type: "string" },
        name: { type: "string" },
        level: { type: "string", enum: [...BROKER_LEVELS] },
        certificateNumber: { type: ["string", "null"] },
        fields: { type: "array", items: { type: "string" } },
        regions: { type: "array", items: { type: "string" } },
        bio: { type: "string" },
        brokerOrgId: { type: "string" },
        brokerOrg: orgRef,
        verified: { type: "boolean" },
        verifiedAt: { type: ["string", "null"], format: "date-time" },
        record: {
          type: "object",
          description: "from the leads and the contracts attributed to the broker",
          properties: {
            leads: { type: "integer" },
            convertedLeads: { type: "integer", description: "leads with a contract (not rejected or cancelled)" },
            conversionBp: { type: "integer", description: "convertedLeads / leads in basis points" },
            deals: { type: "integer" },
            registeredContracts: { type: "integer" },
            registeredAmountFen: { type: "integer", description: "技术交易额 of the registered contracts" },
            commissionAgreedFen: { type: "integer" },
          },
        },
      },
    },
    Lead: {
      type: "object",
      properties: {
        id: { type: "string" },
        brokerId: { type: "string", description: "the broker's user id" },
        brokerOrgId: { type: "string" },
        broker: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, org: orgRef } },
        buyerOrgId: { type: "string" },
        sellerOrgId: { type: "string" },
        needId: { type: ["string", "null"] },
        resultId: { type: ["string", "null"] },
        note: { type: "string" },
        status: { type: "string", enum: [...LEAD_STATUSES] },
        createdAt: time,
        expiresAt: { ...time, description: "createdAt + LEAD_ATTRIBUTION_DAYS" },
        waivedAt: { type: ["string", "null"], format: "date-time" },
      },
    },
  },
  paths: {
    "/api/v1/brokers": {
      get: {
        tags: ["Brokers"],
        summary: "The broker directory: verified brokers with their record (bureau/admin: verified=no|all)",
        security: [{}, { bearerAuth: [] }],
        parameters: [query("field", { type: "string" }), query("region", { type: "string" }), query("level", { type: "string", enum: [...BROKER_LEVELS] }), query("verified", { type: "string", enum: ["yes", "no", "all"] }), ...page],
        responses: { "200": list("Broker"), "400": error("invalid query") },
      },
      post: {
        tags: ["Brokers"],
        summary: "Create the caller's broker profile (brokers)",
        requestBody: body({ ...brokerInput, required: ["level"] }),
        responses: { "201": json(ref("Broker"), "created, unverified"), ...write, "409": error("the caller already has a profile") },
      },
    },
    "/api/v1/brokers/{id}": {
      get: {
        tags: ["Brokers"],
        summary: "One broker (public once verified)",
        security: [{}, { bearerAuth: [] }],
        parameters: [idParam],
        responses: { "200": json(ref("Broker")), "404": error("not found") },
      },
      patch: {
        tags: ["Brokers"],
        summary: "Edit the profile (the broker, admin); a new level, certificate or organization needs verification again",
        parameters: [idParam],
        requestBody: body(brokerInput),
        responses: { "200": json(ref("Broker")), ...write },
      },
    },
    "/api/v1/brokers/{id}/verify": {
      post: {
        tags: ["Brokers"],
        summary: "Verify (or revoke) a broker profile (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, properties: { decision: { type: "string", enum: ["verify", "revoke"], default: "verify" }, note: { type: "string" } } }),
        responses: { "200": json(ref("Broker")), ...write },
      },
    },
    "/api/v1/leads": {
      get: {
        tags: ["Brokers"],
        summary: "Leads: the broker's own, those naming the caller's organization (who introduced them), all for bureau/admin",
        parameters: [query("status", { type: "string", enum: [...LEAD_STATUSES] }), query("brokerId", { type: "string" }), ...page],
        responses: { "200": list("Lead"), "400": error("invalid query"), "401": error("no or bad token") },
      },
      post: {
        tags: ["Brokers"],
        summary: "File a lead (线索备案, brokers): a need and a result, or a buyer and a seller organization; the first live lead on a pair wins",
        requestBody: body({
          type: "object",
          additionalProperties: false,
          required: ["note"],
          properties: { needId: { type: "string" }, resultId: { type: "string" }, buyerOrgId: { type: "string" }, sellerOrgId: { type: "string" }, note: { type: "string", maxLength: 2000 } },
        }),
        responses: {
          "201": json({ type: "object", properties: { lead: ref("Lead") } }, "filed"),
          ...write,
          "403": error("not a broker, or a party is the broker's own organization"),
          "409": error("`lead_exists`: an earlier live lead on the pair; the message gives its time, never its broker"),
        },
      },
    },
    "/api/v1/leads/{id}/waive": {
      post: {
        tags: ["Brokers"],
        summary: "The broker waives the attribution: later offers and contracts between the two carry no broker",
        parameters: [idParam],
        responses: { "200": json({ type: "object", properties: { lead: ref("Lead") } }), ...common, "409": error("already waived") },
      },
    },
  },
};
