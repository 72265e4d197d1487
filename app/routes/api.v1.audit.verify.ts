// GET /api/v1/audit/verify (bureau, admin) → {"ok":true,"events":n} or
// {"ok":false,"events":n,"firstBrokenEventId":…}: re-walks the hash chain of the audit trail.
import type { RouteArgs } from "../api/http.server.ts";
import { apiJson, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { verifyAuditChain } from "../audit/audit.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "read:audit:any");
    return apiJson(await verifyAuditChain());
  });
}
