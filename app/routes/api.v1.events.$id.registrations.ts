// /api/v1/events/:id/registrations
//   POST (signed in) {"phone"?}: registers the caller → 201 {"checkInCode","checkInToken",…};
//        409 when full, over, cancelled or already registered.
//   DELETE: withdraws the caller's registration (not once checked in).
//   GET (bureau, admin) ?q=: registrations with their check-in state; q finds them by name, email
//        or phone (the desk's lookup).
import { apiJson, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { parseQuery, requireMethod, type RouteArgs } from "../api/http.server.ts";
import { listRegistrations } from "../events/check-in.server.ts";
import { cancelRegistration, registerForEvent, requireEventStaff } from "../events/events.server.ts";
import { registrationQuerySchema, registrationSchema } from "../events/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requireEventStaff(user);
    const { q } = parseQuery(request, registrationQuerySchema);
    return apiJson({ items: await listRegistrations(user, params.id ?? "", q) });
  });
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST", "DELETE");
    const method = request.method.toUpperCase();
    const user = await requireApiUser(request);
    const eventId = params.id ?? "";
    if (method === "DELETE") {
      await cancelRegistration(user, eventId);
      return apiJson({ eventId, registered: false });
    }
    const input = await readJson(request, registrationSchema);
    const reg = await registerForEvent(user, eventId, { phone: input.phone });
    return apiJson(
      {
        eventId,
        id: reg.id,
        checkInCode: reg.checkInCode,
        checkInToken: reg.checkInToken,
        registeredAt: reg.createdAt.toISOString(),
        checkedInAt: null,
      },
      201,
    );
  });
}
