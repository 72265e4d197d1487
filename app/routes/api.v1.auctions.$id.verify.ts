// GET /api/v1/auctions/:id/verify → {"ok":true,"bids","headHash"} | {"ok":false,"firstBrokenSeq"}:
// re-derives the lot's bid hash chain.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { verifyBids } from "../auctions/bids.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    await lotForViewer(params.id ?? "", viewer);
    return apiJson(await verifyBids(params.id ?? ""));
  });
}
