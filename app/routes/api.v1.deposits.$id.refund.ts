// POST /api/v1/deposits/:id/refund {"bankReference"} (bureau, admin): a bank refund paid → refunded.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { depositJson, refundDeposit } from "../auctions/deposits.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { depositRefundSchema } from "../auctions/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    const input = await readJson(request, depositRefundSchema);
    return apiJson({ deposit: depositJson(await refundDeposit(user, id, input.bankReference)) });
  });
}
