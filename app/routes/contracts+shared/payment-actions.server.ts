// The contract page's settlement forms → app/payments (the same zod schemas and functions as the
// API). Returns null for an intent that is not about payments.
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { failure, orFailure, zodFailure } from "../../components/contracts/errors.server.ts";
import { isFailure } from "../../components/contracts/failure.ts";
import { money, text } from "../../components/contracts/form-data.server.ts";
import { putSchedule } from "../../payments/schedule.server.ts";
import { disputeSchema, paymentRecordSchema, scheduleSchema } from "../../payments/schemas.ts";
import { confirmPayment, disputePayment, recordPayment } from "../../payments/settlement.server.ts";

export const PAYMENT_DONE = ["recorded", "confirmed", "disputed", "scheduleSaved"] as const;
export type PaymentDone = (typeof PAYMENT_DONE)[number];

const back = (id: string, done: PaymentDone) => redirect(`/contracts/${id}?payment=${done}#payments`);

export async function paymentAction(
  intent: string,
  form: FormData,
  contractId: string,
  user: SessionUser,
  locale: Locale,
) {
  if (intent === "recordPayment") {
    const amount = money(form, "amount", locale, { required: true });
    const parsed = paymentRecordSchema.safeParse({
      amountFen: amount.fen ?? undefined,
      method: "bank_transfer",
      paidAt: text(form, "paidAt"),
      reference: text(form, "reference"),
    });
    if (!parsed.success || amount.error) {
      const fields = parsed.success ? {} : zodFailure(parsed.error, locale, { amountFen: "amount" }).fields;
      return failure(locale, { ...fields, ...(amount.error ? { amount: amount.error } : {}) });
    }
    const r = await orFailure(locale, () => recordPayment(contractId, parsed.data, user), { amountFen: "amount" });
    return isFailure(r) ? r : back(contractId, "recorded");
  }
  if (intent === "payByCard") {
    const amount = money(form, "cardAmount", locale, { required: true });
    if (amount.error || amount.fen === null) return failure(locale, { cardAmount: amount.error ?? "" });
    const parsed = paymentRecordSchema.safeParse({ amountFen: amount.fen, method: "stripe" });
    if (!parsed.success) return zodFailure(parsed.error, locale, { amountFen: "cardAmount" });
    const key = text(form, "idempotencyKey").slice(0, 200) || undefined;
    const r = await orFailure(locale, () => recordPayment(contractId, parsed.data, user, { idempotencyKey: key }), {
      amountFen: "cardAmount",
    });
    return isFailure(r) ? r : { ok: true as const, cardReference: r.payment.reference };
  }
  if (intent === "confirmPayment") {
    const r = await orFailure(locale, () => confirmPayment(text(form, "paymentId"), user));
    return isFailure(r) ? r : back(contractId, "confirmed");
  }
  if (intent === "disputePayment") {
    const paymentId = text(form, "paymentId");
    const parsed = disputeSchema.safeParse({ reason: text(form, "reason") });
    if (!parsed.success) return zodFailure(parsed.error, locale, { reason: `dispute:${paymentId}` });
    const r = await orFailure(locale, () => disputePayment(paymentId, parsed.data, user), {
      reason: `dispute:${paymentId}`,
    });
    return isFailure(r) ? r : back(contractId, "disputed");
  }
  if (intent === "saveSchedule") {
    const rowCount = Math.min(Number(text(form, "rows")) || 0, 26);
    const milestones: Array<{ title: string; dueDate: string; amountFen: number | undefined }> = [];
    const rowOf: number[] = [];
    const moneyErrors: Record<string, string> = {};
    for (let i = 0; i < rowCount; i++) {
      const title = text(form, `m${i}Title`);
      const dueDate = text(form, `m${i}Due`);
      const amount = money(form, `m${i}Amount`, locale);
      if (!title && !dueDate && amount.fen === null && !amount.error) continue;
      if (amount.error) moneyErrors[`m${i}Amount`] = amount.error;
      milestones.push({ title, dueDate, amountFen: amount.fen ?? undefined });
      rowOf.push(i);
    }
    const rename: Record<string, string> = {};
    rowOf.forEach((row, n) => {
      rename[`milestones.${n}.title`] = `m${row}Title`;
      rename[`milestones.${n}.dueDate`] = `m${row}Due`;
      rename[`milestones.${n}.amountFen`] = `m${row}Amount`;
    });
    const parsed = scheduleSchema.safeParse({ milestones });
    if (!parsed.success || Object.keys(moneyErrors).length) {
      return failure(locale, {
        ...(parsed.success ? {} : zodFailure(parsed.error, locale, rename).fields),
        ...moneyErrors,
      });
    }
    const r = await orFailure(locale, () => putSchedule(contractId, parsed.data, user), rename);
    return isFailure(r) ? r : back(contractId, "scheduleSaved");
  }
  return null;
}
