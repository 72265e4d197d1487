// GET /api/v1/offers (my organization's offers, made and received) · POST /api/v1/offers
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createOffer, listOffers } from "../offers/offers.server.ts";
import { offerCreateSchema, offerListQuerySchema } from "../offers/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listOffers(user, parseQuery(request, offerListQuerySchema)));
  });
}

export const action = apiAction(
  { method: "POST", permission: "create:offer:own", schema: offerCreateSchema, status: 201 },
  ({ input, user }) => createOffer(input, user),
);
