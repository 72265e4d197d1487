// GET /api/v1/anomalies?status=open|resolved|all&kind=&year= (bureau, admin) — anomaly flags for review.
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { listAnomalies } from "../contracts/anomaly-review.server.ts";
import { anomalyListQuerySchema } from "../contracts/anomaly-schemas.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "review:contract:any");
    return apiJson(await listAnomalies(parseQuery(request, anomalyListQuerySchema)));
  });
}
