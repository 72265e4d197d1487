// GET /api/v1/deposits?status=refund_due (bureau, admin): bank refunds to pay, across lots.
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { refundsDue } from "../auctions/deposits.server.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson({ items: await refundsDue(user) });
  });
}
