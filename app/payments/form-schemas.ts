// The contract page's settlement forms (/contracts/:id#payments), one member per `intent`, as HTML
// sends them: a bank transfer (amount in 万元/元, the day paid, the bank receipt number), a card
// payment (amount only), confirming or disputing a payment received, and the payment schedule
// (rows of milestone, due day and amount; empty rows are left out). Each hands over to the API's
// schema (paymentRecordSchema, disputeSchema, scheduleSchema) with messages in words on the form's
// own field names. Client-safe: the forms validate with these.
import { z } from "zod";
import { addApiIssues, moneyShape, readMoney } from "../domain/money-form.ts";
import { isDayText } from "../domain/schema-fields.ts";
import { disputeSchema, paymentRecordSchema, scheduleSchema } from "./schemas.ts";

/** The most schedule rows a form may send (24 milestones and two blank rows). */
export const SCHEDULE_ROWS = 26;

const PAID_AT = "请选择付款日期 / Choose the payment date";
const PAID_AT_FUTURE = "付款日期不能晚于今天 / The payment date cannot be in the future";
const str = z.string().trim().optional();
const id = z.string().trim().max(64).optional();

const recordPayment = z
  .object({ intent: z.literal("recordPayment"), ...moneyShape("amount"), paidAt: str, reference: str })
  .transform((v, ctx) => {
    const amountFen = readMoney(v, "amount", ctx, { required: true });
    const dayOk = !!v.paidAt && isDayText(v.paidAt);
    if (!dayOk) ctx.addIssue({ code: "custom", path: ["paidAt"], message: PAID_AT });
    const parsed = paymentRecordSchema.safeParse({
      amountFen: amountFen ?? undefined,
      method: "bank_transfer",
      paidAt: dayOk ? v.paidAt : undefined,
      reference: v.reference ?? "",
    });
    const skip = new Set(["paidAt", ...(amountFen === undefined || amountFen === null ? ["amount"] : [])]);
    if (!parsed.success) {
      addApiIssues(parsed.error, ctx, { amountFen: "amount" }, skip);
      // the day is a real one: the API refused it for being later than now
      if (dayOk && parsed.error.issues.some((i) => i.path[0] === "paidAt"))
        ctx.addIssue({ code: "custom", path: ["paidAt"], message: PAID_AT_FUTURE });
    }
    return parsed.success && dayOk && amountFen ? { intent: v.intent, ...parsed.data } : z.NEVER;
  });

const payByCard = z
  .object({ intent: z.literal("payByCard"), ...moneyShape("cardAmount"), idempotencyKey: z.string().optional() })
  .transform((v, ctx) => {
    const amountFen = readMoney(v, "cardAmount", ctx, { required: true });
    if (amountFen === undefined || amountFen === null) return z.NEVER;
    const parsed = paymentRecordSchema.safeParse({ amountFen, method: "stripe" });
    if (!parsed.success) {
      addApiIssues(parsed.error, ctx, { amountFen: "cardAmount" });
      return z.NEVER;
    }
    // a page view's key: a double-clicked card payment starts one payment
    return { intent: v.intent, ...parsed.data, idempotencyKey: v.idempotencyKey?.slice(0, 200) || undefined };
  });

const confirmPayment = z.object({ intent: z.literal("confirmPayment"), paymentId: id });

const disputePayment = z.object({
  intent: z.literal("disputePayment"),
  paymentId: id,
  reason: disputeSchema.shape.reason,
});

const scheduleRow = z.object({ title: str, dueDate: str, ...moneyShape("amount") });

const saveSchedule = z
  .object({
    intent: z.literal("saveSchedule"),
    milestones: z.array(scheduleRow.optional()).max(SCHEDULE_ROWS).optional(),
  })
  .transform((v, ctx) => {
    const milestones: Array<{ title: string; dueDate: string; amountFen: number | undefined }> = [];
    const rowOf: number[] = [];
    const refused = new Set<number>();
    (v.milestones ?? []).forEach((row, i) => {
      if (!row || (!row.title && !row.dueDate && !row.amount)) return;
      const amountFen = readMoney(row, "amount", ctx, { path: ["milestones", i, "amount"] });
      if (amountFen === undefined) refused.add(i);
      milestones.push({ title: row.title ?? "", dueDate: row.dueDate ?? "", amountFen: amountFen ?? undefined });
      rowOf.push(i);
    });
    const parsed = scheduleSchema.safeParse({ milestones });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [, n, field] = issue.path;
        if (typeof n !== "number") {
          ctx.addIssue({ code: "custom", path: ["milestones"], message: issue.message });
          continue;
        }
        const row = rowOf[n]!;
        const name = field === "amountFen" ? "amount" : String(field ?? "title");
        if (name === "amount" && refused.has(row)) continue;
        ctx.addIssue({ code: "custom", path: ["milestones", row, name], message: issue.message });
      }
    }
    return parsed.success && !refused.size ? { intent: v.intent, ...parsed.data } : z.NEVER;
  });

export const paymentForms = [recordPayment, payByCard, confirmPayment, disputePayment, saveSchedule] as const;
export const PAYMENT_INTENTS = [
  "recordPayment",
  "payByCard",
  "confirmPayment",
  "disputePayment",
  "saveSchedule",
] as const;
