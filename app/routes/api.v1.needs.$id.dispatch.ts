// POST /api/v1/needs/:id/dispatch {"subcentreId","dueAt","note"?} (bureau, admin, city-centre
// staff) → 201: the sub-centre follows the need up by the due date.
import { apiAction, noLoader } from "../api/http.server.ts";
import { dispatchNeed } from "../subcentres/dispatch.server.ts";
import { dispatchSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction({ method: "POST", schema: dispatchSchema, status: 201 }, ({ params, user, input }) =>
  dispatchNeed(params.id ?? "", input, user),
);
