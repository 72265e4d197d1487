-- Both parties' consent to a contract entered without an accepted offer or a won lot
-- (docs/decisions/0018-contract-consent.md).
CREATE TABLE "ContractConfirmation" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT,
    "version" INTEGER NOT NULL,
    "termsHash" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractConfirmation_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ContractConfirmation_orgId_idx" ON "ContractConfirmation"("orgId");
CREATE UNIQUE INDEX "ContractConfirmation_contractId_party_key" ON "ContractConfirmation"("contractId", "party");
ALTER TABLE "ContractConfirmation" ADD CONSTRAINT "ContractConfirmation_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContractConfirmation" ADD CONSTRAINT "ContractConfirmation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ContractConfirmation" ADD CONSTRAINT "ContractConfirmation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- party is buyer or seller (a trigger: CHECK constraints crash Prisma's WASM introspection)
CREATE FUNCTION contract_confirmation_party_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.party NOT IN ('buyer', 'seller') THEN
    RAISE EXCEPTION 'ContractConfirmation.party must be buyer or seller, not %', NEW.party;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER contract_confirmation_party_check BEFORE INSERT OR UPDATE ON "ContractConfirmation"
  FOR EACH ROW EXECUTE FUNCTION contract_confirmation_party_check();

-- The terms a confirmation covers, as one hash: the one definition the app (app/contracts/consent.server.ts)
-- and this backfill share. Any change of these columns voids the confirmations of the old hash.
CREATE FUNCTION contract_terms_hash(c "Contract") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    c."type", coalesce(c."subtype", ''), c."title",
    c."sellerOrgId", c."buyerOrgId", coalesce(c."brokerOrgId", ''),
    c."contractAmountFen"::text, c."nonTechnicalCostsFen"::text,
    to_char(c."signedAt", 'YYYY-MM-DD'), coalesce(to_char(c."validUntil", 'YYYY-MM-DD'), ''),
    coalesce(c."resultId", ''), coalesce(c."needId", ''), coalesce(c."field", ''), coalesce(c."ipType", ''),
    coalesce(c."commissionRateBp"::text, ''), coalesce(c."commissionAmountFen"::text, '')
  ), 'UTF8')), 'hex')
$$;

-- Backfill: contracts already past the draft stage were accepted under the old rule; both parties
-- count as confirmed (no user recorded) so returned ones stay submittable and the record complete.
INSERT INTO "ContractConfirmation" ("id", "contractId", "party", "orgId", "userId", "version", "termsHash", "confirmedAt")
SELECT gen_random_uuid()::text, c.id, p.party, p.org, NULL, c.version, contract_terms_hash(c),
       coalesce(c."submittedAt", c."createdAt")
FROM "Contract" c
CROSS JOIN LATERAL (VALUES ('seller', c."sellerOrgId"), ('buyer', c."buyerOrgId")) AS p(party, org)
WHERE c.status <> 'draft' AND c."offerId" IS NULL AND c."auctionId" IS NULL AND NOT c.imported;

-- Drafts entered by a member of a party: that party confirmed by entering it (as new drafts do).
INSERT INTO "ContractConfirmation" ("id", "contractId", "party", "orgId", "userId", "version", "termsHash", "confirmedAt")
SELECT gen_random_uuid()::text, c.id, p.party, p.org, c."createdById", c.version, contract_terms_hash(c), c."createdAt"
FROM "Contract" c
CROSS JOIN LATERAL (VALUES ('seller', c."sellerOrgId"), ('buyer', c."buyerOrgId")) AS p(party, org)
WHERE c.status = 'draft' AND c."offerId" IS NULL AND c."auctionId" IS NULL AND NOT c.imported
  AND c."createdByOrgId" = p.org
  AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = c."createdById");
