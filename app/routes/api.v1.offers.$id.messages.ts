// GET /api/v1/offers/:id/messages (the thread) · POST {"body","counterAmountFen"?}: a message, or a
// counter-offer that makes the other side the one to answer.
import { apiJson, handleApi, readJson, requireApiUser } from "../api/api.server.ts";
import { requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { getOffer, postOfferMessage } from "../offers/offers.server.ts";
import { offerMessageSchema } from "../offers/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const offer = await getOffer(params.id!, user);
    return apiJson({ items: offer.messages ?? [] });
  });
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    const input = await readJson(request, offerMessageSchema);
    return apiJson(await postOfferMessage(params.id!, input, user), 201);
  });
}
