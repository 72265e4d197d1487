-- Stripe webhook events that took effect (deduplicated on the event id) and the PaymentIntents
-- this installation created, with their purpose (docs/decisions/0008-payments-and-stripe.md).
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "objectId" TEXT,
    "outcome" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "StripePaymentIntent" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "purposeId" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "StripePaymentIntent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "StripePaymentIntent_idempotencyKey_key" ON "StripePaymentIntent"("idempotencyKey");
CREATE INDEX "StripePaymentIntent_purpose_purposeId_idx" ON "StripePaymentIntent"("purpose", "purposeId");
