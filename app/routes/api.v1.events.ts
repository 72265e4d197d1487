// GET /api/v1/events?when=upcoming|past&page=&pageSize= (public): matchmaking fairs and roadshows.
// POST /api/v1/events (bureau, admin): publishes one → 201.
import { z } from "zod";
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createEvent, eventJson, listEvents, requireEventStaff } from "../events/events.server.ts";
import { eventCreateSchema } from "../events/schemas.ts";
import { pageQueryShape } from "../domain/schema-fields.ts";

const listQuery = z.strictObject({
  when: z
    .enum(["upcoming", "past"], { error: "when 应为 upcoming 或 past / when must be upcoming or past" })
    .default("upcoming"),
  ...pageQueryShape,
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
