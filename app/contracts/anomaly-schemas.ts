// Anomaly flags for the bureau's review (computed in anomalies.server.ts): their kinds and the
// API's query and body.
import { z } from "zod";
import { strictShape } from "../domain/schema-fields.ts";
import { yearSchema } from "../stats/schemas.ts";

export const ANOMALY_KINDS = ["related_parties", "split_deal", "year_end_spike", "amount_outlier"] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** GET /api/v1/anomalies */
export const anomalyListQuerySchema = z.object({
  status: z
    .enum(["open", "resolved", "all"], { error: "status 应为 open|resolved|all / Unknown status" })
    .default("open"),
  kind: z.enum(ANOMALY_KINDS, { error: `kind 应为 ${ANOMALY_KINDS.join("|")} / Unknown kind` }).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** POST /api/v1/anomalies/:id/resolve */
export const anomalyResolveSchema = strictShape({
  resolution: z
    .string({ error: "请填写处理结论 / A resolution is required" })
    .trim()
    .min(1, { error: "请填写处理结论 / A resolution is required" })
    .max(2000, { error: "内容过长 / Too long" }),
});

/** The bureau's anomaly queue (/bureau/anomalies): re-check a year, or resolve one flag with a conclusion. */
export const anomalyFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rescan"), year: yearSchema }),
  z.object({
    intent: z.literal("resolveFlag"),
    flagId: z.string().trim().min(1).max(64),
    resolution: anomalyResolveSchema.shape.resolution,
  }),
]);
