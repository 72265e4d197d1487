// The OpenAPI paths and schemas of matchmaking fairs and roadshows, merged into app/api/openapi.ts.
import { EVENT_KINDS } from "./schemas.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const common = { "401": error("no or bad token"), "403": error("not allowed"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field"), "409": error("not allowed in the event's state") };
const time = { type: "string", format: "date-time", example: "2026-12-18T09:00:00+08:00" };
const ids = { type: "array", maxItems: 50, items: { type: "string" } };

export const eventsOpenApi = {
  schemas: {
    Event: {
      type: "object",
      properties: {
        id: { type: "string" },
        kind: { type: "string", enum: [...EVENT_KINDS], description: "fair 对接会, roadshow 路演" },
        title: { type: "string" },
        description: { type: "string" },
        venue: { type: "string" },
        regionCode: { type: "string" },
        startsAt: time,
        endsAt: time,
        capacity: { type: ["integer", "null"] },
        registered: { type: "integer" },
        status: { type: "string", enum: ["published", "cancelled"] },
        organizer: { type: ["object", "null"], properties: { id: { type: "string" }, name: { type: "string" } } },
        createdAt: time,
      },
    },
  },
  paths: {
    "/api/v1/events": {
      get: {
        tags: ["Events"],
        summary: "Matchmaking fairs and roadshows, upcoming (by start) or past (newest first)",
        security: [{}, { bearerAuth: [] }],
        parameters: [
          { name: "when", in: "query", schema: { type: "string", enum: ["upcoming", "past"], default: "upcoming" } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: { "200": json({ type: "object", properties: { items: { type: "array", items: ref("Event") }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } } }), "400": error("invalid query") },
      },
      post: {
        tags: ["Events"],
        summary: "Publish an event (bureau, admin)",
        requestBody: body({
          type: "object",
          additionalProperties: false,
          required: ["kind", "title", "venue", "regionCode", "startsAt", "endsAt"],
          properties: {
            kind: { type: "string", enum: [...EVENT_KINDS] },
            title: { type: "string", maxLength: 120 },
            description: { type: "string", maxLength: 5000 },
            venue: { type: "string", maxLength: 200 },
            regionCode: { type: "string" },
            startsAt: time,
            endsAt: time,
            capacity: { type: ["integer", "null"], minimum: 1 },
            resultIds: { ...ids, description: "published results presented" },
            needIds: { ...ids, description: "published needs looking for partners" },
          },
        }),
        responses: { "201": json(ref("Event"), "published"), ...write },
      },
    },
    "/api/v1/events/{id}": {
      get: {
        tags: ["Events"],
        summary: "An event with the listings it presents, its outcomes (offers started there, deals, registered contracts) and the caller's registration",
        security: [{}, { bearerAuth: [] }],
        parameters: [idParam],
        responses: { "200": json(ref("Event")), "404": error("no such event") },
      },
    },
    "/api/v1/events/{id}/registrations": {
      get: { tags: ["Events"], summary: "Registrations with their check-in state (bureau, admin)", parameters: [idParam], responses: { "200": json({ type: "object" }), ...common } },
      post: {
        tags: ["Events"],
        summary: "Register the caller; answers the check-in code",
        description: "409 `event_full`, `already_registered`, or `invalid_state` (cancelled or over).",
        parameters: [idParam],
        responses: { "201": json({ type: "object", properties: { id: { type: "string" }, eventId: { type: "string" }, checkInCode: { type: "string" }, registeredAt: time } }), ...write },
      },
      delete: { tags: ["Events"], summary: "Withdraw the caller's registration (not once checked in)", parameters: [idParam], responses: { "200": json({ type: "object" }), ...write } },
    },
    "/api/v1/events/{id}/check-in": {
      post: {
        tags: ["Events"],
        summary: "Check a participant in by code (bureau, admin); twice answers already:true",
        parameters: [idParam],
        requestBody: body({ type: "object", required: ["code"], properties: { code: { type: "string" } } }),
        responses: { "200": json({ type: "object", properties: { name: { type: "string" }, checkedInAt: time, already: { type: "boolean" } } }), ...write },
      },
    },
    "/api/v1/events/{id}/cancel": {
      post: {
        tags: ["Events"],
        summary: "Cancel an event and tell the participants (bureau, admin)",
        parameters: [idParam],
        requestBody: body({ type: "object", required: ["reason"], properties: { reason: { type: "string" } } }),
        responses: { "200": json(ref("Event")), ...write },
      },
    },
  },
};
