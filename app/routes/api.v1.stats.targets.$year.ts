// GET /api/v1/stats/targets/:year (bureau, admin) — the city's and the counties' targets.
// PUT /api/v1/stats/targets/:year {"amountFen","regionCode"?} (bureau, admin) — sets one; audited.
import { apiJson, handleApi, invalidFromZod, requireApiUser, requirePermission } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { targetSchema, yearSchema } from "../stats/schemas.ts";
import { listTargets, setTarget } from "../stats/stats.server.ts";

function yearParam(value: string | undefined) {
  const parsed = yearSchema.safeParse(value);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:stats:any");
    return apiJson(await listTargets(yearParam(params.year)));
  });
}

export const action = apiAction(
  { method: ["PUT", "POST"], permission: "update:target:any", schema: targetSchema },
  ({ params, input, user }) => setTarget(yearParam(params.year), input, user),
);
