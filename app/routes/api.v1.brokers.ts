// GET /api/v1/brokers (public directory of verified brokers with their record; bureau/admin may
// ask for `verified=no|all`). POST /api/v1/brokers (broker): the caller's own profile → 201.
import { z } from "zod";
import { apiJson, handleApi, methodNotAllowed, optionalApiUser, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createBrokerProfile, listBrokers } from "../brokers/brokers.server.ts";
import { BROKER_LEVELS, brokerCreateSchema } from "../brokers/schemas.ts";

const listQuery = z.strictObject({
  field: z.string().max(40).optional(),
  region: z.string().max(6).optional(),
  level: z.enum(BROKER_LEVELS, { error: "level 应为 junior、intermediate 或 senior / Unknown level" }).optional(),
  verified: z.enum(["yes", "no", "all"], { error: "verified 应为 yes、no 或 all / verified must be yes, no or all" }).optional(),
  page: z.coerce.number({ error: "page 应为正整数 / page must be a positive integer" }).int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number({ error: "pageSize 应为 1–100 / pageSize must be 1–100" }).int().min(1).max(100).default(20),
});

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await optionalApiUser(request);
    return apiJson(await listBrokers(parseQuery(request, listQuery), user));
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
