// POST /api/v1/auctions/:id/cancel {"reason"} (bureau, admin): cancels a lot before its close; registered bidders are told.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { cancelAuction, requireMarketStaff } from "../auctions/lots.server.ts";
import { shapeLots } from "../auctions/lot-json.server.ts";
import { auctionCancelSchema } from "../auctions/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    const input = await readJson(request, auctionCancelSchema);
    const [auction] = await shapeLots([await cancelAuction(user, id, input.reason)], user);
    return apiJson({ auction });
  });
}
