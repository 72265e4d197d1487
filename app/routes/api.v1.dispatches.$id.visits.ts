// POST /api/v1/dispatches/:id/visits {"visitedAt","outcome","note"?,"close"?} (the dispatch's
// sub-centre staff, bureau, admin) → 201 with the dispatch and its visits.
import { apiAction, noLoader } from "../api/http.server.ts";
import { recordVisit } from "../subcentres/dispatch.server.ts";
import { visitSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction({ method: "POST", schema: visitSchema, status: 201 }, ({ params, user, input }) =>
  recordVisit(params.id ?? "", input, user),
);
