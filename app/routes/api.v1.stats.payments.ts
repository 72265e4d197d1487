// GET /api/v1/stats/payments?year=YYYY&groupBy=type|sellerRegion|buyerRegion|zone|field|month|
// sellerKind|buyerKind|bayArea (bureau, admin) → {"year","groupBy","totals":{"count","contracts",
// "paidFen"},"groups":[…]}: money paid on the platform (confirmed payments, net of refunds) by the
// year of confirmation (Asia/Shanghai).
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { paymentStats } from "../payments/stats.server.ts";
import { statsQuerySchema } from "../stats/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:stats:any");
    const { year, groupBy } = parseQuery(request, statsQuerySchema);
    return apiJson(await paymentStats({ year, groupBy }));
  });
}
