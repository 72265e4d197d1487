// POST /api/v1/anomalies/scan {"year"} (bureau, admin) — re-checks a whole registration year.
import { apiAction, noLoader } from "../api/http.server.ts";
import { scanAnomalies } from "../contracts/anomalies.server.ts";
import { scanBodySchema } from "../stats/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "review:contract:any", schema: scanBodySchema },
  ({ input }) => scanAnomalies(input.year),
);
