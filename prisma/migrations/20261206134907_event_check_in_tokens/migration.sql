-- A check-in token per registration (carried by its QR code: long and unguessable, no personal
-- data) and the phone the registrant gives, so the desk can find them (docs/decisions/0027).
ALTER TABLE "EventRegistration" ADD COLUMN "checkInToken" TEXT;
ALTER TABLE "EventRegistration" ADD COLUMN "phone" TEXT NOT NULL DEFAULT '';

-- existing registrations: 24 bytes from PostgreSQL's strong random source, base64url like the app's
UPDATE "EventRegistration"
SET "checkInToken" = translate(
  rtrim(encode(substring(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) FROM 1 FOR 24), 'base64'), '='),
  '+/', '-_');

ALTER TABLE "EventRegistration" ALTER COLUMN "checkInToken" SET NOT NULL;
CREATE UNIQUE INDEX "EventRegistration_checkInToken_key" ON "EventRegistration"("checkInToken");
