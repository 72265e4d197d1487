// POST /api/v1/contracts/:id/amend {"contractAmountFen"?,"nonTechnicalCostsFen"?,"reason"} (bureau,
// admin) — a registered contract gets a new version; the totals use the current one.
import { apiAction, noLoader } from "../api/http.server.ts";
import { amendContract } from "../contracts/contracts.server.ts";
import { amendSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "amend:contract:any", schema: amendSchema },
  ({ params, input, user }) => amendContract(params.id!, input, user),
);
