// POST /api/v1/deposits/:id/confirm {"bankReference","payerName","amountFen","receivedAt","mismatchReason"?} (bureau, admin) → held.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { confirmDeposit, depositJson } from "../auctions/deposits.server.ts";
import { requireMarketStaff } from "../auctions/lots.server.ts";
import { depositConfirmSchema } from "../auctions/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    requireMarketStaff(user);
    const input = await readJson(request, depositConfirmSchema);
    return apiJson({ deposit: depositJson(await confirmDeposit(user, id, input)) });
  });
}
