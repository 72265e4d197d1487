// GET /api/v1/leads: the broker's own leads, the leads naming the caller's organization (who
// introduced them), or all for bureau/admin. POST /api/v1/leads (broker) → 201 {"lead"} or 409
// lead_exists naming the earlier lead's time (never its broker).
import {
  apiJson,
  handleApi,
  methodNotAllowed,
  readJson,
  requireApiUser,
  requirePermission,
} from "../api/api.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";
import { fileLead, listLeads } from "../leads/leads.server.ts";
import { leadCreateSchema, leadListQuerySchema } from "../leads/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listLeads(parseQuery(request, leadListQuerySchema), user));
  });
}

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    requirePermission(user, "create:lead:own");
    const input = await readJson(request, leadCreateSchema);
    return apiJson({ lead: await fileLead(input, user) }, 201);
  });
}
