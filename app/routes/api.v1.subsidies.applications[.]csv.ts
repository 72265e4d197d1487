// GET /api/v1/subsidies/applications.csv — the applications list (same filters and visibility as
// GET /api/v1/subsidies/applications). `?lang=en` for English headers.
import { exportLoader } from "../stats/export-route.server.ts";
import { applicationsExport } from "../subsidies/summary.server.ts";

export const loader = exportLoader("csv", applicationsExport);
