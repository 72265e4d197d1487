-- The organization that entered a contract owns its draft: it may delete it, and its open drafts
-- are limited in number.
ALTER TABLE "Contract" ADD COLUMN "createdByOrgId" TEXT;
UPDATE "Contract" c SET "createdByOrgId" = u."organizationId" FROM "User" u WHERE u.id = c."createdById";
CREATE INDEX "Contract_createdByOrgId_status_idx" ON "Contract"("createdByOrgId", "status");
