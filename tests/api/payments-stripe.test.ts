// The payment-method adapters and the Stripe webhook (docs/decisions/0008): bank transfer
// references and the deposit account; Stripe through the local API double with Idempotency-Key on
// every create; webhook signatures (good, bad, missing, stale), each event id once, also when two
// deliveries race, and dispatch by the PaymentIntent's purpose.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { recordAudit } from "../../app/audit/audit.server.ts";
import {
  availablePaymentMethods,
  paymentAdapter,
  requireAvailableAdapter,
} from "../../app/payments/adapters.server.ts";
import { normalizeReference } from "../../app/payments/references.ts";
import { registerStripeHandler } from "../../app/payments/stripe-webhook.server.ts";
import * as webhookRoute from "../../app/routes/api.v1.payments.stripe.webhook.ts";
import { apiRequest, call } from "../factories.ts";
import { expectConsoleError, expectConsoleWarn } from "../support/console.ts";
import { startStripeDouble, type StripeDouble, type StripeEventPayload } from "../support/stripe-double.ts";

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

// A handler for the "deposit" purpose that leaves one audit event per effect, so the test sees
// exactly how often an event took effect (the auctions code registers the real one).
registerStripeHandler("deposit", {
  succeeded: (tx, u) =>
    recordAudit(tx, {
      entityType: "payment",
      entityId: u.purposeId,
      action: "test_succeeded",
      after: { event: u.eventId },
    }),
  failed: (tx, u) =>
    recordAudit(tx, {
      entityType: "payment",
      entityId: u.purposeId,
      action: "test_failed",
      after: { message: u.failureMessage },
    }),
  refunded: (tx, u) =>
    recordAudit(tx, {
      entityType: "payment",
      entityId: u.purposeId,
      action: "test_refunded",
      after: { refunded: Number(u.amountRefundedFen), full: u.fullyRefunded },
    }),
});

const effects = (purposeId: string) =>
  prisma.auditEvent
    .findMany({ where: { entityType: "payment", entityId: purposeId }, orderBy: { seq: "asc" } })
    .then((rows) => rows.map((r) => r.action));

function post(payload: string, signature?: string) {
  return call(
    webhookRoute.action,
    apiRequest("POST", "/api/v1/payments/stripe/webhook", {
      rawBody: payload,
      headers: signature === undefined ? {} : { "Stripe-Signature": signature },
    }),
  );
}
const deliver = (evt: StripeEventPayload) => {
  const { payload, header } = stripe.sign(evt);
  return post(payload, header);
};

async function depositIntent(purposeId: string, amountFen = 5_000_000n) {
  return paymentAdapter("stripe").startCollection({
    purpose: "deposit",
    purposeId,
    amountFen,
    payerOrgId: "org-hk",
    idempotencyKey: `deposit:${purposeId}`,
    description: "保证金 test",
  });
}

