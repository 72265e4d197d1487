// GET /api/v1/stats/public?year= — the public market-statistics page's figures: counts and amounts
// by type, field and month, the Bay Area share and the city's target progress. Aggregates only.
import { apiJson, handleApi } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { publicStatsQuerySchema } from "../stats/schemas.ts";
import { publicStats } from "../stats/stats.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const { year } = parseQuery(request, publicStatsQuerySchema);
    return apiJson(await publicStats(year), { headers: { "Cache-Control": "public, max-age=60" } });
  });
}
