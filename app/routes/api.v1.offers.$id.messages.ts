// GET /api/v1/offers/:id/messages (the thread) · POST {"body","counterAmountFen"?}: a message, or a
// counter-offer that makes the other side the one to answer.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { getOffer, postOfferMessage } from "../offers/offers.server.ts";
import { offerMessageSchema } from "../offers/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const offer = await getOffer(params.id!, user);
    return apiJson({ items: offer.messages ?? [] });
  });
}

export const action = apiAction(
  { method: "POST", schema: offerMessageSchema, status: 201 },
  ({ params, input, user }) => postOfferMessage(params.id!, input, user),
);