test("bank transfer: a typable reference per collection, the market's deposit account for deposits only", async () => {
  const bank = paymentAdapter("bank_transfer");
  expect(bank.isAvailable()).toBe(true);
  expect(bank.refundsThroughProvider).toBe(false);
  const deposit = await bank.startCollection({
    purpose: "deposit",
    purposeId: "d1",
    amountFen: 100n,
    payerOrgId: "o",
    idempotencyKey: "k1",
    description: "x",
  });
  expect(deposit.reference).toMatch(/^BZJ-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  expect(deposit.bankAccount).toEqual({
    bankName: expect.any(String),
    accountName: expect.any(String),
    accountNumber: expect.any(String),
  });
  const payment = await bank.startCollection({
    purpose: "contract_payment",
    purposeId: "p1",
    amountFen: 100n,
    payerOrgId: "o",
    idempotencyKey: "k2",
    description: "x",
  });
  expect(payment.reference).toMatch(/^HT-/);
  expect(payment.bankAccount).toBeUndefined();
  const many = new Set(
    await Promise.all(
      Array.from(
        { length: 500 },
        async (_, i) =>
          (
            await bank.startCollection({
              purpose: "deposit",
              purposeId: `d${i}`,
              amountFen: 1n,
              payerOrgId: "o",
              idempotencyKey: `k${i}`,
              description: "x",
            })
          ).reference,
      ),
    ),
  );
  expect(many.size).toBe(500);
  // staff may type it sloppily
  expect(normalizeReference(` ${deposit.reference!.toLowerCase().replace(/-/g, " ")} `)).toBe(deposit.reference);
  await expect(bank.refund({ providerPaymentId: "x", amountFen: 1n, idempotencyKey: "r" })).rejects.toThrow(/staff/);
});

test("without STRIPE_SECRET_KEY card payment is not offered: 409 method_unavailable", async () => {
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  try {
    expect(availablePaymentMethods()).toEqual(["bank_transfer"]);
    expect(paymentAdapter("stripe").isAvailable()).toBe(false);
    expect(() => requireAvailableAdapter("stripe")).toThrow(
      expect.objectContaining({ status: 409, code: "method_unavailable" }),
    );
  } finally {
    process.env.STRIPE_SECRET_KEY = key;
  }
  expect(availablePaymentMethods()).toEqual(["bank_transfer", "stripe"]);
});

test("stripe: a PaymentIntent per idempotency key, with its purpose in the metadata, also across a retried 500", async () => {
  const first = await depositIntent("dep-a");
  expect(first.providerPaymentId).toMatch(/^pi_/);
  expect(first.clientSecret).toMatch(new RegExp(`^${first.providerPaymentId}_secret_`));
  const again = await depositIntent("dep-a");
  expect(again.providerPaymentId).toBe(first.providerPaymentId);
  const creates = stripe.requests.filter((r) => r.path === "/v1/payment_intents");
  expect(creates.every((r) => r.idempotencyKey === "deposit:dep-a")).toBe(true);
  expect(creates.at(-1)!.replayed).toBe(true);
  expect(stripe.paymentIntents.get(first.providerPaymentId!)).toMatchObject({
    amount: 5_000_000,
    currency: "cny",
    metadata: { purpose: "deposit", purposeId: "dep-a", payerOrgId: "org-hk" },
  });
  expect(await prisma.stripePaymentIntent.findUnique({ where: { id: first.providerPaymentId! } })).toMatchObject({
    purpose: "deposit",
    purposeId: "dep-a",
    amountFen: 5_000_000n,
  });

  // Stripe answers 500 once: the client retries with the same key, and one intent exists
  const before = stripe.paymentIntents.size;
  stripe.failNext(500);
  const retried = await depositIntent("dep-b");
  expect(stripe.paymentIntents.size).toBe(before + 1);
  expect(stripe.requests.filter((r) => r.idempotencyKey === "deposit:dep-b").length).toBe(2);
  expect(retried.providerPaymentId).toMatch(/^pi_/);

  // over Stripe's per-charge limit: refused before calling Stripe
  await expect(depositIntent("dep-big", 100_000_000n)).rejects.toMatchObject({
    status: 409,
    code: "amount_not_allowed_for_card",
  });
});

test("stripe refunds are idempotent: the same key refunds once", async () => {
  // the double answers the over-refund with Stripe's error, which the adapter logs
  expectConsoleError(/Stripe error/);
  const { providerPaymentId } = await depositIntent("dep-refund", 2_000_000n);
  await stripe.succeed(providerPaymentId!);
  const stripeAdapter = paymentAdapter("stripe");
  const one = await stripeAdapter.refund({
    providerPaymentId: providerPaymentId!,
    amountFen: 2_000_000n,
    idempotencyKey: "refund:dep-refund",
  });
  const two = await stripeAdapter.refund({
    providerPaymentId: providerPaymentId!,
    amountFen: 2_000_000n,
    idempotencyKey: "refund:dep-refund",
  });
  expect(two.providerRefundId).toBe(one.providerRefundId);
  expect([...stripe.refunds.values()].filter((r) => r.payment_intent === providerPaymentId)).toHaveLength(1);
  // a second refund with another key is refused by Stripe (nothing left): 409, not a 500
  await expect(
    stripeAdapter.refund({ providerPaymentId: providerPaymentId!, amountFen: 1n, idempotencyKey: "refund:other" }),
  ).rejects.toMatchObject({
    status: 409,
    code: "payment_provider_refused",
  });
});

test("webhook: a bad, missing, stale or foreign signature is 400 invalid_signature and changes nothing", async () => {
  const { providerPaymentId } = await depositIntent("dep-sig");
  const { event } = await stripe.succeed(providerPaymentId!);
  const { payload, header } = stripe.sign(event);
  const cases: Array<[string, string | undefined]> = [
    [payload, undefined],
    [payload, ""],
    [payload, "t=123,v1=deadbeef"],
    [payload, stripe.sign(event, { secret: "whsec_someone_else" }).header],
    [payload, stripe.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }).header],
    [payload.replace("5000000", "5000001"), header], // body changed after signing
  ];
  for (const [body, signature] of cases) {
    const res = await post(body, signature);
    expect(res.status, String(signature)).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_signature", message: expect.any(String) });
  }
  expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0);
  expect(await effects("dep-sig")).toEqual([]);
  // within the 300 s tolerance it is accepted
  const late = await post(payload, stripe.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 250 }).header);
  expect(late).toMatchObject({ status: 200, body: { received: true, duplicate: false, effect: "applied" } });
  expect(await effects("dep-sig")).toEqual(["test_succeeded"]);
});

