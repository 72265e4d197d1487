// One small interface in front of every way money is collected (docs/decisions/0008). Today:
// bank transfer (the default: money goes straight to the payee, the platform records and checks
// the bank receipt — 二清 forbids it to collect and pay out) and Stripe (card, for Hong Kong,
// Macao and foreign parties). A licensed custody account (资金监管) or split-payment provider is
// one more implementation of this interface; the deposit and settlement code only sees this.

export const PAYMENT_METHODS = ["bank_transfer", "stripe"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What money is collected for; a Stripe webhook is dispatched by it. */
export const PAYMENT_PURPOSES = ["deposit", "contract_payment"] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

export type BankAccount = { bankName: string; accountName: string; accountNumber: string };

export type CollectionRequest = {
  purpose: PaymentPurpose;
  /** the row the money is for (a deposit's or a contract payment's id) */
  purposeId: string;
  amountFen: bigint;
  /** ISO 4217, lower case as Stripe wants it; "cny" unless said otherwise */
  currency?: string;
  payerOrgId: string;
  /** the same key returns the same collection (a retried request creates nothing new) */
  idempotencyKey: string;
  description: string;
};

export type Collection = {
  method: PaymentMethod;
  /** bank transfer: the code the payer writes in the transfer's memo (附言), unique per purpose */
  reference?: string;
  /** bank transfer: where to send the money, when it goes to the market (deposits) */
  bankAccount?: BankAccount;
  /** stripe: for Stripe.js to confirm the card payment in the browser */
  clientSecret?: string;
  /** stripe: the PaymentIntent id (pi_…) */
  providerPaymentId?: string;
};

export type RefundRequest = { providerPaymentId: string; amountFen: bigint; idempotencyKey: string; reason?: string };

export interface PaymentMethodAdapter {
  readonly method: PaymentMethod;
  /** Whether the method can be offered now (Stripe: only with a secret key configured). */
  isAvailable(): boolean;
  /**
   * Whether the provider returns money itself (`refund` works); otherwise staff transfer it back
   * and record the bank reference.
   */
  readonly refundsThroughProvider: boolean;
  startCollection(request: CollectionRequest): Promise<Collection>;
  refund(request: RefundRequest): Promise<{ providerRefundId: string }>;
}
