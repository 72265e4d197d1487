// POST /api/v1/auctions/:id/default (bureau, admin): the winner did not confirm in time; the deposit is forfeited.
import { apiJson, handleApi, methodNotAllowed, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { markDefault } from "../auctions/close.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    await markDefault(user, id);
    return apiJson({ auction: (await lotForViewer(id, user)).auction });
  });
}
