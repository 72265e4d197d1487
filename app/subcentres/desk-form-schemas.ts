// The sub-centre desk's forms (/subcentre), one member per `intent`, as HTML sends them: a visit to
// a dispatched need (the time typed in Beijing time, an outcome, a note, whether it closes the
// dispatch) and the delegated first-level review of a listing. Each hands over to the API's own
// schema (visitSchema, the listings' reviewSchema), so the desk and the API cannot drift apart;
// their messages land on the form's own fields. Client-safe: the forms validate with this too.
import { z } from "zod";
import { addApiIssues } from "../domain/money-form.ts";
import { reviewSchema } from "../listings/schemas.ts";
import { VISIT_OUTCOMES, visitSchema } from "./schemas.ts";

const id = z.string().trim().min(1).max(64);
const optionalText = z.string().trim().optional();

/** "2026-12-01T09:30" as a datetime-local control sends it, in Beijing time → ISO with the offset. */
export function beijingTime(local: string) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local;
}

const visit = z
  .object({
    intent: z.literal("visit"),
    dispatchId: id,
    visitedAt: z.string({ error: "请填写走访时间 / Enter the time of the visit" }).trim(),
    outcome: z.enum(VISIT_OUTCOMES, { error: "请选择走访结果 / Choose the outcome of the visit" }),
    note: optionalText,
    close: z.boolean().optional(),
  })
  .transform((v, ctx) => {
    const parsed = visitSchema.safeParse({
      visitedAt: beijingTime(v.visitedAt),
      outcome: v.outcome,
      note: v.note || undefined,
      close: v.close ?? false,
    });
    if (parsed.success) return { intent: v.intent, dispatchId: v.dispatchId, visit: parsed.data };
    addApiIssues(parsed.error, ctx);
    return z.NEVER;
  });

const review = z
  .object({
    intent: z.literal("review"),
    kind: z.enum(["result", "need"]),
    listingId: id,
    decision: z.enum(["approve", "reject"], { error: "请选择通过或驳回 / Choose approve or reject" }),
    reason: optionalText,
  })
  .transform((v, ctx) => {
    const parsed = reviewSchema.safeParse({ decision: v.decision, reason: v.reason || undefined });
    if (parsed.success) return { intent: v.intent, kind: v.kind, listingId: v.listingId, review: parsed.data };
    addApiIssues(parsed.error, ctx);
    return z.NEVER;
  });

export const deskFormSchema = z.discriminatedUnion("intent", [visit, review]);
export type DeskFormFields = {
  intent?: string;
  dispatchId?: string;
  visitedAt?: string;
  outcome?: string;
  note?: string;
  close?: string;
  kind?: string;
  listingId?: string;
  decision?: string;
  reason?: string;
};
