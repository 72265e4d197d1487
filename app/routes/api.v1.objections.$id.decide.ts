// POST /api/v1/objections/:id/decide {"decision":"uphold"|"dismiss","note"} (bureau, admin): uphold stops the deal.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { decideObjection, objectionJson } from "../auctions/notice.server.ts";
import { objectionDecisionSchema } from "../auctions/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    const input = await readJson(request, objectionDecisionSchema);
    return apiJson({ objection: objectionJson(await decideObjection(user, id, input)) });
  });
}
