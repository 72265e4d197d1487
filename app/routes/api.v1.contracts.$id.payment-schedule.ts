// GET /api/v1/contracts/:id/payment-schedule — the milestones (what, due date, amount) with how
// much confirmed money covers each; PUT {"milestones":[{"title","dueDate","amountFen"}]} — either
// party replaces the schedule (sum ≤ the contract amount).
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { getSchedule, putSchedule } from "../payments/schedule.server.ts";
import { scheduleSchema } from "../payments/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await getSchedule(params.id!, user));
  });
}

export const action = apiAction({ method: "PUT", schema: scheduleSchema }, ({ params, user, input }) =>
  putSchedule(params.id!, input, user),
);
