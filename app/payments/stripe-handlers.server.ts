// The registry of Stripe webhook handlers per payment purpose, in a module of its own so that the
// purpose modules can register without importing the dispatcher (which loads them:
// stripe-webhook.server.ts → stripe-purposes.server.ts → each purpose module → this module).
import type { Tx } from "../db/db.server.ts";
import type { PaymentPurpose } from "./adapter.ts";

export type StripePaymentUpdate = {
  eventId: string;
  eventType: string;
  paymentIntentId: string;
  purposeId: string;
  /** the PaymentIntent's (or charge's) amount */
  amountFen: bigint;
  /** charge.refunded: how much of the charge is refunded so far (cumulative, from the object) */
  amountRefundedFen: bigint;
  fullyRefunded: boolean;
  chargeId: string | null;
  failureMessage: string | null;
  /** when Stripe created the event */
  occurredAt: Date;
};

export type Effect = "applied" | "ignored";
type HandlerResult = Effect | void;

/**
 * What a purpose does on each event, inside the webhook's transaction (use `tx` only). Each must
 * be idempotent by state: lock the row, move it only forward, return "ignored" if it already is
 * where the event would put it (or beyond).
 */
export type StripePurposeHandler = {
  succeeded(tx: Tx, update: StripePaymentUpdate): Promise<HandlerResult>;
  failed(tx: Tx, update: StripePaymentUpdate): Promise<HandlerResult>;
  refunded(tx: Tx, update: StripePaymentUpdate): Promise<HandlerResult>;
};

const handlers = new Map<PaymentPurpose, StripePurposeHandler>();

export function registerStripeHandler(purpose: PaymentPurpose, handler: StripePurposeHandler) {
  handlers.set(purpose, handler);
}

export function stripeHandlerFor(purpose: PaymentPurpose) {
  return handlers.get(purpose);
}
