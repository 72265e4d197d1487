// Card payments under contracts, as Stripe's webhook reports them. Each handler locks the payment
// row and moves it only forward, whatever order events arrive in: pending|failed → confirmed on
// success; pending → failed on a failure (a failure after a success is stale and ignored); a
// refund raises refundedFen to the charge's cumulative amount_refunded and, when whole, makes the
// payment refunded — also if the refund arrives before the success, which then changes nothing.
import { recordAudit } from "../audit/audit.server.ts";
import type { Tx } from "../db/db.server.ts";
import type { ContractPayment } from "../generated/prisma/client.ts";
import { registerStripeHandler, type StripePaymentUpdate } from "./stripe-handlers.server.ts";
import { shanghaiYearMonth } from "../domain/time.ts";

async function lockPayment(tx: Tx, update: StripePaymentUpdate) {
  const rows = await tx.$queryRaw<
    ContractPayment[]
  >`SELECT * FROM "ContractPayment" WHERE id = ${update.purposeId} FOR UPDATE`;
  const payment = rows[0];
  // The row is written right after the PaymentIntent is created; an event for an intent whose row
  // is not there (yet) fails, so Stripe delivers it again later instead of it being lost.
  if (!payment) throw new Error(`contract payment ${update.purposeId} not found for ${update.paymentIntentId}`);
  if (payment.providerPaymentId !== update.paymentIntentId)
    throw new Error(`contract payment ${payment.id} belongs to another PaymentIntent`);
  return payment;
}

async function audit(
  tx: Tx,
  payment: ContractPayment,
  action: string,
  after: Record<string, unknown>,
  update: StripePaymentUpdate,
) {
  await recordAudit(tx, {
    entityType: "payment",
    entityId: payment.id,
    action,
    actorId: null,
    before: { status: payment.status, refundedFen: payment.refundedFen },
    after: { ...after, stripeEventId: update.eventId },
  });
}

registerStripeHandler("contract_payment", {
  async succeeded(tx, update) {
    const payment = await lockPayment(tx, update);
    if (payment.status !== "pending" && payment.status !== "failed") return "ignored";
    const now = new Date();
    const data = {
      status: "confirmed",
      confirmedAt: now,
      confirmedYear: shanghaiYearMonth(now).year,
      paidAt: update.occurredAt,
      failureMessage: null,
    };
    await tx.contractPayment.update({ where: { id: payment.id }, data });
    await audit(tx, payment, "stripe_succeeded", data, update);
  },
  async failed(tx, update) {
    const payment = await lockPayment(tx, update);
    if (payment.status !== "pending") return "ignored";
    const data = { status: "failed", failureMessage: update.failureMessage?.slice(0, 500) ?? null };
    await tx.contractPayment.update({ where: { id: payment.id }, data });
    await audit(tx, payment, "stripe_failed", data, update);
  },
  async refunded(tx, update) {
    const payment = await lockPayment(tx, update);
    const refundedFen = update.amountRefundedFen > payment.refundedFen ? update.amountRefundedFen : payment.refundedFen;
    const status =
      update.fullyRefunded || refundedFen >= payment.amountFen
        ? "refunded"
        : payment.status === "pending" || payment.status === "failed"
          ? "confirmed"
          : payment.status;
    if (refundedFen === payment.refundedFen && status === payment.status) return "ignored";
    const now = new Date();
    const confirming = status === "confirmed" && !payment.confirmedAt;
    const data = {
      status,
      refundedFen,
      ...(confirming ? { confirmedAt: now, confirmedYear: shanghaiYearMonth(now).year } : {}),
    };
    await tx.contractPayment.update({ where: { id: payment.id }, data });
    await audit(tx, payment, "stripe_refunded", data, update);
  },
});
