// POST /api/v1/auctions/:id/confirm (the winner, within 5 working days) → {"contract"}: the technology contract draft, once.
import { apiJson, handleApi, methodNotAllowed, requireApiUser } from "../api/api.server.ts";
import { noLoader, type RouteArgs } from "../api/http.server.ts";
import { confirmWin } from "../auctions/close.server.ts";
import { getContract } from "../contracts/contracts.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const id = params.id ?? "";
    const { contractId, created } = await confirmWin(user, id);
    return apiJson({ contract: await getContract(contractId, user) }, created ? 201 : 200);
  });
}
