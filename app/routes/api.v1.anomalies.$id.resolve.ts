// POST /api/v1/anomalies/:id/resolve {"resolution"} (bureau, admin) — records the conclusion.
import { apiAction, noLoader } from "../api/http.server.ts";
import { resolveAnomaly } from "../contracts/anomaly-review.server.ts";
import { anomalyResolveSchema } from "../contracts/anomaly-schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "review:contract:any", schema: anomalyResolveSchema },
  ({ params, input, user }) => resolveAnomaly(params.id!, input.resolution, user),
);
