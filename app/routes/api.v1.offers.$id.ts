// GET /api/v1/offers/:id — the offer and its negotiation thread (the two parties; admins).
import type { RouteArgs } from "../api/http.server.ts";
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { getOffer } from "../offers/offers.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await getOffer(params.id!, user));
  });
}
