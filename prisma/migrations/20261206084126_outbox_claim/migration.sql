-- Outbox mail is claimed (status 'sending', claimedAt) in one statement and sent outside any
-- transaction; a claim older than the lease may be taken over by another sender.
ALTER TABLE "OutboxMail" ADD COLUMN "claimedAt" TIMESTAMP(3);
