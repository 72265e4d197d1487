// /api/v1/auctions/:id/bids
//   GET  (public once announced) → {"items":[{"seq","bidderCode","amountFen","at","hash"}]}, newest first.
//   POST {"amountFen"} (a registered bidder with a held deposit) → 201 {"bid","auction"}; 403
//        deposit_required | forbidden; 409 bid_too_low | not_increment_multiple | auction_not_open.
import {
  apiJson,
  bearerToken,
  handleApi,
  methodNotAllowed,
  optionalApiUser,
  readBodyBytes,
  readJson,
  requireApiUser,
} from "../api/api.server.ts";
import { answerTokenBid, bidAnswer } from "../auctions/bid-api.server.ts";
import { listBids, placeBid } from "../auctions/bids.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";
import { bidSchema } from "../auctions/schemas.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    await lotForViewer(params.id ?? "", viewer);
    return apiJson({ items: await listBids(params.id ?? "") });
  });
}

const JSON_CONTENT = { "Content-Type": "application/json; charset=utf-8" };

export function action({ request, params }: RouteArgs) {
  // the bid's time is the server's receipt time
  const receivedAt = new Date();
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const token = bearerToken(request);
    if (token) {
      // the HTTP server answers most of these itself from the same function (app/server/hot-api.ts)
      const answer = await answerTokenBid(token, params.id ?? "", () => readBodyBytes(request), receivedAt);
      return new Response(answer.body, { status: answer.status, headers: JSON_CONTENT });
    }
    const user = await requireApiUser(request);
    const input = await readJson(request, bidSchema);
    const r = await placeBid(user, params.id ?? "", input.amountFen, receivedAt);
    return apiJson(bidAnswer(r, params.id ?? ""), 201);
  });
}
