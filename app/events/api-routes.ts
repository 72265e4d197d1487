// The /api/v1/events endpoints (matchmaking fairs and roadshows), for the OpenAPI document.
import { z } from "zod";
import { authErrors, dateTime, fenSum, ok, writeErrors, type ApiRoute } from "../api/openapi/spec.ts";
import {
  checkInSchema,
  EVENT_KINDS,
  eventCancelSchema,
  eventCreateSchema,
  registrationQuerySchema,
  registrationSchema,
} from "./schemas.ts";

const time = () => dateTime().meta({ example: "2026-12-18T09:00:00+08:00" });

export const Event = z
  .object({
    id: z.string(),
    kind: z.enum(EVENT_KINDS).describe("fair 对接会, roadshow 路演"),
    title: z.string(),
    description: z.string(),
    venue: z.string(),
    regionCode: z.string(),
    startsAt: time(),
    endsAt: time(),
    capacity: z.number().int().nullable(),
    registered: z.number().int(),
    status: z.enum(["published", "cancelled"]),
    organizer: z.object({ id: z.string(), name: z.string(), verified: z.boolean().optional() }).nullable(),
    createdAt: time(),
  })
  .meta({ id: "Event" });

const listing = z.object({ id: z.string(), title: z.string(), organization: z.string() });
const EventDetail = Event.extend({
  checkedIn: z.number().int(),
  results: z.array(listing).describe("published results presented"),
  needs: z.array(listing).describe("published needs looking for partners"),
  myRegistration: z
    .object({
      checkInCode: z.string(),
      checkInToken: z.string().describe("what the registration's QR code carries"),
      checkedInAt: time().nullable(),
      registeredAt: time(),
    })
    .nullable(),
  outcomes: z
    .object({
      offers: z.number().int(),
      acceptedOffers: z.number().int(),
      registeredContracts: z.number().int(),
      contractAmountFen: fenSum(),
      techTransactionAmountFen: fenSum(),
    })
    .describe("offers started at the event, agreed deals, registered contracts and their amount"),
}).meta({ id: "EventDetail" });

const EventInput = eventCreateSchema.meta({ id: "EventInput" });

export const eventApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/events",
    tags: ["Events"],
    summary: "Matchmaking fairs and roadshows, upcoming (by start) or past (newest first)",
    auth: "public",
    request: {
      query: z.object({
        when: z.enum(["upcoming", "past"]).default("upcoming").optional(),
        page: z.number().int().min(1).optional(),
        pageSize: z.number().int().min(1).max(100).optional(),
      }),
    },
    responses: {
      200: ok(
        z.object({
          items: z.array(Event),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        }),
      ),
      400: "BadRequest",
    },
  },
  {
    method: "post",
    path: "/api/v1/events",
    tags: ["Events"],
    summary: "Publish an event (bureau, admin)",
    request: { body: EventInput },
    responses: { 201: ok(Event, "published"), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/events/{id}",
    tags: ["Events"],
    summary:
      "An event with the listings it presents, its outcomes (offers started there, deals, registered contracts) and the caller's registration",
    auth: "public",
    responses: { 200: ok(EventDetail), 401: "Unauthorized", 404: "NotFound" },
  },
  {
    method: "get",
    path: "/api/v1/events/{id}/registrations",
    tags: ["Events"],
    summary: "Registrations with their check-in state (bureau, admin); `q` finds them by name, email or phone",
    request: { query: registrationQuerySchema },
    responses: {
      200: ok(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              phone: z.string().describe("digits, as the registrant gave them; empty when not given"),
              registeredAt: time(),
              checkedInAt: time().nullable(),
              user: z.object({
                id: z.string(),
                name: z.string(),
                email: z.string(),
                role: z.string(),
                organization: z
                  .object({ id: z.string(), name: z.string(), verified: z.boolean().optional() })
                  .nullable(),
              }),
            }),
          ),
        }),
      ),
      400: "BadRequest",
      ...authErrors,
    },
  },
  {
    method: "post",
    path: "/api/v1/events/{id}/registrations",
    tags: ["Events"],
    summary: "Register the caller; answers the check-in code and the QR code's token",
    description:
      "An optional phone lets the desk find the registrant. 409 `event_full`, `already_registered`, or `invalid_state` (cancelled or over).",
    request: { body: registrationSchema },
    responses: {
      201: ok(
        z.object({
          id: z.string(),
          eventId: z.string(),
          checkInCode: z.string(),
          checkInToken: z.string(),
          registeredAt: time(),
          checkedInAt: time().nullable(),
        }),
        "registered",
      ),
      ...writeErrors,
    },
  },
  {
    method: "delete",
    path: "/api/v1/events/{id}/registrations",
    tags: ["Events"],
    summary: "Withdraw the caller's registration (not once checked in)",
    responses: { 200: ok(z.object({ eventId: z.string(), registered: z.literal(false) })), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/events/{id}/check-in",
    tags: ["Events"],
    summary: "Check a participant in by code, QR token or registration id (bureau, admin); twice answers already:true",
    description:
      "Give one of `code`, `token` or `registrationId`. Outside the event's days (Asia/Shanghai) a 409 `check_in_not_today`, unless `override: {reason}` is given; the reason is kept in the audit trail.",
    request: { body: checkInSchema },
    responses: {
      200: ok(
        z.object({
          registrationId: z.string(),
          name: z.string(),
          checkedInAt: time(),
          already: z.boolean(),
          override: z.boolean().describe("checked in outside the event's days, with a reason"),
        }),
      ),
      ...writeErrors,
    },
  },
  {
    method: "post",
    path: "/api/v1/events/{id}/cancel",
    tags: ["Events"],
    summary: "Cancel an event and tell the participants (bureau, admin)",
    request: { body: eventCancelSchema },
    responses: { 200: ok(Event), ...writeErrors },
  },
];
