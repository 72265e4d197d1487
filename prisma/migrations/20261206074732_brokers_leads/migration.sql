-- AlterTable
ALTER TABLE "Offer" ADD COLUMN     "leadId" TEXT;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "brokerUserId" TEXT,
ADD COLUMN     "commissionAmountFen" BIGINT,
ADD COLUMN     "commissionRateBp" INTEGER,
ADD COLUMN     "leadId" TEXT;

-- CreateTable
CREATE TABLE "BrokerProfile" (
    "userId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "certificateNumber" TEXT,
    "fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "bio" TEXT NOT NULL DEFAULT '',
    "brokerOrgId" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrokerProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL,
    "brokerUserId" TEXT NOT NULL,
    "brokerOrgId" TEXT NOT NULL,
    "buyerOrgId" TEXT NOT NULL,
    "sellerOrgId" TEXT NOT NULL,
    "needId" TEXT,
    "resultId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "pairKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'live',
    "waivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BrokerProfile_brokerOrgId_idx" ON "BrokerProfile"("brokerOrgId");

-- CreateIndex
CREATE INDEX "Lead_pairKey_createdAt_idx" ON "Lead"("pairKey", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_brokerUserId_createdAt_idx" ON "Lead"("brokerUserId", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_buyerOrgId_idx" ON "Lead"("buyerOrgId");

-- CreateIndex
CREATE INDEX "Lead_sellerOrgId_idx" ON "Lead"("sellerOrgId");

-- CreateIndex
CREATE INDEX "Contract_brokerUserId_idx" ON "Contract"("brokerUserId");

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_brokerUserId_fkey" FOREIGN KEY ("brokerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerProfile" ADD CONSTRAINT "BrokerProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrokerProfile" ADD CONSTRAINT "BrokerProfile_brokerOrgId_fkey" FOREIGN KEY ("brokerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_brokerUserId_fkey" FOREIGN KEY ("brokerUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_brokerOrgId_fkey" FOREIGN KEY ("brokerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_buyerOrgId_fkey" FOREIGN KEY ("buyerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_sellerOrgId_fkey" FOREIGN KEY ("sellerOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

