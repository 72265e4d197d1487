// POST /api/v1/events/:id/cancel {"reason"} (bureau, admin): cancels the event and tells everyone
// registered; a cancelled event takes no registrations (409).
import { apiAction, noLoader } from "../api/http.server.ts";
import { cancelEvent, eventJson, requireEventStaff } from "../events/events.server.ts";
import { eventCancelSchema } from "../events/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: requireEventStaff, schema: eventCancelSchema },
  async ({ params, input, user }) => eventJson(await cancelEvent(user, params.id ?? "", input.reason)),
);
