// GET /api/v1/subsidies/eligibility?contractId= — per programme and role: basis, rate, amount, the
// cap that bit and the reasons (the contract's parties, its sub-centre's staff, the bureau).
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { getEligibility } from "../subsidies/applications.server.ts";
import { eligibilityQuerySchema } from "../subsidies/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const { contractId } = parseQuery(request, eligibilityQuerySchema);
    return apiJson(await getEligibility(contractId, user));
  });
}
