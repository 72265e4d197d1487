// The audit trail's API query (the events themselves: audit.server.ts).
import { z } from "zod";

/** GET /api/v1/audit: one entity's history. */
export const AUDIT_ENTITY_TYPES = ["result", "need", "organization", "offer", "contract", "target", "user"] as const;
export const auditQuerySchema = z.object({
  entityType: z.enum(AUDIT_ENTITY_TYPES, {
    error: `entityType 应为 ${AUDIT_ENTITY_TYPES.join("|")} / Unknown entityType`,
  }),
  entityId: z.string({ error: "请提供 entityId / entityId is required" }).trim().min(1).max(100),
});
