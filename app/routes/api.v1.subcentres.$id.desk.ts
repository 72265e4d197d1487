// GET /api/v1/subcentres/:id/desk (this sub-centre's staff, bureau, admin): dispatched needs with
// their visits, and the listings waiting for its first-level review when review is delegated.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import type { RouteArgs } from "../api/http.server.ts";
import { subcentreDesk } from "../subcentres/desk.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await subcentreDesk(params.id ?? "", user));
  });
}
