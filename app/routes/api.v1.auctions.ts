// GET /api/v1/auctions?status=&mode=&page=&pageSize= (public; drafts and lots under review only to
// their organization and staff). POST /api/v1/auctions (a member of the result's organization,
// or staff) creates a lot as a draft → 201 {"auction"}.
import { apiJson, handleApi, methodNotAllowed, optionalApiUser, readJson, requireApiUser } from "../api/api.server.ts";
import { createAuction, listAuctions } from "../auctions/lots.server.ts";
import { shapeLots } from "../auctions/lot-json.server.ts";
import { auctionCreateSchema, auctionListQuerySchema } from "../auctions/schemas.ts";
import { can } from "../auth/permissions.ts";
import { errors } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    return apiJson(await listAuctions(parseQuery(request, auctionListQuerySchema), viewer));
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    if (!can(user, "create:auction:own") && !can(user, "manage:auction:any")) throw errors.forbidden();
    const input = await readJson(request, auctionCreateSchema);
    const [auction] = await shapeLots([await createAuction(user, input)], user);
    return apiJson({ auction }, 201);
  });
}
