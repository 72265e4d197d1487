// GET /api/v1/contracts.xlsx — the contracts list (same filters and visibility as
// GET /api/v1/contracts), every page. `?lang=en` for English headers.
import { handleApi, requireApiUser } from "../api/api.server.ts";
import { exportLocale, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { contractFiltersSchema } from "../contracts/schemas.ts";
import { contractsTable, exportResponse } from "../stats/export.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const filters = parseQuery(request, contractFiltersSchema);
    const locale = exportLocale(request, user);
    const table = await contractsTable(filters, user, locale);
    return exportResponse(table, "xlsx", `contracts${filters.year ? `-${filters.year}` : ""}`, locale);
  });
}
