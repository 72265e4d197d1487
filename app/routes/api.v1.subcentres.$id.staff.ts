// POST /api/v1/subcentres/:id/staff {"userId"} (bureau, admin): the user becomes this sub-centre's
// staff (role subcentre, scoped to it).
import { apiAction, noLoader } from "../api/http.server.ts";
import { addStaff } from "../subcentres/subcentres.server.ts";
import { staffSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction(
  { method: "POST", permission: "manage:subcentre:any", schema: staffSchema },
  ({ params, user, input }) => addStaff(params.id ?? "", input.userId, user),
);
