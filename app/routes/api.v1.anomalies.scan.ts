// POST /api/v1/anomalies/scan {"year"} (bureau, admin) — re-checks a whole registration year.
import { z } from "zod";
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { scanAnomalies } from "../contracts/anomalies.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { yearSchema } from "../stats/schemas.ts";

export const loader = noLoader;

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "review:contract:any");
    const { year } = await readJson(request, z.object({ year: yearSchema }));
    return apiJson(await scanAnomalies(year));
  });
}
