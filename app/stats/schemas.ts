// Query and body shapes of the statistics endpoints, shared with the dashboard forms.
import { z } from "zod";
import { GROUP_BY, fenSchema } from "../contracts/schemas.ts";
import { GANZHOU_COUNTIES } from "../domain/regions.ts";
import { strictShape } from "../domain/schema-fields.ts";

export const yearSchema = z.coerce
  .number({ error: "年份无效 / Invalid year" })
  .int({ error: "年份无效 / Invalid year" })
  .min(1990, { error: "年份无效 / Invalid year" })
  .max(2100, { error: "年份无效 / Invalid year" });

export const groupBySchema = z.enum(GROUP_BY, {
  error: `groupBy 应为 ${GROUP_BY.join("|")} 之一 / groupBy must be one of ${GROUP_BY.join("|")}`,
});

export const statsQuerySchema = z.object({
  year: yearSchema,
  groupBy: groupBySchema.default("type"),
});

export const publicStatsQuerySchema = z.object({ year: yearSchema.optional() });

/** PUT /api/v1/stats/targets/:year — the city's target, or a county's with regionCode. */
export const targetSchema = strictShape({
  amountFen: fenSchema.refine((v) => v > 0, { error: "目标金额须大于 0 / The target must be above 0" }),
  regionCode: z
    .string({ error: "区县代码无效 / Invalid county code" })
    .trim()
    .refine((v) => v === "" || v in GANZHOU_COUNTIES, {
      error:
        "目标区域应为赣州市所辖区县的六位代码（留空为全市）/ regionCode must be one of Ganzhou's county codes (empty for the city)",
    })
    .default(""),
});
export type TargetInput = z.infer<typeof targetSchema>;

/** POST /api/v1/anomalies/scan: the registration year to re-check. */
export const scanBodySchema = strictShape({ year: yearSchema });
