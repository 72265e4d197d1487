-- Files and pictures on listings (docs/decisions/0022-listing-files.md).
--
-- "ListingFile": one uploaded file of a result or a need (exactly one of the two, enforced by a
-- trigger: CHECK constraints crash the WASM engine's introspection). Deleting the listing deletes
-- its rows (ON DELETE CASCADE).
--
-- "StorageDeletion": the storage outbox. Every deleted "ListingFile" row (directly, or through the
-- cascade of its listing) queues its stored objects here in the same transaction, so the objects
-- are removed from storage only after the deletion committed, and a crash between the commit and
-- the storage call leaves a row that the background job retries.

CREATE TABLE "ListingFile" (
  "id" TEXT NOT NULL,
  "resultId" TEXT,
  "needId" TEXT,
  "uploadedById" TEXT,
  "kind" TEXT NOT NULL,
  "mimeType" TEXT NOT NULL,
  "filename" TEXT NOT NULL,
  "caption" TEXT NOT NULL DEFAULT '',
  "bytes" INTEGER NOT NULL,
  "sha256" TEXT NOT NULL,
  "width" INTEGER,
  "height" INTEGER,
  "storageKey" TEXT NOT NULL,
  "thumbKey" TEXT,
  "position" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ListingFile_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ListingFile_resultId_position_idx" ON "ListingFile"("resultId", "position");
CREATE INDEX "ListingFile_needId_position_idx" ON "ListingFile"("needId", "position");

ALTER TABLE "ListingFile" ADD CONSTRAINT "ListingFile_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "Result"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ListingFile" ADD CONSTRAINT "ListingFile_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ListingFile" ADD CONSTRAINT "ListingFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "StorageDeletion" (
  "id" BIGSERIAL NOT NULL,
  "key" TEXT NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "StorageDeletion_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION listing_file_one_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."resultId" IS NULL) = (NEW."needId" IS NULL) THEN
    RAISE EXCEPTION 'ListingFile % must belong to exactly one result or need', NEW.id USING ERRCODE = '23514';
  END IF;
  IF NEW.kind NOT IN ('image', 'document') THEN
    RAISE EXCEPTION 'ListingFile % has an unknown kind %', NEW.id, NEW.kind USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER listing_file_one_listing BEFORE INSERT OR UPDATE ON "ListingFile"
  FOR EACH ROW EXECUTE FUNCTION listing_file_one_listing();

CREATE FUNCTION listing_file_queue_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StorageDeletion" ("key") VALUES (OLD."storageKey");
  IF OLD."thumbKey" IS NOT NULL THEN
    INSERT INTO "StorageDeletion" ("key") VALUES (OLD."thumbKey");
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER listing_file_queue_deletion AFTER DELETE ON "ListingFile"
  FOR EACH ROW EXECUTE FUNCTION listing_file_queue_deletion();
