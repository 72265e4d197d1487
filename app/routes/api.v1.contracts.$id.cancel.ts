// POST /api/v1/contracts/:id/cancel {"reason"} (bureau, admin) — 注销: the contract leaves the totals.
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { cancelContract } from "../contracts/contracts.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { cancelSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "amend:contract:any");
    const input = await readJson(request, cancelSchema);
    return apiJson(await cancelContract(params.id!, input, user));
  });
}
