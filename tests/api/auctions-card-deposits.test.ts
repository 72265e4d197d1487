// Card deposits through Stripe (the local API double, docs/decisions/0008): a PaymentIntent per
// deposit with an Idempotency-Key, the webhook moves the deposit once per event id and in any
// order, losers' card deposits are refunded through Stripe once however often it is tried.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { issueCardRefunds } from "../../app/auctions/card.server.ts";
import * as webhookRoute from "../../app/routes/api.v1.payments.stripe.webhook.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { startStripeDouble, type StripeDouble, type StripeEventPayload } from "../support/stripe-double.ts";
import { announcedLot, bid, bidder, getLot, register } from "./auctions-helpers.ts";

let stripe: StripeDouble;
const saved = { ...process.env };
beforeAll(async () => {
  stripe = await startStripeDouble();
  Object.assign(process.env, stripe.env);
});
afterAll(async () => {
  for (const key of Object.keys(stripe.env)) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await stripe.close();
});

const deliver = (evt: StripeEventPayload, header?: string) => {
  const signed = stripe.sign(evt);
  return call(
    webhookRoute.action,
    apiRequest("POST", "/api/v1/payments/stripe/webhook", {
      rawBody: signed.payload,
      headers: { "Stripe-Signature": header ?? signed.header },
    }),
  );
};
const status = async (id: string) => (await prisma.auctionDeposit.findUniqueOrThrow({ where: { id } })).status;

test("a card deposit: one PaymentIntent however often registered; duplicate and out-of-order webhooks take effect once", async () => {
  const { id } = await announcedLot();
  const hk = await makeCaller("company");
  const reg = await register(hk.token, id, "stripe");
  expect(reg.status).toBe(201);
  expect(reg.body.deposit).toMatchObject({ method: "stripe", status: "awaiting_payment", amountFen: 20_000_000 });
  expect(reg.body.deposit.clientSecret).toBeTruthy();
  expect(reg.body.deposit.bankAccount).toBeUndefined();
  const again = await register(hk.token, id, "stripe");
  expect(again.status).toBe(200);
  expect(stripe.paymentIntents.size).toBe(1);
  const pi = [...stripe.paymentIntents.keys()][0]!;
  const depositId = reg.body.deposit.id;
  expect((await bid(hk.token, id, 200_000_000)).body.error.code).toBe("deposit_required");

  // a bad signature changes nothing
  const { event: paid } = await stripe.succeed(pi);
  const bad = await deliver(paid, "t=1,v1=deadbeef");
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe("invalid_signature");
  expect(await status(depositId)).toBe("awaiting_payment");

  const [d1, d2] = await Promise.all([deliver(paid), deliver(paid)]);
  expect([d1.status, d2.status]).toEqual([200, 200]);
  expect(await status(depositId)).toBe("held");
  expect(
    await prisma.auditEvent.count({ where: { entityType: "deposit", entityId: depositId, action: "card_paid" } }),
  ).toBe(1);
  // a late "failed" from an earlier attempt does not undo the payment
  const { event: declined } = await stripe.fail(pi);
  expect((await deliver(declined)).status).toBe(200);
  expect(await status(depositId)).toBe("held");
  expect((await bid(hk.token, id, 200_000_000)).status).toBe(201);
});

test("losers' card deposits are refunded through Stripe once after the close; charge.refunded (even before success) ends at refunded", async () => {
  const { id, bureau } = await announcedLot();
  const winner = await bidder(id, bureau);
  const loser = await makeCaller("company");
  const reg = await register(loser.token, id, "stripe");
  const pi = reg.body.deposit.clientSecret
    ? [...stripe.paymentIntents.values()].find((p) => p.metadata?.purposeId === reg.body.deposit.id)!.id
    : "";
  const { event: paid } = await stripe.succeed(pi);
  await deliver(paid);
  await bid(loser.token, id, 200_000_000);
  await bid(winner.token, id, 210_000_000);
  await prisma.auction.update({ where: { id }, data: { endsAt: new Date(Date.now() - 1) } });
  expect((await getLot(id)).body.auction.status).toBe("sold");
  const refundsFor = () => [...stripe.refunds.values()].filter((r) => r.payment_intent === pi);
  expect(refundsFor()).toHaveLength(1);
  expect(await status(reg.body.deposit.id)).toBe("refund_due");
  // the job tries again: nothing new at Stripe
  await prisma.auctionDeposit.update({ where: { id: reg.body.deposit.id }, data: { stripeRefundId: null } });
  await issueCardRefunds();
  expect(refundsFor()).toHaveLength(1);
  const { event: refunded } = await stripe.refunded(pi);
  await deliver(refunded);
  await deliver(refunded);
  expect(await status(reg.body.deposit.id)).toBe("refunded");
  expect(
    await prisma.auditEvent.count({
      where: { entityType: "deposit", entityId: reg.body.deposit.id, action: "card_refunded" },
    }),
  ).toBe(1);

  // out of order: the refund's event arrives before the payment's
  const other = await makeCaller("company");
  const lot2 = await announcedLot();
  const r2 = await register(other.token, lot2.id, "stripe");
  const pi2 = [...stripe.paymentIntents.values()].find((p) => p.metadata?.purposeId === r2.body.deposit.id)!.id;
  const { event: paid2 } = await stripe.succeed(pi2);
  await (
    await import("../../app/payments/adapters.server.ts")
  )
    .paymentAdapter("stripe")
    .refund({ providerPaymentId: pi2, amountFen: 20_000_000n, idempotencyKey: `manual:${pi2}` });
  const { event: refunded2 } = await stripe.refunded(pi2);
  await deliver(refunded2);
  await deliver(paid2);
  expect(await status(r2.body.deposit.id)).toBe("refunded");
});
