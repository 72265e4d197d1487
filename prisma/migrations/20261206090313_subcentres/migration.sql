-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'subcentre';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "subcentreId" TEXT;

-- AlterTable
ALTER TABLE "Result" ADD COLUMN     "subcentreId" TEXT;

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "subcentreId" TEXT;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "subcentreId" TEXT;

-- AlterTable
ALTER TABLE "MarketEvent" ADD COLUMN     "subcentreId" TEXT;

-- CreateTable
CREATE TABLE "Subcentre" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL,
    "operatorOrgId" TEXT,
    "parentId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "delegatedReview" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subcentre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubcentreStaff" (
    "userId" TEXT NOT NULL,
    "subcentreId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubcentreStaff_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SubcentreTarget" (
    "subcentreId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "setById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubcentreTarget_pkey" PRIMARY KEY ("subcentreId","year")
);

-- CreateTable
CREATE TABLE "NeedDispatch" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "subcentreId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "dispatchedById" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispatchVisit" (
    "id" TEXT NOT NULL,
    "dispatchId" TEXT NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DispatchVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubcentreScore" (
    "subcentreId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "enteredById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubcentreScore_pkey" PRIMARY KEY ("subcentreId","year","category")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subcentre_name_key" ON "Subcentre"("name");

-- CreateIndex
CREATE INDEX "SubcentreStaff_subcentreId_idx" ON "SubcentreStaff"("subcentreId");

-- CreateIndex
CREATE INDEX "NeedDispatch_subcentreId_createdAt_idx" ON "NeedDispatch"("subcentreId", "createdAt");

-- CreateIndex
CREATE INDEX "NeedDispatch_needId_idx" ON "NeedDispatch"("needId");

-- CreateIndex
CREATE INDEX "DispatchVisit_dispatchId_visitedAt_idx" ON "DispatchVisit"("dispatchId", "visitedAt");

-- CreateIndex
CREATE INDEX "Result_subcentreId_idx" ON "Result"("subcentreId");

-- CreateIndex
CREATE INDEX "Need_subcentreId_idx" ON "Need"("subcentreId");

-- CreateIndex
CREATE INDEX "Contract_subcentreId_registeredYear_idx" ON "Contract"("subcentreId", "registeredYear");

-- CreateIndex
CREATE INDEX "MarketEvent_subcentreId_idx" ON "MarketEvent"("subcentreId");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Result" ADD CONSTRAINT "Result_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketEvent" ADD CONSTRAINT "MarketEvent_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subcentre" ADD CONSTRAINT "Subcentre_operatorOrgId_fkey" FOREIGN KEY ("operatorOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subcentre" ADD CONSTRAINT "Subcentre_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubcentreStaff" ADD CONSTRAINT "SubcentreStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubcentreStaff" ADD CONSTRAINT "SubcentreStaff_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubcentreTarget" ADD CONSTRAINT "SubcentreTarget_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedDispatch" ADD CONSTRAINT "NeedDispatch_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedDispatch" ADD CONSTRAINT "NeedDispatch_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchVisit" ADD CONSTRAINT "DispatchVisit_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "NeedDispatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubcentreScore" ADD CONSTRAINT "SubcentreScore_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Listings, events and contracts carry the sub-centre they came through: unless set explicitly
-- (staff entering a need for a company), the organization's affiliation at insert time. A contract
-- takes its need's sub-centre, else the buyer's, else its result's, else the seller's.
CREATE OR REPLACE FUNCTION subcentre_from_organization() RETURNS trigger AS $$
BEGIN
  IF NEW."subcentreId" IS NULL THEN
    SELECT o."subcentreId" INTO NEW."subcentreId" FROM "Organization" o WHERE o.id = NEW."organizationId";
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER result_subcentre BEFORE INSERT ON "Result" FOR EACH ROW EXECUTE FUNCTION subcentre_from_organization();
CREATE TRIGGER need_subcentre BEFORE INSERT ON "Need" FOR EACH ROW EXECUTE FUNCTION subcentre_from_organization();

CREATE OR REPLACE FUNCTION event_subcentre() RETURNS trigger AS $$
BEGIN
  IF NEW."subcentreId" IS NULL AND NEW."organizerOrgId" IS NOT NULL THEN
    SELECT o."subcentreId" INTO NEW."subcentreId" FROM "Organization" o WHERE o.id = NEW."organizerOrgId";
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER market_event_subcentre BEFORE INSERT ON "MarketEvent" FOR EACH ROW EXECUTE FUNCTION event_subcentre();

CREATE OR REPLACE FUNCTION contract_subcentre() RETURNS trigger AS $$
BEGIN
  IF NEW."subcentreId" IS NULL THEN
    NEW."subcentreId" := COALESCE(
      (SELECT n."subcentreId" FROM "Need" n WHERE n.id = NEW."needId"),
      (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = NEW."buyerOrgId"),
      (SELECT r."subcentreId" FROM "Result" r WHERE r.id = NEW."resultId"),
      (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = NEW."sellerOrgId"));
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER contract_subcentre BEFORE INSERT ON "Contract" FOR EACH ROW EXECUTE FUNCTION contract_subcentre();
