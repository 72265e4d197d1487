// GET /api/v1/anomalies?status=open|resolved|all&kind=&year= (bureau, admin) — anomaly flags for review.
import { z } from "zod";
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { ANOMALY_KINDS, listAnomalies } from "../contracts/anomalies.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";

const querySchema = z.object({
  status: z.enum(["open", "resolved", "all"], { error: "status 应为 open|resolved|all / Unknown status" }).default("open"),
  kind: z.enum(ANOMALY_KINDS, { error: `kind 应为 ${ANOMALY_KINDS.join("|")} / Unknown kind` }).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "review:contract:any");
    return apiJson(await listAnomalies(parseQuery(request, querySchema)));
  });
}
