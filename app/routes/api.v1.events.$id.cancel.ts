// POST /api/v1/events/:id/cancel {"reason"} (bureau, admin): cancels the event and tells everyone
// registered; a cancelled event takes no registrations (409).
import { apiJson, errors, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { cancelEvent, eventJson, isEventStaff } from "../events/events.server.ts";
import { eventCancelSchema } from "../events/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    if (!isEventStaff(user)) throw errors.forbidden("只有科技局工作人员可以管理对接活动 / Only bureau staff manage events");
    const { reason } = await readJson(request, eventCancelSchema);
    return apiJson(eventJson(await cancelEvent(user, params.id ?? "", reason)));
  });
}
