// POST /api/v1/needs/:id/confirm (a member of the need's company): confirms a need a sub-centre
// entered for the company; it goes to review (docs/decisions/0028).
import { apiAction, noLoader } from "../api/http.server.ts";
import { needJson } from "../listings/serialize.server.ts";
import { confirmNeed } from "../subcentres/field-needs.server.ts";

export const loader = noLoader;
export const action = apiAction({ method: "POST" }, async ({ params, user }) =>
  needJson(await confirmNeed(user, params.id ?? "")),
);
