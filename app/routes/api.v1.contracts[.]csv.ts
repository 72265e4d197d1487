// GET /api/v1/contracts.csv — the contracts list (same filters and visibility as
// GET /api/v1/contracts), every page. `?lang=en` for English headers.
import { contractsExport, exportLoader } from "../stats/export-route.server.ts";

export const loader = exportLoader("csv", contractsExport);
