// Card payments under contracts, end to end through the local Stripe API double: the buyer starts
// a payment (PaymentIntent with an Idempotency-Key), Stripe's signed webhook confirms it; duplicate
// and out-of-order events (a refund before the success, a failure after it) leave the state that
// the objects describe, and each event takes effect once.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { confirmedPaidFen } from "../../app/payments/settlement.server.ts";
import * as paymentsRoute from "../../app/routes/api.v1.contracts.$id.payments.ts";
import * as confirmRoute from "../../app/routes/api.v1.payments.$id.confirm.ts";
import * as webhookRoute from "../../app/routes/api.v1.payments.stripe.webhook.ts";
import { paymentAdapter } from "../../app/payments/adapters.server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { startStripeDouble, type StripeDouble, type StripeEventPayload } from "../support/stripe-double.ts";
import { registeredContract, type Caller } from "./contracts-helpers.ts";

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

const record = (c: Caller, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(
    paymentsRoute.action,
    apiRequest("POST", `/api/v1/contracts/${id}/payments`, { token: c.token, body, headers }),
    { id },
  );
const deliver = (evt: StripeEventPayload) => {
  const { payload, header } = stripe.sign(evt);
  return call(
    webhookRoute.action,
    apiRequest("POST", "/api/v1/payments/stripe/webhook", {
      rawBody: payload,
      headers: { "Stripe-Signature": header },
    }),
  );
};
const row = (id: string) => prisma.contractPayment.findUniqueOrThrow({ where: { id } });

async function deal() {
  const bureau = await makeCaller("bureau");
  const seller = await makeCaller("researcher");
  const buyer = await makeCaller("company");
  const contract = await registeredContract(bureau, seller.org!, buyer.org!, {
    contractAmountFen: 50_000_000,
    nonTechnicalCostsFen: 0,
  });
  return { seller, buyer, contract };
}

test("the buyer pays by card: a pending payment with its PaymentIntent, confirmed by the signed webhook, once", async () => {
  const { seller, buyer, contract } = await deal();
  const started = await record(
    buyer,
    contract.id,
    { amountFen: 12_345_600, method: "stripe" },
    { "Idempotency-Key": "click-1" },
  );
  expect(started.status).toBe(201);
  expect(started.body.payment).toMatchObject({
    method: "stripe",
    status: "pending",
    amountFen: 12_345_600,
    reference: expect.stringMatching(/^HT-/),
  });
  expect(started.body.clientSecret).toMatch(/_secret_/);
  const piId = started.body.payment.providerPaymentId as string;
  expect(stripe.paymentIntents.get(piId)).toMatchObject({
    amount: 12_345_600,
    currency: "cny",
    metadata: { purpose: "contract_payment", purposeId: started.body.payment.id },
  });
  expect(
    stripe.requests.find(
      (r) => r.path === "/v1/payment_intents" && r.params.metadata?.purposeId === started.body.payment.id,
    )?.idempotencyKey,
  ).toBe(`contract_payment:${started.body.payment.id}`);
  // the same click again (same Idempotency-Key): the same payment, no second PaymentIntent
  const intents = stripe.paymentIntents.size;
  const again = await record(
    buyer,
    contract.id,
    { amountFen: 12_345_600, method: "stripe" },
    { "Idempotency-Key": "click-1" },
  );
  expect(again.status).toBe(200);
  expect(again.body.payment.id).toBe(started.body.payment.id);
  expect(stripe.paymentIntents.size).toBe(intents);

  // a card payment is confirmed by Stripe, not by hand
  expect(
    (
      await call(
        confirmRoute.action,
        apiRequest("POST", `/api/v1/payments/${started.body.payment.id}/confirm`, { token: seller.token }),
        { id: started.body.payment.id },
      )
    ).status,
  ).toBe(409);

  const { event } = await stripe.succeed(piId);
  expect(await deliver(event)).toMatchObject({ status: 200, body: { duplicate: false, effect: "applied" } });
  expect(await deliver(event)).toMatchObject({ status: 200, body: { duplicate: true } });
  expect(await row(started.body.payment.id)).toMatchObject({ status: "confirmed", confirmedYear: expect.any(Number) });
  expect(await confirmedPaidFen(contract.id)).toBe(12_345_600n);
  const audit = await prisma.auditEvent.findMany({
    where: { entityType: "payment", entityId: started.body.payment.id },
    orderBy: { seq: "asc" },
  });
  expect(audit.map((e) => e.action)).toEqual(["start_card_payment", "stripe_succeeded"]);

  // a stale failure event (an earlier attempt) after the success changes nothing
  const stale = stripe.event("payment_intent.payment_failed", {
    ...stripe.paymentIntents.get(piId)!,
    status: "requires_payment_method",
    last_payment_error: { message: "declined" },
  });
  expect(await deliver(stale)).toMatchObject({ status: 200, body: { effect: "ignored" } });
  expect((await row(started.body.payment.id)).status).toBe("confirmed");
});

test("out of order: a full refund before the success leaves the payment refunded; partial refunds only ever add up", async () => {
  const { buyer, contract } = await deal();
  const p = (await record(buyer, contract.id, { amountFen: 8_000_000, method: "stripe" })).body.payment;
  const { event: succeeded } = await stripe.succeed(p.providerPaymentId);
  await paymentAdapter("stripe").refund({
    providerPaymentId: p.providerPaymentId,
    amountFen: 3_000_000n,
    idempotencyKey: `refund:${p.id}:1`,
  });
  const { event: partial } = await stripe.refunded(p.providerPaymentId);
  await paymentAdapter("stripe").refund({
    providerPaymentId: p.providerPaymentId,
    amountFen: 5_000_000n,
    idempotencyKey: `refund:${p.id}:2`,
  });
  const { event: full } = await stripe.refunded(p.providerPaymentId);

  // Stripe delivers: the full refund, then the success, then the partial refund
  expect((await deliver(full)).body.effect).toBe("applied");
  expect(await row(p.id)).toMatchObject({ status: "refunded", refundedFen: 8_000_000n });
  expect((await deliver(succeeded)).body.effect).toBe("ignored");
  expect((await deliver(partial)).body.effect).toBe("ignored");
  expect(await row(p.id)).toMatchObject({ status: "refunded", refundedFen: 8_000_000n });
  expect(await confirmedPaidFen(contract.id)).toBe(0n);

  // another payment: success, then a partial refund arriving before a second partial one's event
  const q = (await record(buyer, contract.id, { amountFen: 6_000_000, method: "stripe" })).body.payment;
  const { event: ok } = await stripe.succeed(q.providerPaymentId);
  await paymentAdapter("stripe").refund({
    providerPaymentId: q.providerPaymentId,
    amountFen: 1_000_000n,
    idempotencyKey: `refund:${q.id}:1`,
  });
  const { event: r1 } = await stripe.refunded(q.providerPaymentId);
  await paymentAdapter("stripe").refund({
    providerPaymentId: q.providerPaymentId,
    amountFen: 2_000_000n,
    idempotencyKey: `refund:${q.id}:2`,
  });
  const { event: r2 } = await stripe.refunded(q.providerPaymentId);
  await deliver(r2); // 3,000,000 refunded so far: counts as paid (confirmed) with the refund netted
  expect(await row(q.id)).toMatchObject({ status: "confirmed", refundedFen: 3_000_000n });
  expect((await deliver(r1)).body.effect).toBe("ignored"); // older, smaller cumulative figure
  expect((await deliver(ok)).body.effect).toBe("ignored");
  expect(await row(q.id)).toMatchObject({ status: "confirmed", refundedFen: 3_000_000n });
  expect(await confirmedPaidFen(contract.id)).toBe(3_000_000n);
});

test("a declined card leaves the payment failed; a later success of the same intent confirms it", async () => {
  const { buyer, contract } = await deal();
  const p = (await record(buyer, contract.id, { amountFen: 1_000_000, method: "stripe" })).body.payment;
  const { event: failed } = await stripe.fail(p.providerPaymentId);
  expect((await deliver(failed)).body.effect).toBe("applied");
  expect(await row(p.id)).toMatchObject({ status: "failed", failureMessage: "Your card was declined." });
  const { event: ok } = await stripe.succeed(p.providerPaymentId);
  expect((await deliver(ok)).body.effect).toBe("applied");
  expect(await row(p.id)).toMatchObject({ status: "confirmed", failureMessage: null });
  // a card payment over Stripe's per-charge limit is refused: bank transfer instead
  expect(await record(buyer, contract.id, { amountFen: 100_000_000, method: "stripe" })).toMatchObject({ status: 409 });
});
