// POST /api/v1/brokers/:id/verify {"decision"?: "verify"|"revoke", "note"?} (bureau, admin).
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../api/http.server.ts";
import { verifyBrokerProfile } from "../brokers/brokers.server.ts";
import { brokerVerifySchema } from "../brokers/schemas.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "verify:broker:any");
    const input = await readJson(request, brokerVerifySchema);
    return apiJson(await verifyBrokerProfile(params.id ?? "", input, user));
  });
}
