// GET /api/v1/stats/verify?year= (bureau, admin) → {"ok":true,"mismatches":[]} when the dashboard's
// rollup equals a fresh GROUP BY over the registered contracts (for every year, or one).
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { publicStatsQuerySchema } from "../stats/schemas.ts";
import { verifyContractStats } from "../stats/stats.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:stats:any");
    const { year } = parseQuery(request, publicStatsQuerySchema);
    return apiJson(await verifyContractStats(year));
  });
}