test("webhook: every event id takes effect once, also when the same event is delivered concurrently", async () => {
  const { providerPaymentId } = await depositIntent("dep-dup");
  const { event } = await stripe.succeed(providerPaymentId!);
  const first = await deliver(event);
  expect(first).toMatchObject({ status: 200, body: { id: event.id, duplicate: false, effect: "applied" } });
  const repeat = await deliver(event);
  expect(repeat).toMatchObject({ status: 200, body: { duplicate: true } });
  expect(await effects("dep-dup")).toEqual(["test_succeeded"]);

  const { event: failed } = await stripe.fail((await depositIntent("dep-race")).providerPaymentId!);
  const results = await Promise.all(Array.from({ length: 5 }, () => deliver(failed)));
  expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
  expect(await effects("dep-race")).toEqual(["test_failed"]);
  expect(await prisma.stripeEvent.findUnique({ where: { id: failed.id } })).toMatchObject({
    type: "payment_intent.payment_failed",
    outcome: "applied",
    objectId: expect.stringMatching(/^pi_/),
  });
});

test("webhook: routed by the intent's purpose, by the stored intent when the object has no metadata; other events are acknowledged", async () => {
  // an event for an intent of no known purpose is acknowledged and logged
  expectConsoleWarn(/no handler for purpose/);
  const { providerPaymentId } = await depositIntent("dep-route", 3_000_000n);
  await stripe.succeed(providerPaymentId!);
  await paymentAdapter("stripe").refund({
    providerPaymentId: providerPaymentId!,
    amountFen: 1_000_000n,
    idempotencyKey: "refund:route",
  });
  const { event } = await stripe.refunded(providerPaymentId!);
  event.data.object.metadata = {}; // a charge without the intent's metadata
  expect((await deliver(event)).body).toMatchObject({ effect: "applied" });
  expect(await prisma.auditEvent.findFirst({ where: { entityId: "dep-route" } })).toMatchObject({
    action: "test_refunded",
    after: { refunded: 1_000_000, full: false },
  });
  expect(await prisma.stripePaymentIntent.findUnique({ where: { id: providerPaymentId! } })).toMatchObject({
    status: "succeeded",
  });

  // an event type the app does not handle, and an intent it never created: 200, recorded, ignored
  const other = stripe.event("customer.created", { id: "cus_1", object: "customer" });
  expect(await deliver(other)).toMatchObject({ status: 200, body: { effect: "ignored" } });
  const stranger = stripe.event("payment_intent.succeeded", {
    id: "pi_unknown",
    object: "payment_intent",
    amount: 1,
    metadata: {},
  });
  expect(await deliver(stranger)).toMatchObject({ status: 200, body: { effect: "ignored" } });
  expect(await prisma.stripeEvent.count({ where: { id: { in: [other.id, stranger.id] }, outcome: "ignored" } })).toBe(
    2,
  );

  // GET is not how Stripe calls
  const get = await call(webhookRoute.loader as never, apiRequest("GET", "/api/v1/payments/stripe/webhook"));
  expect(get.status).toBe(405);
});
