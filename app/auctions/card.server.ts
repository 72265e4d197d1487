// Card deposits (Stripe) through the payment-method adapter (app/payments, decision 0016): a
// deposit is a PaymentIntent charged at once and refunded after the close, because a card hold
// expires before most lots close. The webhook moves the deposit, each event once and in any
// order (each handler only moves a deposit forward); refunds of losers' card deposits are
// issued right after the close and again by a background job until Stripe has them, with an
// Idempotency-Key per deposit, so a refund is made once however often it is tried.
import { recordAudit } from "../audit/audit.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { paymentAdapter } from "../payments/adapters.server.ts";
import { registerStripeHandler, type StripePaymentUpdate } from "../payments/stripe-handlers.server.ts";
import { onRefundsDue } from "./close.server.ts";

async function lockDeposit(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "AuctionDeposit" WHERE id = ${id} FOR UPDATE`;
  return tx.auctionDeposit.findUnique({ where: { id }, include: { auction: { select: { status: true } } } });
}

async function move(
  tx: Tx,
  u: StripePaymentUpdate,
  from: string[],
  to: (d: { auction: { status: string } }) => string,
  action: string,
) {
  const d = await lockDeposit(tx, u.purposeId);
  if (!d || d.method !== "stripe" || !from.includes(d.status)) return "ignored" as const;
  const status = to(d);
  await tx.auctionDeposit.update({
    where: { id: d.id },
    data: {
      status,
      ...(status === "refunded" ? { refundedAt: u.occurredAt } : {}),
      ...(action === "card_paid" ? { paidAmountFen: u.amountFen, receivedAt: u.occurredAt } : {}),
    },
  });
  await recordAudit(tx, {
    entityType: "deposit",
    entityId: d.id,
    action,
    before: { status: d.status },
    after: { status, stripeEvent: u.eventId, paymentIntentId: u.paymentIntentId },
  });
  return "applied" as const;
}

const CLOSED = ["sold", "unsold", "cancelled"];

registerStripeHandler("deposit", {
  // paid: held, or straight to refund_due when the lot closed meanwhile
  succeeded: (tx, u) =>
    move(
      tx,
      u,
      ["awaiting_payment", "failed"],
      (d) => (CLOSED.includes(d.auction.status) ? "refund_due" : "held"),
      "card_paid",
    ),
  // declined: the bidder may try another card on the same PaymentIntent (a later success wins)
  failed: (tx, u) => move(tx, u, ["awaiting_payment"], () => "failed", "card_failed"),
  refunded: (tx, u) =>
    u.fullyRefunded
      ? move(
          tx,
          u,
          ["awaiting_payment", "failed", "held", "refund_due", "applied", "forfeited"],
          () => "refunded",
          "card_refunded",
        )
      : Promise.resolve("ignored" as const),
});

/** Asks Stripe to refund card deposits that are due (all, or the given ones). */
export async function issueCardRefunds(ids?: string[]) {
  const due = await prisma.auctionDeposit.findMany({
    where: {
      status: "refund_due",
      method: "stripe",
      stripeRefundId: null,
      stripePaymentIntentId: { not: null },
      ...(ids ? { id: { in: ids } } : {}),
    },
    take: 100,
  });
  let issued = 0;
  for (const d of due) {
    const { providerRefundId } = await paymentAdapter("stripe").refund({
      providerPaymentId: d.stripePaymentIntentId!,
      amountFen: d.paidAmountFen ?? d.amountFen,
      idempotencyKey: `deposit-refund:${d.id}`,
      reason: "保证金退还 / deposit refund",
    });
    await prisma.$transaction(async (tx) => {
      const n = await tx.auctionDeposit.updateMany({
        where: { id: d.id, stripeRefundId: null },
        data: { stripeRefundId: providerRefundId },
      });
      if (n.count)
        await recordAudit(tx, {
          entityType: "deposit",
          entityId: d.id,
          action: "card_refund_issued",
          after: { stripeRefundId: providerRefundId },
        });
    });
    issued += 1;
  }
  return issued;
}

onRefundsDue(async (ids) => {
  if (paymentAdapter("stripe").isAvailable()) await issueCardRefunds(ids);
});
