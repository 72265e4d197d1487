// GET /api/v1/events?when=upcoming|past&page=&pageSize= (public): matchmaking fairs and roadshows.
// POST /api/v1/events (bureau, admin): publishes one → 201.
import { z } from "zod";
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createEvent, eventJson, listEvents, requireEventStaff } from "../events/events.server.ts";
import { eventCreateSchema } from "../events/schemas.ts";

const listQuery = z.strictObject({
  when: z
    .enum(["upcoming", "past"], { error: "when 应为 upcoming 或 past / when must be upcoming or past" })
    .default("upcoming"),
  page: z.coerce
    .number({ error: "page 应为正整数 / page must be a positive integer" })
    .int()
    .min(1)
    .max(10_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize 应为 1–100 / pageSize must be 1–100" })
    .int()
    .min(1)
    .max(100)
    .default(20),
});

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    return apiJson(await listEvents(parseQuery(request, listQuery)));
  });
}

export const action = apiAction(
  { method: "POST", permission: requireEventStaff, schema: eventCreateSchema, status: 201 },
  async ({ input, user }) => eventJson(await createEvent(user, input)),
);
