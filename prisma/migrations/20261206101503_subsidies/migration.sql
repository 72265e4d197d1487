
-- CreateTable
CREATE TABLE "SubsidyProgramme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE NOT NULL,
    "budgetFen" BIGINT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'apply',
    "stacking" TEXT NOT NULL DEFAULT 'stackable',
    "stacksWith" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SubsidyProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyRule" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "capPerContractFen" BIGINT,
    "capPerOrgYearFen" BIGINT,
    "minContractFen" BIGINT NOT NULL DEFAULT 0,
    "contractTypes" TEXT[],
    "buyerRegionPrefix" TEXT,
    "sellerRegionPrefix" TEXT,
    "sellerOutsidePrefix" TEXT,
    "basis" TEXT NOT NULL DEFAULT 'paid',
    CONSTRAINT "SubsidyRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyApplication" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "programmeCode" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "basisFen" BIGINT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "cappedBy" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "auto" BOOLEAN NOT NULL DEFAULT false,
    "appliedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,
    "disbursedAt" TIMESTAMP(3),
    "disbursedById" TEXT,
    "bankReference" TEXT,
    "reviewReason" TEXT,
    "reviewFlaggedAt" TIMESTAMP(3),
    "statusBeforeReview" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SubsidyApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubsidyProgramme_code_year_idx" ON "SubsidyProgramme"("code", "year");

-- CreateIndex
CREATE INDEX "SubsidyProgramme_year_idx" ON "SubsidyProgramme"("year");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyRule_programmeId_role_key" ON "SubsidyRule"("programmeId", "role");

-- CreateIndex
CREATE INDEX "SubsidyApplication_programmeId_status_idx" ON "SubsidyApplication"("programmeId", "status");

-- CreateIndex
CREATE INDEX "SubsidyApplication_orgId_programmeId_role_idx" ON "SubsidyApplication"("orgId", "programmeId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyApplication_contractId_programmeCode_role_key" ON "SubsidyApplication"("contractId", "programmeCode", "role");

-- AddForeignKey
ALTER TABLE "SubsidyRule" ADD CONSTRAINT "SubsidyRule_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SubsidyProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyApplication" ADD CONSTRAINT "SubsidyApplication_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SubsidyProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyApplication" ADD CONSTRAINT "SubsidyApplication_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyApplication" ADD CONSTRAINT "SubsidyApplication_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
