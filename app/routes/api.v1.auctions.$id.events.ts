// GET /api/v1/auctions/:id/events → text/event-stream: a `snapshot` event (the lot), then `bid`,
// `status` and `closed` events as they commit, from whichever HTTP worker accepted them.
import { handleApi, optionalApiUser } from "../api/api.server.ts";
import { eventStream } from "../auctions/events.server.ts";
import { lotForViewer } from "../auctions/view.server.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    const { auction } = await lotForViewer(params.id ?? "", viewer);
    return eventStream(request, auction.id, { auction, serverTime: new Date().toISOString() });
  });
}
