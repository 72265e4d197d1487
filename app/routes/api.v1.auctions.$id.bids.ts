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
  readJson,
  requireApiUser,
} from "../api/api.server.ts";
import { listBids, placeBid, placeBidWithToken } from "../auctions/bids.server.ts";
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

export function action({ request, params }: RouteArgs) {
  // the bid's time is the server's receipt time
  const receivedAt = new Date();
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const token = bearerToken(request);
    let r;
    if (token) {
      // the caller is checked with the bid, in one statement; a bad body from a bad token is a 401
      const input = await readJson(request, bidSchema).catch(async (error: unknown) => {
        await requireApiUser(request);
        throw error;
      });
      r = await placeBidWithToken(token, params.id ?? "", input.amountFen, receivedAt);
    } else {
      const user = await requireApiUser(request);
      const input = await readJson(request, bidSchema);
      r = await placeBid(user, params.id ?? "", input.amountFen, receivedAt);
    }
    return apiJson(
      {
        bid: { seq: r.seq, bidderCode: r.bidderCode, amountFen: r.amountFen, at: r.at, hash: r.hash },
        auction: { id: params.id, currentPriceFen: r.currentPriceFen, endsAt: r.endsAt, extended: r.extended },
      },
      201,
    );
  });
}
