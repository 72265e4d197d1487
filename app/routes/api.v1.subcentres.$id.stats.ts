// GET /api/v1/subcentres/:id/stats?year= (public): the sub-centre's figures for the year.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { subcentreStats } from "../subcentres/stats.server.ts";
import { yearQuerySchema } from "../subcentres/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    const { year } = parseQuery(request, yearQuerySchema);
    return apiJson(await subcentreStats(params.id ?? "", year ?? currentShanghaiYear()));
  });
}
