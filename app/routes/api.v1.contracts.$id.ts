// GET /api/v1/contracts/:id — with "versions", "auditTrail" (and "flags" for the bureau); the
// contract's own organizations, its broker, the bureau and admins; others 404.
// PATCH /api/v1/contracts/:id — while draft or returned (else 409).
import { apiJson, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { getContract, updateContract } from "../contracts/contracts.server.ts";
import { requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { contractPatchSchema } from "../contracts/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await getContract(params.id!, user));
  });
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "PATCH");
    const user = await requireApiUser(request);
    const input = await readJson(request, contractPatchSchema);
    return apiJson(await updateContract(params.id!, input, user));
  });
}
