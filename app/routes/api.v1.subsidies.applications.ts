// GET /api/v1/subsidies/applications?programme=&year=&status=&orgId=&contractId= — the bureau all,
// a sub-centre's staff its contracts', an organization its own; POST: a member of the role's
// organization applies {"contractId","programme","role"} → 201 with the computed amount.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { applyForSubsidy, listApplications } from "../subsidies/applications.server.ts";
import { applicationCreateSchema, applicationListQuerySchema } from "../subsidies/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listApplications(parseQuery(request, applicationListQuerySchema), user));
  });
}

export const action = apiAction(
  { method: "POST", permission: "apply:subsidy:own", schema: applicationCreateSchema, status: 201 },
  ({ user, input }) => applyForSubsidy(input, user),
);
