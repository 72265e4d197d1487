// GET /api/v1/health — 200 while the database answers (search and mail report "degraded" in the
// body), 503 when it does not. Never cached: load balancers poll it.
import { apiJson } from "../api/api.server.ts";
import { healthReport } from "../health/health.server.ts";

export async function loader() {
  const { httpStatus, body } = await healthReport();
  return apiJson(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}
