// POST /api/v1/anomalies/:id/resolve {"resolution"} (bureau, admin) — records the conclusion.
import { z } from "zod";
import { apiAction, noLoader } from "../api/http.server.ts";
import { resolveAnomaly } from "../contracts/anomalies.server.ts";
import { strictShape } from "../domain/schema-fields.ts";

export const loader = noLoader;

export const resolveBodySchema = strictShape({
  resolution: z
    .string({ error: "请填写处理结论 / A resolution is required" })
    .trim()
    .min(1, { error: "请填写处理结论 / A resolution is required" })
    .max(2000, { error: "内容过长 / Too long" }),
});

export const action = apiAction({ method: "POST", permission: "review:contract:any", schema: resolveBodySchema }, ({ params, input, user }) =>
  resolveAnomaly(params.id!, input.resolution, user),
);
