// GET /api/v1/subcentres/:id (public); PATCH /api/v1/subcentres/:id (bureau, admin): name,
// operator, description, delegated review, and the year's target {"target":{"year","amountFen"}}.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { getSubcentre, updateSubcentre } from "../subcentres/subcentres.server.ts";
import { subcentrePatchSchema } from "../subcentres/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    return apiJson(await getSubcentre(params.id ?? ""));
  });
}

export const action = apiAction(
  { method: "PATCH", permission: "manage:subcentre:any", schema: subcentrePatchSchema },
  ({ params, user, input }) => updateSubcentre(params.id ?? "", input, user),
);
