// POST /api/v1/subsidies/applications/:id/decide {"decision":"approve"|"reject","note"} (bureau);
// a rejection needs a note; an approval that would pass an annual cap or the budget is a 409.
import { apiAction, noLoader } from "../api/http.server.ts";
import { decideApplication } from "../subsidies/decisions.server.ts";
import { decideSchema } from "../subsidies/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "manage:subsidy:any", schema: decideSchema },
  ({ params, user, input }) => decideApplication(params.id ?? "", input, user),
);
