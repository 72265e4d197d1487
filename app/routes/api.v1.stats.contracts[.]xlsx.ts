// GET /api/v1/stats/contracts.xlsx?year=&groupBy= (bureau, admin) — the breakdown with a total row;
// accepts the same filters as the contracts list. `?lang=en` for English headers.
import { contractStatsExport, exportLoader } from "../stats/export-route.server.ts";

export const loader = exportLoader("xlsx", contractStatsExport);
