// GET /api/v1/subsidies/applications.csv — the applications list (same filters and visibility as
// GET /api/v1/subsidies/applications). `?lang=en` for English headers.
import { handleApi, requireApiUser } from "../api/api.server.ts";
import { exportLocale, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { exportResponse } from "../stats/export.server.ts";
import { applicationListQuerySchema } from "../subsidies/schemas.ts";
import { applicationsTable } from "../subsidies/summary.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const query = parseQuery(request, applicationListQuerySchema);
    const locale = exportLocale(request, user);
    const table = await applicationsTable(query, user, locale);
    return exportResponse(table, "csv", `subsidy-applications${query.programme ? `-${query.programme}` : ""}`, locale);
  });
}
