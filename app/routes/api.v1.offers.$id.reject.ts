// POST /api/v1/offers/:id/reject — only from open (else 409); by the side that must answer.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { closeOffer } from "../offers/offers.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    return apiJson(await closeOffer(params.id!, "reject", user));
  });
}
