-- A change log of the search documents for the in-process search index of each HTTP worker
-- (search/memory-sync.server.ts, docs/decisions/0026-in-process-search-index.md).
--
-- Every statement that writes "SearchDocument" or "SearchText" logs the listings it touched, with
-- the writing transaction's id. A worker remembers the snapshot its index reflects; the listings
-- changed since are exactly the logged rows visible now whose transaction was not yet visible in
-- that snapshot (pg_visible_in_snapshot). Unlike a sequence number, this leaves no gap when
-- transactions commit out of order, and a rolled-back write logs nothing.
-- Statement-level triggers with transition tables: a bulk import of 2,000 rows per statement logs
-- them in one INSERT.
CREATE TABLE "SearchChange" (
    "id" BIGSERIAL NOT NULL,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "kind" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SearchChange_xid_idx" ON "SearchChange"("xid");
CREATE INDEX "SearchChange_at_idx" ON "SearchChange"("at");

CREATE FUNCTION search_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchChange" (kind, "listingId") SELECT DISTINCT c.kind, c."listingId" FROM changed c;
  RETURN NULL;
END $$;

CREATE TRIGGER search_change_insert AFTER INSERT ON "SearchDocument"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
CREATE TRIGGER search_change_update AFTER UPDATE ON "SearchDocument"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
CREATE TRIGGER search_change_delete AFTER DELETE ON "SearchDocument"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
CREATE TRIGGER search_change_insert AFTER INSERT ON "SearchText"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
CREATE TRIGGER search_change_update AFTER UPDATE ON "SearchText"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
CREATE TRIGGER search_change_delete AFTER DELETE ON "SearchText"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_change_log();
