-- The in-process search index keeps every published listing's list API item (its JSON, see
-- app/listings/item-json.server.ts and docs/decisions/0026, "Eighth"), so the change log must name a
-- listing whenever a column of that item changes. The search documents' triggers log the columns
-- the documents hold (text, keywords, field, maturity, modes, price, status, dates of publication
-- and creation, the organization and its region or kind); these log the others: contacts, the
-- rejection reason, the update time, the sub-centre, a need's deadline and confirmation, and the
-- organization's name. Only published listings: the index holds no others, and a status change is
-- logged by the document triggers. Row-level with a WHEN clause: an update touching none of these
-- costs one comparison.
CREATE FUNCTION search_change_log_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchChange" (kind, "listingId") VALUES (TG_ARGV[0], NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER search_change_item AFTER UPDATE ON "Result" FOR EACH ROW
  WHEN (NEW.status = 'published' AND (
        OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt" OR OLD."contactName" IS DISTINCT FROM NEW."contactName"
        OR OLD."contactPhone" IS DISTINCT FROM NEW."contactPhone" OR OLD."contactEmail" IS DISTINCT FROM NEW."contactEmail"
        OR OLD."rejectionReason" IS DISTINCT FROM NEW."rejectionReason" OR OLD."subcentreId" IS DISTINCT FROM NEW."subcentreId"))
  EXECUTE FUNCTION search_change_log_listing('result');

CREATE TRIGGER search_change_item AFTER UPDATE ON "Need" FOR EACH ROW
  WHEN (NEW.status = 'published' AND (
        OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt" OR OLD."contactName" IS DISTINCT FROM NEW."contactName"
        OR OLD."contactPhone" IS DISTINCT FROM NEW."contactPhone" OR OLD."contactEmail" IS DISTINCT FROM NEW."contactEmail"
        OR OLD."rejectionReason" IS DISTINCT FROM NEW."rejectionReason" OR OLD."subcentreId" IS DISTINCT FROM NEW."subcentreId"
        OR OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD."confirmationStatus" IS DISTINCT FROM NEW."confirmationStatus"
        OR OLD."confirmedAt" IS DISTINCT FROM NEW."confirmedAt"))
  EXECUTE FUNCTION search_change_log_listing('need');

-- A renamed organization: every published listing of it shows the name. (Its region and kind are
-- document columns: search_sync_organization updates the documents, which logs them.)
CREATE FUNCTION search_change_log_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchChange" (kind, "listingId")
  SELECT kind, "listingId" FROM "SearchDocument" WHERE "organizationId" = NEW.id AND status = 'published';
  RETURN NULL;
END $$;

CREATE TRIGGER search_change_item AFTER UPDATE ON "Organization" FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION search_change_log_organization();
