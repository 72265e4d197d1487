// POST /api/v1/events/:id/check-in {"code"} (bureau, admin): checks a participant in at the door.
// A code of another event, or an unknown one, is a 404; checking in twice says so (already:true).
import { apiJson, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { checkIn, requireEventStaff } from "../events/events.server.ts";
import { checkInSchema } from "../events/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    // before the body is read: a 403, not a 400, for anyone else
    requireEventStaff(user);
    const { code } = await readJson(request, checkInSchema);
    const done = await checkIn(user, params.id ?? "", code);
    return apiJson({ name: done.name, checkedInAt: done.checkedInAt.toISOString(), already: done.already });
  });
}
