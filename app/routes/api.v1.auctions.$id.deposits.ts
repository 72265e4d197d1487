// /api/v1/auctions/:id/deposits
//   POST {"method":"bank_transfer"|"stripe"} (a company user of a verified organization, not the
//        seller's, not staff) registers to bid → 201 {"deposit"} (the same deposit again → 200).
//   GET  staff: every deposit of the lot; a bidder: their own.
import { apiJson, handleApi, methodNotAllowed, readJson, requireApiUser } from "../api/api.server.ts";
import { depositJson, listDeposits, registerDeposit } from "../auctions/deposits.server.ts";
import { depositCreateSchema } from "../auctions/schemas.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson({ items: await listDeposits(user, params.id ?? "") });
  });
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const input = await readJson(request, depositCreateSchema);
    const method = input.method ?? "bank_transfer";
    const { deposit, created, clientSecret } = await registerDeposit(user, params.id ?? "", method);
    return apiJson({ deposit: depositJson(deposit, { clientSecret }) }, created ? 201 : 200);
  });
}
