// GET /api/v1/contracts — list with the dashboard's filter keys (status, year, month, type,
// sellerRegion, buyerRegion, zone, field, sellerKind, buyerKind, bayArea, sellerOrgId, buyerOrgId,
// q) plus the sums of everything matched · POST /api/v1/contracts — a new draft (201).
import { apiJson, errors, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { createContract, listContracts } from "../contracts/contracts.server.ts";
import { parseQuery, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { contractCreateSchema, contractListQuerySchema } from "../contracts/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listContracts(parseQuery(request, contractListQuerySchema), user));
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    if (!can(user, "create:contract:own") && !can(user, "create:contract:any")) throw errors.forbidden();
    const input = await readJson(request, contractCreateSchema);
    return apiJson(await createContract(input, user), 201);
  });
}
