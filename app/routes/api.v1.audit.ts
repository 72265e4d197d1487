// GET /api/v1/audit?entityType=&entityId= (bureau, admin) — one entity's audit history, oldest first.
import { z } from "zod";
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { auditHistory, type AuditEntity } from "../audit/audit.server.ts";
import { auditEventJson } from "../contracts/contracts.server.ts";
import { parseQuery, type RouteArgs } from "../api/http.server.ts";

const ENTITY_TYPES = ["result", "need", "organization", "offer", "contract", "target", "user"] as const;
const querySchema = z.object({
  entityType: z.enum(ENTITY_TYPES, { error: `entityType 应为 ${ENTITY_TYPES.join("|")} / Unknown entityType` }),
  entityId: z.string({ error: "请提供 entityId / entityId is required" }).trim().min(1).max(100),
});

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:audit:any");
    const { entityType, entityId } = parseQuery(request, querySchema);
    const events = await auditHistory(entityType as AuditEntity, entityId);
    return apiJson({ items: events.map(auditEventJson) });
  });
}
