// GET /api/v1/brokers (public directory of verified brokers with their record; bureau/admin may
// ask for `verified=no|all`). POST /api/v1/brokers (broker): the caller's own profile → 201.
import {
  apiJson,
  handleApi,
  methodNotAllowed,
  optionalApiUser,
  readJson,
  requireApiUser,
  requirePermission,
} from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createBrokerProfile, listBrokers } from "../brokers/brokers.server.ts";
import { brokerCreateSchema, brokerListQuerySchema } from "../brokers/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await optionalApiUser(request);
    return apiJson(await listBrokers(parseQuery(request, brokerListQuerySchema), user));
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    requirePermission(user, "create:broker:own");
    const input = await readJson(request, brokerCreateSchema);
    return apiJson(await createBrokerProfile(input, user), 201);
  });
}
