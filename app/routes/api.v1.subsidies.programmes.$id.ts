// PATCH /api/v1/subsidies/programmes/:id (bureau, admin): name, validity, budget, mode, stacking,
// rules (given rules replace all of them). Versions of one code never overlap.
import { apiAction, noLoader } from "../api/http.server.ts";
import { updateProgramme } from "../subsidies/programmes.server.ts";
import { programmePatchSchema } from "../subsidies/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "PATCH", permission: "manage:subsidy:any", schema: programmePatchSchema },
  async ({ params, user, input }) => ({ programme: await updateProgramme(params.id ?? "", input, user) }),
);
