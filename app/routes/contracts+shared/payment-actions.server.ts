// The contract page's settlement forms → app/payments (the same schemas and functions as the API),
// parsed by the page's schema (page-schema.ts). Returns null for an intent that is not about payments.
import { redirect } from "react-router";
import type { SessionUser } from "../../auth/session.server.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { orReply } from "../../components/form-reply.server.ts";
import { putSchedule } from "../../payments/schedule.server.ts";
import { confirmPayment, disputePayment, recordPayment } from "../../payments/settlement.server.ts";
import type { ContractPageSubmission } from "./page-schema.ts";

export const PAYMENT_DONE = ["recorded", "confirmed", "disputed", "scheduleSaved"] as const;
export type PaymentDone = (typeof PAYMENT_DONE)[number];

const back = (id: string, done: PaymentDone) => redirect(`/contracts/${id}?payment=${done}#payments`);

export async function paymentAction(
  submission: ContractPageSubmission,
  contractId: string,
  user: SessionUser,
  locale: Locale,
) {
  const v = submission.value;
  if (v.intent === "recordPayment") {
    const { intent: _, ...input } = v;
    const r = await orReply(submission, locale, () => recordPayment(contractId, input, user), { amountFen: "amount" });
    return r.ok ? back(contractId, "recorded") : r.reply;
  }
  if (v.intent === "payByCard") {
    const { intent: _, idempotencyKey, ...input } = v;
    const r = await orReply(submission, locale, () => recordPayment(contractId, input, user, { idempotencyKey }), {
      amountFen: "cardAmount",
    });
    return r.ok ? { ok: true as const, cardReference: r.value.payment.reference } : r.reply;
  }
  if (v.intent === "confirmPayment") {
    const r = await orReply(submission, locale, () => confirmPayment(v.paymentId ?? "", user));
    return r.ok ? back(contractId, "confirmed") : r.reply;
  }
  if (v.intent === "disputePayment") {
    const r = await orReply(submission, locale, () => disputePayment(v.paymentId ?? "", { reason: v.reason }, user));
    return r.ok ? back(contractId, "disputed") : r.reply;
  }
  if (v.intent === "saveSchedule") {
    const r = await orReply(submission, locale, () => putSchedule(contractId, { milestones: v.milestones }, user));
    return r.ok ? back(contractId, "scheduleSaved") : r.reply;
  }
  return null;
}
