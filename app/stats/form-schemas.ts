// The bureau's target form (/bureau/targets): the year, the county (empty for the whole city) and
// the amount typed in 万元 or 元, read into the API's target body (targetSchema's rules). Client-safe.
import { z } from "zod";
import { moneyAmountField, moneyUnitField, readMoney } from "../domain/money-form.ts";
import { GANZHOU_COUNTIES } from "../domain/regions.ts";
import { yearSchema } from "./schemas.ts";

export const targetFormSchema = z
  .object({
    year: yearSchema,
    regionCode: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || v in GANZHOU_COUNTIES, {
        error: "请从列表中选择区县（留空为全市） / Choose a county from the list (empty for the whole city)",
      }),
    amount: moneyAmountField({ required: true }),
    amountUnit: moneyUnitField,
  })
  .transform((v, ctx) => {
    const amountFen = readMoney(v, "amount", ctx, { required: true });
    if (amountFen === null || amountFen === undefined) return z.NEVER;
    if (amountFen <= 0) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "目标金额须大于 0 / The target must be above 0" });
      return z.NEVER;
    }
    return { year: v.year, target: { amountFen, regionCode: v.regionCode ?? "" } };
  });
