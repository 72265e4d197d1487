// One zod schema per shape of contract settlement, shared by the API and the contract page's forms.
// Messages are shown as they are: Chinese first, then " / " and English.
import { z } from "zod";
import { dateOnlySchema, fenSchema } from "../contracts/schemas.ts";
import { PAYMENT_METHODS } from "./adapter.ts";
import { dayOrInstant, strictShape } from "../domain/schema-fields.ts";

export const PAYMENT_STATUSES = ["recorded", "confirmed", "disputed", "pending", "failed", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAY_MSG = {
  amountPositive: "金额须大于 0 / The amount must be above 0",
  method: `付款方式应为 ${PAYMENT_METHODS.join(" 或 ")} / method must be ${PAYMENT_METHODS.join(" or ")}`,
  paidAt: "付款时间应为 YYYY-MM-DD 或 ISO-8601 时间 / paidAt must be YYYY-MM-DD or an ISO-8601 time",
  paidAtFuture: "付款时间不能晚于现在 / paidAt cannot be in the future",
  reference: "请填写银行回单号（流水号） / Enter the bank receipt (transaction) number",
  referenceTooLong: "回单号不超过 64 个字符 / The receipt number is at most 64 characters",
  reason: "请说明异议理由 / Give a reason for the dispute",
  reasonTooLong: "理由不超过 1000 字 / The reason is at most 1000 characters",
  milestoneTitle: "请填写付款节点名称（不超过 100 字） / Name the milestone (at most 100 characters)",
  milestones: "付款计划最多 24 个节点 / A schedule has at most 24 milestones",
};

const positiveFen = fenSchema.refine((v) => v > 0, { error: PAY_MSG.amountPositive });

/** "2026-03-01" (Shanghai midnight) or a full ISO-8601 time → a Date, not later than now (+5 min of clock skew). */
export const paidAtSchema = dayOrInstant({ zh: "付款时间", en: "paidAt" }, { message: PAY_MSG.paidAt }).refine(
  (d) => d.getTime() <= Date.now() + 5 * 60_000,
  { error: PAY_MSG.paidAtFuture },
);

const referenceSchema = z
  .string({ error: PAY_MSG.reference })
  .trim()
  .min(1, { error: PAY_MSG.reference })
  .max(64, { error: PAY_MSG.referenceTooLong });

/**
 * POST /api/v1/contracts/:id/payments. Bank transfer: amount, time and the bank receipt number.
 * Card: the amount only (the PaymentIntent's time and id are Stripe's).
 */
export const paymentRecordSchema = strictShape({
  amountFen: positiveFen,
  method: z.enum(PAYMENT_METHODS, { error: PAY_MSG.method }).default("bank_transfer"),
  paidAt: paidAtSchema.optional(),
  reference: referenceSchema.optional(),
}).superRefine((v, ctx) => {
  if (v.method !== "bank_transfer") return;
  if (!v.paidAt) ctx.addIssue({ code: "custom", path: ["paidAt"], message: PAY_MSG.paidAt });
  if (!v.reference) ctx.addIssue({ code: "custom", path: ["reference"], message: PAY_MSG.reference });
});
export type PaymentRecordInput = z.infer<typeof paymentRecordSchema>;

export const disputeSchema = strictShape({
  reason: z
    .string({ error: PAY_MSG.reason })
    .trim()
    .min(1, { error: PAY_MSG.reason })
    .max(1000, { error: PAY_MSG.reasonTooLong }),
});
export type DisputeInput = z.infer<typeof disputeSchema>;

export const milestoneSchema = strictShape({
  title: z
    .string({ error: PAY_MSG.milestoneTitle })
    .trim()
    .min(1, { error: PAY_MSG.milestoneTitle })
    .max(100, { error: PAY_MSG.milestoneTitle }),
  dueDate: dateOnlySchema,
  amountFen: positiveFen,
});

/** PUT /api/v1/contracts/:id/payment-schedule: the whole schedule, replacing the previous one. */
export const scheduleSchema = strictShape({
  milestones: z.array(milestoneSchema, { error: PAY_MSG.milestones }).max(24, { error: PAY_MSG.milestones }),
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;
