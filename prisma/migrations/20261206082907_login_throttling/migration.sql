-- Login throttling per account and source (docs/decisions/0010-login-throttling.md)
ALTER TABLE "LoginAttempt" ADD COLUMN "source" TEXT;
CREATE INDEX "LoginAttempt_email_source_createdAt_idx" ON "LoginAttempt"("email", "source", "createdAt");
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");
CREATE INDEX "LoginAttempt_success_createdAt_idx" ON "LoginAttempt"("success", "createdAt");
