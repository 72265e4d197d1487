// /api/v1/events/:id/registrations
//   POST (signed in): registers the caller → 201 {"checkInCode",…}; 409 when full, over,
//        cancelled or already registered.
//   DELETE: withdraws the caller's registration (not once checked in).
//   GET (bureau, admin): every registration with its check-in state.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { requireMethod, type RouteArgs } from "../api/http.server.ts";
import { cancelRegistration, listRegistrations, registerForEvent } from "../events/events.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    // listRegistrations refuses anyone but staff
    return apiJson({ items: await listRegistrations(user, params.id ?? "") });
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
    const reg = await registerForEvent(user, eventId);
    return apiJson(
      {
        eventId,
        id: reg.id,
        checkInCode: reg.checkInCode,
        registeredAt: reg.createdAt.toISOString(),
        checkedInAt: null,
      },
      201,
    );
  });
}
