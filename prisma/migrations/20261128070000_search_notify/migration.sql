-- Search result cache invalidation (search/cache.server.ts): any change to the search documents
-- notifies the app processes at commit (NOTIFY is transactional and collapsed per transaction).
CREATE FUNCTION search_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('search_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER search_notify AFTER INSERT OR UPDATE OR DELETE ON "SearchDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION search_notify();
