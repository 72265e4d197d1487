// POST /api/v1/auctions/:id/submit (the seller's members): draft → pending_review.
import { apiJson, handleApi, methodNotAllowed, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { submitAuction } from "../auctions/lots.server.ts";
import { shapeLots } from "../auctions/lot-json.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    const [auction] = await shapeLots([await submitAuction(user, id)], user);
    return apiJson({ auction });
  });
}
