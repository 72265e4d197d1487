// The OpenAPI paths and schemas of sub-centres (分中心), merged into app/api/openapi.ts.
import { SCORE_CATEGORIES, SUBCENTRE_KINDS, VISIT_OUTCOMES } from "./schemas.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const yearParam = { name: "year", in: "query", required: false, schema: { type: "integer" }, description: "default: this year (Asia/Shanghai)" };
const common = { "401": error("no or bad token"), "403": error("not allowed (another sub-centre's staff, another role)"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field") };
const time = { type: "string", format: "date-time" };
const fen = { type: "integer", minimum: 0 };
const bp = { type: ["integer", "null"], description: "basis points (10000 = 100%)" };

const dispatch = {
  type: "object",
  properties: {
    id: { type: "string" },
    needId: { type: "string" },
    subcentreId: { type: "string" },
    dueAt: time,
    status: { type: "string", enum: ["open", "done"] },
    overdue: { type: "boolean" },
    visits: { type: "array", items: { type: "object", properties: { id: { type: "string" }, visitedAt: time, outcome: { type: "string", enum: [...VISIT_OUTCOMES] }, note: { type: "string" } } } },
  },
};

export const subcentresOpenApi = {
  schemas: {
    Subcentre: {
      type: "object",
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        kind: { type: "string", enum: [...SUBCENTRE_KINDS] },
        regionCode: { type: "string" },
        operatorOrgId: { type: ["string", "null"] },
        parentId: { type: ["string", "null"], description: "the city centre" },
        description: { type: "string" },
        delegatedReview: { type: "boolean", description: "first-level review of its affiliated organizations' listings is delegated to it" },
        affiliatedOrganizations: { type: "integer" },
        staffCount: { type: "integer" },
      },
    },
    SubcentreStats: {
      type: "object",
      properties: {
        year: { type: "integer" },
        needsCollected: { type: "integer" },
        resultsPublished: { type: "integer" },
        matches: { type: "integer" },
        offers: { type: "integer" },
        deals: { type: "integer", description: "accepted offers" },
        registeredContracts: { type: "integer" },
        registeredAmountFen: { ...fen, description: "技术合同成交额 of its registered contracts" },
        techTransactionAmountFen: fen,
        paidFen: { ...fen, description: "confirmed on the platform that year" },
        cityAmountFen: fen,
        shareOfCityBp: bp,
        target: { type: ["object", "null"], properties: { amountFen: fen, progressBp: bp } },
        bayArea: { type: "object", properties: { amountFen: fen, shareBp: bp } },
      },
    },
  },
  paths: {
    "/api/v1/subcentres": {
      get: { tags: ["Sub-centres"], summary: "The city centre and its sub-centres", security: [{}, { bearerAuth: [] }], responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Subcentre") } } }) } },
      post: {
        tags: ["Sub-centres"],
        summary: "Create a sub-centre (bureau, admin)",
        requestBody: body({
          type: "object",
          additionalProperties: false,
          required: ["name", "kind", "regionCode"],
          properties: { name: { type: "string" }, kind: { type: "string", enum: [...SUBCENTRE_KINDS] }, regionCode: { type: "string" }, operatorOrgId: { type: "string" }, parentId: { type: "string" }, description: { type: "string" }, delegatedReview: { type: "boolean" } },
        }),
        responses: { "201": json(ref("Subcentre"), "created"), ...write },
      },
    },
    "/api/v1/subcentres/scorecard": {
      get: {
        tags: ["Sub-centres"],
        summary: "The annual 100-point scorecard (basics 10, service results 30, capability 30, management 20, reputation 10), ranked",
        security: [{}, { bearerAuth: [] }],
        parameters: [yearParam],
        responses: { "200": json({ type: "object", properties: { year: { type: "integer" }, items: { type: "array", items: { type: "object" } } } }), "400": error("invalid year") },
      },
    },
    "/api/v1/subcentres/{id}": {
      get: { tags: ["Sub-centres"], summary: "One sub-centre", security: [{}, { bearerAuth: [] }], parameters: [idParam], responses: { "200": json(ref("Subcentre")), "404": error("not found") } },
      patch: {
        tags: ["Sub-centres"],
        summary: "Edit a sub-centre, delegate review, set the year's target (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, properties: { name: { type: "string" }, operatorOrgId: { type: ["string", "null"] }, description: { type: "string" }, delegatedReview: { type: "boolean" }, target: { type: "object", properties: { year: { type: "integer" }, amountFen: fen } } } }),
        responses: { "200": json(ref("Subcentre")), ...write },
      },
    },
    "/api/v1/subcentres/{id}/stats": {
      get: { tags: ["Sub-centres"], summary: "The sub-centre's figures for a year", security: [{}, { bearerAuth: [] }], parameters: [idParam, yearParam], responses: { "200": json(ref("SubcentreStats")), "400": error("invalid year"), "404": error("not found") } },
    },
    "/api/v1/subcentres/{id}/desk": {
      get: { tags: ["Sub-centres"], summary: "Staff desk: dispatched needs and listings waiting for delegated review (its staff, bureau, admin)", parameters: [idParam], responses: { "200": json({ type: "object", properties: { dispatches: { type: "array", items: dispatch }, pendingReview: { type: "array", items: { type: "object" } } } }), ...common } },
    },
    "/api/v1/subcentres/{id}/affiliations": {
      post: { tags: ["Sub-centres"], summary: "Affiliate organizations with the sub-centre (bureau, admin)", parameters: [idParam], requestBody: body({ type: "object", additionalProperties: false, required: ["organizationIds"], properties: { organizationIds: { type: "array", items: { type: "string" } } } }), responses: { "200": json({ type: "object" }), ...write } },
    },
    "/api/v1/subcentres/{id}/staff": {
      post: { tags: ["Sub-centres"], summary: "Make a user this sub-centre's staff (role subcentre, scoped to it; bureau, admin)", parameters: [idParam], requestBody: body({ type: "object", additionalProperties: false, required: ["userId"], properties: { userId: { type: "string" } } }), responses: { "200": json({ type: "object" }), ...write } },
    },
    "/api/v1/subcentres/{id}/scores": {
      put: {
        tags: ["Sub-centres"],
        summary: "Enter a scorecard category where the platform has no data, with a note (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, required: ["year", "category", "points", "note"], properties: { year: { type: "integer" }, category: { type: "string", enum: [...SCORE_CATEGORIES] }, points: { type: "integer", minimum: 0 }, note: { type: "string" } } }),
        responses: { "200": json({ type: "object" }), ...write },
      },
    },
    "/api/v1/needs/{id}/dispatch": {
      post: {
        tags: ["Sub-centres"],
        summary: "Dispatch a need to a sub-centre for follow-up by a due date (bureau, admin, city-centre staff)",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, required: ["subcentreId", "dueAt"], properties: { subcentreId: { type: "string" }, dueAt: time, note: { type: "string" } } }),
        responses: { "201": json(dispatch, "dispatched"), ...write },
      },
    },
    "/api/v1/dispatches/{id}/visits": {
      post: {
        tags: ["Sub-centres"],
        summary: "Record a visit and its outcome (the dispatch's sub-centre staff, bureau, admin); close: true finishes the dispatch",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, required: ["visitedAt", "outcome"], properties: { visitedAt: time, outcome: { type: "string", enum: [...VISIT_OUTCOMES] }, note: { type: "string" }, close: { type: "boolean" } } }),
        responses: { "201": json(dispatch, "recorded"), ...write, "409": error("the dispatch is closed") },
      },
    },
  },
};
