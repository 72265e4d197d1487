// POST /api/v1/subsidies/applications/:id/disburse {"paidAt","bankReference"} (bureau): once, and
// only for an approved application.
import { apiAction, noLoader } from "../api/http.server.ts";
import { disburseApplication } from "../subsidies/decisions.server.ts";
import { disburseSchema } from "../subsidies/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "manage:subsidy:any", schema: disburseSchema },
  ({ params, user, input }) => disburseApplication(params.id ?? "", input, user),
);
