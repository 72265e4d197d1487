// POST /api/v1/anomalies/:id/resolve {"resolution"} (bureau, admin) — records the conclusion.
import { z } from "zod";
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { resolveAnomaly } from "../contracts/anomalies.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";

export const loader = noLoader;

const bodySchema = z.object({
  resolution: z
    .string({ error: "请填写处理结论 / A resolution is required" })
    .trim()
    .min(1, { error: "请填写处理结论 / A resolution is required" })
    .max(2000, { error: "内容过长 / Too long" }),
});

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "review:contract:any");
    const { resolution } = await readJson(request, bodySchema);
    return apiJson(await resolveAnomaly(params.id!, resolution, user));
  });
}
