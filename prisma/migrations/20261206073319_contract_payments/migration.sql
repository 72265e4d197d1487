-- Contract settlement: payment schedules (milestones) and payment records (docs/decisions/0008).

-- CreateTable
CREATE TABLE "PaymentMilestone" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractPayment" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "reference" TEXT NOT NULL,
    "providerPaymentId" TEXT,
    "idempotencyKey" TEXT,
    "status" TEXT NOT NULL,
    "payerOrgId" TEXT NOT NULL,
    "payeeOrgId" TEXT NOT NULL,
    "recordedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "confirmedYear" INTEGER,
    "disputedAt" TIMESTAMP(3),
    "disputedById" TEXT,
    "disputeReason" TEXT,
    "failureMessage" TEXT,
    "refundedFen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContractPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMilestone_contractId_seq_key" ON "PaymentMilestone"("contractId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ContractPayment_providerPaymentId_key" ON "ContractPayment"("providerPaymentId");

-- CreateIndex
CREATE INDEX "ContractPayment_status_confirmedYear_idx" ON "ContractPayment"("status", "confirmedYear");

-- CreateIndex
CREATE UNIQUE INDEX "ContractPayment_contractId_reference_key" ON "ContractPayment"("contractId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "ContractPayment_contractId_idempotencyKey_key" ON "ContractPayment"("contractId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "PaymentMilestone" ADD CONSTRAINT "PaymentMilestone_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractPayment" ADD CONSTRAINT "ContractPayment_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

