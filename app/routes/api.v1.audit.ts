// GET /api/v1/audit?entityType=&entityId= (bureau, admin) — one entity's audit history, oldest first.
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { auditHistory, type AuditEntity } from "../audit/audit.server.ts";
import { auditEventJson } from "../contracts/contracts.server.ts";
import { auditQuerySchema } from "../audit/schemas.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:audit:any");
    const { entityType, entityId } = parseQuery(request, auditQuerySchema);
    const events = await auditHistory(entityType as AuditEntity, entityId);
    return apiJson({ items: events.map(auditEventJson) });
  });
}
