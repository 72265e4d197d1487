// POST /api/v1/contracts/:id/amend {"contractAmountFen"?,"nonTechnicalCostsFen"?,"reason"} (bureau,
// admin) — a registered contract gets a new version; the totals use the current one.
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { amendContract } from "../contracts/contracts.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { amendSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "amend:contract:any");
    const input = await readJson(request, amendSchema);
    return apiJson(await amendContract(params.id!, input, user));
  });
}
