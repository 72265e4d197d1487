// PUT /api/v1/subcentres/:id/scores {"year","category","points","note"} (bureau, admin): a
// scorecard entry where the platform has no data.
import { apiAction, noLoader } from "../api/http.server.ts";
import { enterScore } from "../subcentres/stats.server.ts";
import { scoreSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction(
  { method: "PUT", permission: "manage:subcentre:any", schema: scoreSchema },
  ({ params, user, input }) => enterScore(params.id ?? "", input, user),
);
