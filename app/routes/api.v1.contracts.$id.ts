// GET /api/v1/contracts/:id — with "versions", "auditTrail" (and "flags" for the bureau); the
// contract's own organizations, its broker, the bureau and admins; others 404.
// PATCH /api/v1/contracts/:id — while draft or returned (else 409).
// DELETE /api/v1/contracts/:id — a draft, by whoever entered it or their organization (audited).
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { deleteContract, getContract, updateContract } from "../contracts/contracts.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { contractPatchSchema } from "../contracts/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await getContract(params.id!, user));
  });
}

const patch = apiAction({ method: "PATCH", schema: contractPatchSchema }, ({ params, input, user }) =>
  updateContract(params.id!, input, user),
);
const remove = apiAction({ method: "DELETE" }, ({ params, user }) => deleteContract(params.id!, user));

export function action(args: RouteArgs) {
  return args.request.method.toUpperCase() === "DELETE" ? remove(args) : patch(args);
}
