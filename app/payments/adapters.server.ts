// The payment methods this installation offers, and the one place that picks an adapter.
import { ApiError } from "../api/api.server.ts";
import type { PaymentMethod, PaymentMethodAdapter } from "./adapter.ts";
import { bankTransferAdapter } from "./bank-transfer.server.ts";
import { stripeAdapter } from "./stripe.server.ts";

const ADAPTERS: Record<PaymentMethod, PaymentMethodAdapter> = {
  bank_transfer: bankTransferAdapter,
  stripe: stripeAdapter,
};

export function paymentAdapter(method: PaymentMethod): PaymentMethodAdapter {
  return ADAPTERS[method];
}

/** Bank transfer always; card only where Stripe is configured. */
export function availablePaymentMethods(): PaymentMethod[] {
  return (Object.keys(ADAPTERS) as PaymentMethod[]).filter((m) => ADAPTERS[m].isAvailable());
}

/** The adapter, or 409 `method_unavailable` (e.g. "stripe" without STRIPE_SECRET_KEY). */
export function requireAvailableAdapter(method: PaymentMethod): PaymentMethodAdapter {
  const adapter = ADAPTERS[method];
  if (!adapter?.isAvailable()) {
    throw new ApiError(
      409,
      "method_unavailable",
      method === "stripe"
        ? "本平台未开通银行卡支付，请使用银行转账 / Card payment is not available here; please pay by bank transfer"
        : "该支付方式不可用 / This payment method is not available",
    );
  }
  return adapter;
}
