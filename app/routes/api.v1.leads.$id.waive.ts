// POST /api/v1/leads/:id/waive (the broker who filed it): later offers and contracts between the
// two organizations are no longer attributed to the broker.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../api/http.server.ts";
import { waiveLead } from "../leads/leads.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    return apiJson({ lead: await waiveLead(params.id ?? "", user) });
  });
}
