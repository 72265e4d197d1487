// GET /api/v1/subsidies/programmes/:code/summary?year= (bureau, admin) — the programme's year:
// budget, committed, disbursed, remaining, and the applications by status, sub-centre and region.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { programmeSummary } from "../subsidies/summary.server.ts";
import { programmeListQuerySchema } from "../subsidies/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const { year } = parseQuery(request, programmeListQuerySchema.pick({ year: true }));
    return apiJson(await programmeSummary(params.code ?? "", year, user));
  });
}
