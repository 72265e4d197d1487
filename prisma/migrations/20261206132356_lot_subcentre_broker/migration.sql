-- Lots carry the sub-centre they came through and the broker a live lead on their two parties
-- attributes them to (docs/decisions/0028-network-attribution-of-lots-and-field-needs.md).
ALTER TABLE "Auction" ADD COLUMN "subcentreId" TEXT;
ALTER TABLE "Auction" ADD COLUMN "leadId" TEXT;
ALTER TABLE "Auction" ADD COLUMN "brokerUserId" TEXT;
ALTER TABLE "Auction" ADD COLUMN "brokerOrgId" TEXT;

CREATE INDEX "Auction_subcentreId_idx" ON "Auction"("subcentreId");
CREATE INDEX "Auction_brokerUserId_idx" ON "Auction"("brokerUserId");

ALTER TABLE "Auction" ADD CONSTRAINT "Auction_subcentreId_fkey" FOREIGN KEY ("subcentreId") REFERENCES "Subcentre"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Auction" ADD CONSTRAINT "Auction_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Auction" ADD CONSTRAINT "Auction_brokerUserId_fkey" FOREIGN KEY ("brokerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Auction" ADD CONSTRAINT "Auction_brokerOrgId_fkey" FOREIGN KEY ("brokerOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A lot comes through its result's sub-centre, else the seller's affiliation at insert time.
CREATE OR REPLACE FUNCTION auction_subcentre() RETURNS trigger AS $$
BEGIN
  IF NEW."subcentreId" IS NULL THEN
    NEW."subcentreId" := COALESCE(
      (SELECT r."subcentreId" FROM "Result" r WHERE r.id = NEW."resultId"),
      (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = NEW."sellerOrgId"));
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER auction_subcentre BEFORE INSERT ON "Auction" FOR EACH ROW EXECUTE FUNCTION auction_subcentre();

UPDATE "Auction" a SET "subcentreId" = COALESCE(
  (SELECT r."subcentreId" FROM "Result" r WHERE r.id = a."resultId"),
  (SELECT o."subcentreId" FROM "Organization" o WHERE o.id = a."sellerOrgId"))
WHERE a."subcentreId" IS NULL;
