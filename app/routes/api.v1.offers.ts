// GET /api/v1/offers (my organization's offers, made and received) · POST /api/v1/offers
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { parseQuery, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { createOffer, listOffers } from "../offers/offers.server.ts";
import { offerCreateSchema, offerListQuerySchema } from "../offers/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listOffers(user, parseQuery(request, offerListQuerySchema)));
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "create:offer:own");
    const input = await readJson(request, offerCreateSchema);
    return apiJson(await createOffer(input, user), 201);
  });
}
