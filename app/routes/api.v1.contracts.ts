// GET /api/v1/contracts — list with the dashboard's filter keys (status, year, month, type,
// sellerRegion, buyerRegion, zone, field, sellerKind, buyerKind, bayArea, sellerOrgId, buyerOrgId,
// q) plus the sums of everything matched · POST /api/v1/contracts — a new draft (201).
import { apiJson, errors, handleApi, requireApiUser } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { createContract, listContracts } from "../contracts/contracts.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { contractCreateSchema, contractListQuerySchema } from "../contracts/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listContracts(parseQuery(request, contractListQuerySchema), user));
  });
}

function mayEnterContracts(user: SessionUser) {
  if (!can(user, "create:contract:own") && !can(user, "create:contract:any")) throw errors.forbidden();
}

export const action = apiAction(
  { method: "POST", permission: mayEnterContracts, schema: contractCreateSchema, status: 201 },
  ({ input, user }) => createContract(input, user),
);
