// GET /api/v1/leads: the broker's own leads, the leads naming the caller's organization (who
// introduced them), or all for bureau/admin. POST /api/v1/leads (broker) → 201 {"lead"} or 409
// lead_exists naming the earlier lead's time (never its broker).
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { fileLead, listLeads } from "../leads/leads.server.ts";
import { leadCreateSchema, leadListQuerySchema } from "../leads/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listLeads(parseQuery(request, leadListQuerySchema), user));
  });
}

export const action = apiAction(
  { method: "POST", permission: "create:lead:own", schema: leadCreateSchema, status: 201 },
  async ({ input, user }) => ({ lead: await fileLead(input, user) }),
);
