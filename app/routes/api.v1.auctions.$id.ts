// GET /api/v1/auctions/:id → {"auction"} (public once announced). The reserve never appears;
// `reserveMet` and the winner's bidder code only after the close.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    const { auction } = await lotForViewer(params.id ?? "", viewer);
    return apiJson({ auction });
  });
}
