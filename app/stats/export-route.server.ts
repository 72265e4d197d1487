// The loader of every CSV/XLSX export route. Each export exists in both formats with the same
// table, query and visibility, so a pair of routes differs only by its format word: a route is
// `export const loader = exportLoader("csv", contractsExport)`.
import { handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { exportLocale, parseQuery, type RouteArgs } from "../api/http.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { contractFiltersSchema } from "../contracts/schemas.ts";
import type { Locale } from "../i18n/i18n.ts";
import { contractsTable, exportResponse, statsTable, type ExportFormat, type Table } from "./export.server.ts";
import { statsQuerySchema } from "./schemas.ts";
import { contractStats } from "./stats.server.ts";

/** What one export writes for a signed-in caller: its table and the download's file name (no extension). */
export type ExportSpec = (
  request: Request,
  user: SessionUser,
  locale: Locale,
) => Promise<{ table: Table; fileBase: string }>;

export function exportLoader(format: ExportFormat, spec: ExportSpec) {
  return ({ request }: RouteArgs) =>
    handleApi(async () => {
      const user = await requireApiUser(request);
      const locale = exportLocale(request, user);
      const { table, fileBase } = await spec(request, user, locale);
      return exportResponse(table, format, fileBase, locale);
    });
}

/** The contracts list (same filters and visibility as GET /api/v1/contracts), every page. */
export const contractsExport: ExportSpec = async (request, user, locale) => {
  const filters = parseQuery(request, contractFiltersSchema);
  const table = await contractsTable(filters, user, locale);
  return { table, fileBase: `contracts${filters.year ? `-${filters.year}` : ""}` };
};

/** The statistics breakdown with a total row (bureau, admin); the contracts list's filters apply. */
export const contractStatsExport: ExportSpec = async (request, user, locale) => {
  requirePermission(user, "read:stats:any");
  const { year, groupBy } = parseQuery(request, statsQuerySchema);
  const filters = parseQuery(request, contractFiltersSchema);
  const stats = await contractStats({ year, groupBy, filters });
  return { table: statsTable(stats, locale), fileBase: `contract-stats-${year}-${groupBy}` };
};
