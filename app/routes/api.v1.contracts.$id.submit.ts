// POST /api/v1/contracts/:id/submit — draft/returned → submitted; the seller side, the contract's
// broker, or the bureau.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { submitContract } from "../contracts/contracts.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    return apiJson(await submitContract(params.id!, user));
  });
}
