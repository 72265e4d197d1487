// POST /api/v1/auctions/:id/review {"decision":"approve"|"reject","note"?} (bureau, admin): approve → announced.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { requireMarketStaff, reviewAuction } from "../auctions/lots.server.ts";
import { shapeLots } from "../auctions/lot-json.server.ts";
import { auctionReviewSchema } from "../auctions/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    const input = await readJson(request, auctionReviewSchema);
    const [auction] = await shapeLots([await reviewAuction(user, id, input)], user);
    return apiJson({ auction });
  });
}
