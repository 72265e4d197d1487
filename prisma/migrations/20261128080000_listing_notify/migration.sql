-- The API's list responses are cached whole (app/listings/api.server.ts), so a change to a
-- column they show but the search document does not hold (contacts, the rejection reason, the
-- update time, a need's deadline, the organization's name) also notifies the app processes.
-- Row-level with a WHEN clause: an update touching none of these costs one comparison, and the
-- notifications of one transaction collapse into one.
CREATE TRIGGER listing_notify AFTER UPDATE ON "Result" FOR EACH ROW
  WHEN (OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt" OR OLD."contactName" IS DISTINCT FROM NEW."contactName"
        OR OLD."contactPhone" IS DISTINCT FROM NEW."contactPhone" OR OLD."contactEmail" IS DISTINCT FROM NEW."contactEmail"
        OR OLD."rejectionReason" IS DISTINCT FROM NEW."rejectionReason")
  EXECUTE FUNCTION search_notify();

CREATE TRIGGER listing_notify AFTER UPDATE ON "Need" FOR EACH ROW
  WHEN (OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt" OR OLD."contactName" IS DISTINCT FROM NEW."contactName"
        OR OLD."contactPhone" IS DISTINCT FROM NEW."contactPhone" OR OLD."contactEmail" IS DISTINCT FROM NEW."contactEmail"
        OR OLD."rejectionReason" IS DISTINCT FROM NEW."rejectionReason" OR OLD.deadline IS DISTINCT FROM NEW.deadline)
  EXECUTE FUNCTION search_notify();

CREATE TRIGGER listing_notify AFTER UPDATE ON "Organization" FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION search_notify();
