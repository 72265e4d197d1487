// GET /api/v1/stats/contracts.xlsx?year=&groupBy= (bureau, admin) — the breakdown with a total row;
// accepts the same filters as the contracts list. `?lang=en` for English headers.
import { handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { exportLocale, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { contractFiltersSchema } from "../contracts/schemas.ts";
import { exportResponse, statsTable } from "../stats/export.server.ts";
import { statsQuerySchema } from "../stats/schemas.ts";
import { contractStats } from "../stats/stats.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:stats:any");
    const { year, groupBy } = parseQuery(request, statsQuerySchema);
    const filters = parseQuery(request, contractFiltersSchema);
    const stats = await contractStats({ year, groupBy, filters });
    const locale = exportLocale(request, user);
    return exportResponse(statsTable(stats, locale), "xlsx", `contract-stats-${year}-${groupBy}`, locale);
  });
}
