// GET /api/v1/brokers/:id (public once verified), PATCH /api/v1/brokers/:id (the broker, admin).
import { apiJson, handleApi, optionalApiUser, readJson, requireApiUser } from "../api/api.server.ts";
import { requireMethod, type RouteArgs } from "../api/http.server.ts";
import { getBroker, updateBrokerProfile } from "../brokers/brokers.server.ts";
import { brokerPatchSchema } from "../brokers/schemas.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => apiJson(await getBroker(params.id ?? "", await optionalApiUser(request))));
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "PATCH");
    const user = await requireApiUser(request);
    const input = await readJson(request, brokerPatchSchema);
    return apiJson(await updateBrokerProfile(params.id ?? "", input, user));
  });
}
