// GET /api/v1/stats/contracts?year=YYYY&groupBy=type|sellerRegion|buyerRegion|zone|field|month|sellerKind
// (bureau, admin) → {"year","totals","groups","target":{"amountFen","lastYearAmountFen","growthRate",
// "progress"},"bayArea",…} over registered, not cancelled contracts of that year (Asia/Shanghai).
// The contracts-list filters (type=, sellerRegion=, …) narrow the figures for a drill-down.
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { contractFiltersSchema } from "../contracts/schemas.ts";
import { statsQuerySchema } from "../stats/schemas.ts";
import { contractStats } from "../stats/stats.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:stats:any");
    const { year, groupBy } = parseQuery(request, statsQuerySchema);
    const filters = parseQuery(request, contractFiltersSchema);
    return apiJson(await contractStats({ year, groupBy, filters }));
  });
}
