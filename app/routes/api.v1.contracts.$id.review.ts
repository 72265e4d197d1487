// POST /api/v1/contracts/:id/review {"decision":"register"|"return"|"reject","note"} (bureau,
// admin) — from submitted only; register assigns the registration number and time.
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { reviewContract } from "../contracts/contracts.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { reviewSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "review:contract:any");
    const input = await readJson(request, reviewSchema);
    return apiJson(await reviewContract(params.id!, input, user));
  });
}
