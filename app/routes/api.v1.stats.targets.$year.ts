// GET /api/v1/stats/targets/:year (bureau, admin) — the city's and the counties' targets.
// PUT /api/v1/stats/targets/:year {"amountFen","regionCode"?} (bureau, admin) — sets one; audited.
import { apiJson, handleApi, invalidFromZod, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { requireMethod, type RouteArgs } from "../contracts/http.server.ts";
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

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "PUT", "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "update:target:any");
    const year = yearParam(params.year);
    const input = await readJson(request, targetSchema);
    return apiJson(await setTarget(year, input, user));
  });
}
