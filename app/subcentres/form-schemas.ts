// The bureau's forms on /bureau/subcentres, one schema per intent: dispatch a need to a sub-centre
// (due at the end of the chosen day in Beijing), enter a scorecard category, set a sub-centre's
// target for the page's year (typed in 万元 or 元), and turn delegated review on or off. The action
// hands the values to the API's functions (dispatchNeed, enterScore, updateSubcentre). Client-safe.
import { z } from "zod";
import { moneyAmountField, moneyUnitField, readMoney } from "../domain/money-form.ts";
import { enumOf, isDayText, L, text } from "../domain/schema-fields.ts";
import { needFormSchema } from "../listings/form-schemas.ts";
import { SCORE_CATEGORIES, SCORE_MAX } from "./schemas.ts";

const choice = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(64);
const subcentreId = choice("请选择分中心 / Choose a sub-centre");

const dueDate = z
  .string({ error: "请选择办结期限 / Choose the due date" })
  .trim()
  .refine((v) => isDayText(v), { error: "请选择办结期限 / Choose the due date", abort: true })
  // the end of the chosen day in Beijing
  .transform((v) => new Date(`${v}T23:59:59+08:00`))
  .refine((d) => d > new Date(), { error: "办结期限应在将来 / The due date must be in the future" });

const pointsMessage = "请填写分数（整数） / Enter the points as a whole number";

export const bureauSubcentreFormSchema = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("dispatch"),
      needId: choice("请选择技术需求 / Choose a need"),
      subcentreId,
      dueDate,
      note: text(L("说明", "Note"), 2000).optional(),
    }),
    z
      .object({
        intent: z.literal("score"),
        subcentreId,
        category: enumOf(SCORE_CATEGORIES, L("评分项", "Category")),
        points: z.coerce
          .number({ error: pointsMessage })
          .int({ error: pointsMessage })
          .min(0, { error: "分数不能为负 / The points cannot be negative" }),
        note: text(L("评分说明", "Note on the rating"), 1000, { required: true }),
      })
      .superRefine((v, ctx) => {
        const max = SCORE_MAX[v.category];
        if (v.points > max)
          ctx.addIssue({
            code: "custom",
            path: ["points"],
            message: `该项满分 ${max} 分 / At most ${max} points here`,
          });
      }),
    z.object({
      intent: z.literal("target"),
      subcentreId,
      amount: moneyAmountField({ required: true }),
      amountUnit: moneyUnitField,
    }),
    z.object({
      intent: z.literal("delegate"),
      subcentreId,
      delegatedReview: z.enum(["true", "false"]).transform((v) => v === "true"),
    }),
  ])
  .transform((v, ctx) => {
    if (v.intent !== "target") return v;
    const amountFen = readMoney(v, "amount", ctx, { required: true });
    return amountFen === null || amountFen === undefined
      ? z.NEVER
      : { intent: v.intent, subcentreId: v.subcentreId, amountFen };
  });

/** A need sub-centre staff enter for an affiliated company: the need form plus the company. */
export const fieldNeedFormSchema = z.intersection(
  z.object({
    organizationId: z
      .string({ error: "请选择企业 / Choose the company" })
      .trim()
      .min(1, { error: "请选择企业 / Choose the company" })
      .max(100),
  }),
  needFormSchema,
);
