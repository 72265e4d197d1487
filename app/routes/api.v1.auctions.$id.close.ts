// POST /api/v1/auctions/:id/close (bureau, admin; idempotent): closes a lot whose end has passed.
import { apiJson, handleApi, methodNotAllowed, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { closeAuction } from "../auctions/close.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    await closeAuction(user, id);
    return apiJson({ auction: (await lotForViewer(id, user)).auction });
  });
}
