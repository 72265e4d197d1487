-- Needs entered by sub-centre staff on a company's behalf wait for a member of the company to
-- confirm them before review (docs/decisions/0028-network-attribution-of-lots-and-field-needs.md).
-- NULL: an ordinary need; awaiting_company_confirmation; confirmed.
ALTER TABLE "Need" ADD COLUMN "confirmationStatus" TEXT;
ALTER TABLE "Need" ADD COLUMN "confirmedById" TEXT;
ALTER TABLE "Need" ADD COLUMN "confirmedAt" TIMESTAMP(3);

CREATE INDEX "Need_subcentreId_confirmationStatus_idx" ON "Need"("subcentreId", "confirmationStatus");
