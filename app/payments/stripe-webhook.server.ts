// Stripe webhooks (POST /api/v1/payments/stripe/webhook). Verified on the raw body with
// stripe.webhooks.constructEvent (300 s tolerance). Stripe retries for days, sends duplicates and
// does not keep order, so:
//   - every event id takes effect once: its StripeEvent row is inserted in the same transaction
//     as the effect (a concurrent duplicate waits on the primary key, then inserts nothing);
//   - handlers reconcile by the object's state, never by arrival order: each moves its row only
//     forward (e.g. a `charge.refunded` before `payment_intent.succeeded` leaves the row refunded,
//     and the late success changes nothing).
// Events are dispatched by the PaymentIntent's metadata `purpose` (or the StripePaymentIntent row)
// to the handler registered for it: registerStripeHandler("deposit", …) in the auctions code,
// "contract_payment" in the settlement code, each loaded by stripe-purposes.server.ts.
import Stripe from "stripe";
import { ApiError } from "../api/api.server.ts";
import { prisma } from "../db/db.server.ts";
import { getEnv } from "../env.server.ts";
import { PAYMENT_PURPOSES, type PaymentPurpose } from "./adapter.ts";
// the registry first, then the modules that register into it (order matters: see stripe-handlers).
// Purpose modules import registerStripeHandler from stripe-handlers.server.ts, never from here:
// this module is still loading when they run.
import {
  stripeHandlerFor,
  type Effect,
  type StripePaymentUpdate,
  type StripePurposeHandler,
} from "./stripe-handlers.server.ts";
import "./stripe-purposes.server.ts";

export {
  registerStripeHandler,
  type StripePaymentUpdate,
  type StripePurposeHandler,
} from "./stripe-handlers.server.ts";

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function invalidSignature(message: string) {
  return new ApiError(400, "invalid_signature", `Stripe 签名无效 / Invalid Stripe signature: ${message}`);
}

/** Verifies the Stripe-Signature header over the raw body; the parsed event, or 400 invalid_signature. */
export function verifyStripeEvent(rawBody: string, signature: string | null): Stripe.Event {
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw invalidSignature("STRIPE_WEBHOOK_SECRET is not configured");
  if (!signature) throw invalidSignature("missing Stripe-Signature header");
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    throw invalidSignature(error instanceof Error ? error.message : "verification failed");
  }
}

type Kind = keyof StripePurposeHandler;
type Routed = {
  kind: Kind;
  paymentIntentId: string;
  metadata: Record<string, string>;
  update: Omit<StripePaymentUpdate, "purposeId">;
};

const STATUS_RANK: Record<string, number> = {
  requires_payment_method: 0,
  payment_failed: 1,
  succeeded: 2,
  refunded: 3,
};

function route(event: Stripe.Event): Routed | null {
  const base = { eventId: event.id, eventType: event.type, occurredAt: new Date(event.created * 1000) };
  if (event.type === "payment_intent.succeeded" || event.type === "payment_intent.payment_failed") {
    const pi = event.data.object as Stripe.PaymentIntent;
    const charge = typeof pi.latest_charge === "string" ? pi.latest_charge : (pi.latest_charge?.id ?? null);
    return {
      kind: event.type === "payment_intent.succeeded" ? "succeeded" : "failed",
      paymentIntentId: pi.id,
      metadata: pi.metadata ?? {},
      update: {
        ...base,
        paymentIntentId: pi.id,
        amountFen: BigInt(pi.amount),
        amountRefundedFen: 0n,
        fullyRefunded: false,
        chargeId: charge,
        failureMessage: pi.last_payment_error?.message ?? null,
      },
    };
  }
  if (event.type === "charge.refunded") {
    const charge = event.data.object as Stripe.Charge;
    const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
    if (!pi) return null;
    return {
      kind: "refunded",
      paymentIntentId: pi,
      metadata: charge.metadata ?? {},
      update: {
        ...base,
        paymentIntentId: pi,
        amountFen: BigInt(charge.amount),
        amountRefundedFen: BigInt(charge.amount_refunded),
        fullyRefunded: charge.refunded,
        chargeId: charge.id,
        failureMessage: null,
      },
    };
  }
  return null;
}

function objectId(event: Stripe.Event) {
  const object = event.data?.object as { id?: string } | undefined;
  return object?.id ?? null;
}

/**
 * Applies a verified event once. `duplicate` is true when its id was processed before (nothing
 * changes); `effect` says whether a handler changed anything.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<{ duplicate: boolean; effect: Effect }> {
  const routed = route(event);
  return prisma.$transaction(
    async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO "StripeEvent" (id, type, "objectId", outcome) VALUES (${event.id}, ${event.type}, ${objectId(event)}, 'ignored')
        ON CONFLICT (id) DO NOTHING`;
      if (claimed === 0) return { duplicate: true, effect: "ignored" as Effect };
      if (!routed) return { duplicate: false, effect: "ignored" as Effect };

      const known = await tx.stripePaymentIntent.findUnique({ where: { id: routed.paymentIntentId } });
      const purpose = (routed.metadata.purpose ?? known?.purpose) as PaymentPurpose | undefined;
      const purposeId = routed.metadata.purposeId ?? known?.purposeId;
      const handler = purpose && PAYMENT_PURPOSES.includes(purpose) ? stripeHandlerFor(purpose) : undefined;
      if (!handler || !purposeId) {
        console.warn(
          `Stripe event ${event.id} (${event.type}) for ${routed.paymentIntentId}: no handler for purpose ${purpose ?? "(none)"}`,
        );
        return { duplicate: false, effect: "ignored" as Effect };
      }
      const effect: Effect = (await handler[routed.kind](tx, { ...routed.update, purposeId })) ?? "applied";

      const seen =
        routed.kind === "refunded"
          ? routed.update.fullyRefunded
            ? "refunded"
            : "succeeded"
          : routed.kind === "succeeded"
            ? "succeeded"
            : "payment_failed";
      if (known && (STATUS_RANK[seen] ?? 0) > (STATUS_RANK[known.status] ?? 0)) {
        await tx.stripePaymentIntent.update({ where: { id: known.id }, data: { status: seen } });
      }
      if (effect === "applied") await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome: "applied" } });
      return { duplicate: false, effect };
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}
