-- The user agreement and privacy policy accepted at sign-up: when, and which version.
ALTER TABLE "User" ADD COLUMN "termsAcceptedAt" TIMESTAMP(3),
ADD COLUMN "termsVersion" TEXT;
