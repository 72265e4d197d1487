// The contract page's own forms (/contracts/:id), one member per `intent`, as HTML sends them:
// submit, delete and confirm carry nothing; review (the bureau's decision and note), amend (the
// amounts in 万元/元 and a reason) and cancel (a reason) hand over to the API's schemas
// (reviewSchema, amendSchema, cancelSchema), and resolveFlag to the anomaly queue's. Messages are
// words in both languages, on the form's own field names. Client-safe: the forms validate with these.
import { z } from "zod";
import { addApiIssues, moneyShape, readMoney } from "../domain/money-form.ts";
import { anomalyResolveSchema } from "./anomaly-schemas.ts";
import { amendSchema, cancelSchema, reviewSchema } from "./schemas.ts";

/** The amounts the contract holds now: an amendment sends only the ones that change. */
export type CurrentAmounts = { contractAmountFen: number; nonTechnicalCostsFen: number } | null;

const DECISION = "请选择审核结论 / Choose a decision";
const NOTE_TOO_LONG = "审核意见不超过 2000 字 / The note is at most 2000 characters";
const flagId = z.string().trim().max(64).optional();
const reason = z.string().trim().optional();

const review = z
  .object({
    intent: z.literal("review"),
    decision: z.enum(["register", "return", "reject"], { error: DECISION }),
    note: z.string().trim().max(2000, { error: NOTE_TOO_LONG }).optional(),
  })
  .transform((v, ctx) => {
    const parsed = reviewSchema.safeParse({ decision: v.decision, note: v.note || undefined });
    if (parsed.success) return { intent: v.intent, ...parsed.data };
    addApiIssues(parsed.error, ctx);
    return z.NEVER;
  });

function amend(current: CurrentAmounts) {
  return z
    .object({
      intent: z.literal("amend"),
      ...moneyShape("contractAmount"),
      ...moneyShape("nonTechnicalCosts"),
      reason,
    })
    .transform((v, ctx) => {
      const amount = readMoney(v, "contractAmount", ctx);
      const costs = readMoney(v, "nonTechnicalCosts", ctx);
      // an empty amount, or the one the contract holds, is no change; the schema refuses no change at all
      const changed = (fen: number | null | undefined, now: number | undefined) =>
        fen !== null && fen !== undefined && fen !== now ? fen : undefined;
      const parsed = amendSchema.safeParse({
        contractAmountFen: changed(amount, current?.contractAmountFen),
        nonTechnicalCostsFen: changed(costs, current?.nonTechnicalCostsFen),
        reason: v.reason ?? "",
      });
      const refused = new Set([
        ...(amount === undefined ? ["contractAmount"] : []),
        ...(costs === undefined ? ["nonTechnicalCosts"] : []),
      ]);
      if (!parsed.success) addApiIssues(parsed.error, ctx, AMEND_FIELD_NAMES, refused);
      return parsed.success && !refused.size ? { intent: v.intent, ...parsed.data } : z.NEVER;
    });
}

/** The API's field paths → the amendment form's fields, for the backend's refusals too. */
export const AMEND_FIELD_NAMES: Record<string, string> = {
  contractAmountFen: "contractAmount",
  nonTechnicalCostsFen: "nonTechnicalCosts",
};

const cancel = z.object({ intent: z.literal("cancel"), reason }).transform((v, ctx) => {
  const parsed = cancelSchema.safeParse({ reason: v.reason ?? "" });
  if (parsed.success) return { intent: v.intent, ...parsed.data };
  addApiIssues(parsed.error, ctx);
  return z.NEVER;
});

const resolveFlag = z.object({
  intent: z.literal("resolveFlag"),
  flagId,
  resolution: anomalyResolveSchema.shape.resolution,
});

/** The contract page's members of the page's form schema (app/routes/contracts+shared/page-schema.ts). */
export function contractPageForms(current: CurrentAmounts) {
  return [
    z.object({ intent: z.literal("submit") }),
    z.object({ intent: z.literal("delete") }),
    z.object({ intent: z.literal("confirm") }),
    review,
    amend(current),
    cancel,
    resolveFlag,
  ] as const;
}
