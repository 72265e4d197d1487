// GET /api/v1/brokers (public directory of verified brokers with their record; bureau/admin may
// ask for `verified=no|all`). POST /api/v1/brokers (broker): the caller's own profile → 201.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createBrokerProfile, listBrokers } from "../brokers/brokers.server.ts";
import { brokerCreateSchema, brokerListQuerySchema } from "../brokers/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await optionalApiUser(request);
    return apiJson(await listBrokers(parseQuery(request, brokerListQuerySchema), user));
  });
}

export const action = apiAction(
  { method: "POST", permission: "create:broker:own", schema: brokerCreateSchema, status: 201 },
  async ({ input, user }) => createBrokerProfile(input, user),
);
