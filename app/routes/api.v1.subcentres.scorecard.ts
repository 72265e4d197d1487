// GET /api/v1/subcentres/scorecard?year= (public): the annual 100-point scorecard, ranked.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { scorecard } from "../subcentres/stats.server.ts";
import { yearQuerySchema } from "../subcentres/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    const { year } = parseQuery(request, yearQuerySchema);
    return apiJson(await scorecard(year ?? currentShanghaiYear()));
  });
}
