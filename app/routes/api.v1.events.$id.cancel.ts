// POST /api/v1/events/:id/cancel {"reason"} (bureau, admin): cancels the event and tells everyone
// registered; a cancelled event takes no registrations (409).
import { apiJson, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { cancelEvent, eventJson, requireEventStaff } from "../events/events.server.ts";
import { eventCancelSchema } from "../events/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    // before the body is read: a 403, not a 400, for anyone else
    requireEventStaff(user);
    const { reason } = await readJson(request, eventCancelSchema);
    return apiJson(eventJson(await cancelEvent(user, params.id ?? "", reason)));
  });
}
