// Card payments through Stripe with the official `stripe` package. Configured by
// STRIPE_SECRET_KEY (without it card payment is not offered at all) and STRIPE_API_BASE (Stripe's
// own API by default; tests and demos point it at a local API double, because this machine cannot
// reach Stripe — docs/decisions/0008). Every create carries an Idempotency-Key, so a retried
// request never makes a second PaymentIntent or refund.
import Stripe from "stripe";
import { ApiError } from "../api/api.server.ts";
import { prisma } from "../db/db.server.ts";
import { getEnv } from "../env.server.ts";
import type { PaymentMethodAdapter } from "./adapter.ts";

/**
 * Stripe's amount limit for one charge is eight digits in the smallest unit (999,999.99). Larger
 * contract payments go by bank transfer.
 */
export const STRIPE_MAX_AMOUNT_FEN = 99_999_999n;

let cached: { config: string; client: Stripe } | null = null;

/** The client for the configured key and API base, or null when no key is set. */
export function stripeClient(): Stripe | null {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) return null;
  const config = `${env.STRIPE_SECRET_KEY}\n${env.STRIPE_API_BASE}`;
  if (cached?.config !== config) {
    const base = new URL(env.STRIPE_API_BASE);
    const protocol = base.protocol === "http:" ? "http" : "https";
    cached = {
      config,
      client: new Stripe(env.STRIPE_SECRET_KEY, {
        host: base.hostname,
        port: Number(base.port || (protocol === "http" ? 80 : 443)),
        protocol,
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
      }),
    };
  }
  return cached.client;
}

function providerError(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  console.error("Stripe error", message);
  if (error instanceof Stripe.errors.StripeError && error.type === "StripeInvalidRequestError") {
    return new ApiError(
      409,
      "payment_provider_refused",
      `支付服务拒绝了该请求 / The payment provider refused the request: ${message}`,
    );
  }
  return new ApiError(
    502,
    "payment_provider_unavailable",
    "暂时无法连接支付服务，请稍后重试 / The payment provider cannot be reached; please retry",
  );
}

function requireClient() {
  const client = stripeClient();
  if (!client)
    throw new ApiError(409, "method_unavailable", "本平台未开通银行卡支付 / Card payment is not available here");
  return client;
}

export const stripeAdapter: PaymentMethodAdapter = {
  method: "stripe",
  refundsThroughProvider: true,
  isAvailable: () => !!getEnv().STRIPE_SECRET_KEY,
  async startCollection(request) {
    const client = requireClient();
    if (request.amountFen <= 0n || request.amountFen > STRIPE_MAX_AMOUNT_FEN) {
      throw new ApiError(
        409,
        "amount_not_allowed_for_card",
        "银行卡单笔金额须在 0.01 元至 999,999.99 元之间，请改用银行转账 / A card payment must be between 0.01 and 999,999.99; please pay by bank transfer",
      );
    }
    const currency = (request.currency ?? "cny").toLowerCase();
    let intent: Stripe.PaymentIntent;
    try {
      // Automatic capture: a card deposit is charged and refunded after the close, because a
      // manual-capture hold expires after about 7 days, before most lots close (decision 0016).
      intent = await client.paymentIntents.create(
        {
          amount: Number(request.amountFen),
          currency,
          description: request.description.slice(0, 1000),
          metadata: { purpose: request.purpose, purposeId: request.purposeId, payerOrgId: request.payerOrgId },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (error) {
      throw providerError(error);
    }
    await prisma.stripePaymentIntent.upsert({
      where: { id: intent.id },
      create: {
        id: intent.id,
        purpose: request.purpose,
        purposeId: request.purposeId,
        amountFen: BigInt(intent.amount),
        currency: intent.currency,
        idempotencyKey: request.idempotencyKey,
        status: intent.status,
      },
      update: {},
    });
    return { method: "stripe", providerPaymentId: intent.id, clientSecret: intent.client_secret ?? undefined };
  },
  async refund(request) {
    const client = requireClient();
    try {
      const refund = await client.refunds.create(
        {
          payment_intent: request.providerPaymentId,
          amount: Number(request.amountFen),
          metadata: request.reason ? { reason: request.reason } : {},
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return { providerRefundId: refund.id };
    } catch (error) {
      throw providerError(error);
    }
  },
};
