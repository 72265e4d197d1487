-- Audit events written in bulk (the CLI import, docs/decisions/0023 "Audit events chained per
-- statement"): audit_append_chained() takes the advisory lock and the previous hash once, hashes
-- the events in order in one pass, and inserts them in one statement. The per-row trigger
-- (audit_event_chain, 20261128000000_init) would take the lock, look up the previous hash and run
-- a PL/pgSQL call for every row: ~40 % of the import's audit statement.
-- The chain is the same: the same lock serialises this function with every other writer (which
-- wait for the import's COMMIT, as before), seq is drawn under the lock in chain order, and each
-- hash is sha256(prevHash || '|' || audit_event_payload(e)), which verifyAuditChain re-walks.
-- The trigger skips only the rows this function inserts, already chained: it sets
-- `audit.chained` to 'on' for its own INSERT and back to 'off' right after.

CREATE FUNCTION audit_append_chained(entity_type text, entity_ids text[], action text, actor_id text,
    befores jsonb[], afters jsonb[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  previous text;
  e "AuditEvent";
  chained "AuditEvent"[] := '{}';
  -- the column's default (CURRENT_TIMESTAMP), already at the column's precision: the hash covers
  -- the value as stored
  at timestamp(3) := CURRENT_TIMESTAMP;
BEGIN
  IF coalesce(array_length(entity_ids, 1), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(727001);
  SELECT hash INTO previous FROM "AuditEvent" ORDER BY seq DESC LIMIT 1;
  previous := coalesce(previous, '');
  FOR i IN 1 .. array_length(entity_ids, 1) LOOP
    e.seq := nextval(pg_get_serial_sequence('"AuditEvent"', 'seq'));
    e."entityType" := entity_type;
    e."entityId" := entity_ids[i];
    e.action := action;
    e."actorId" := actor_id;
    e.before := befores[i];
    e.after := afters[i];
    e."createdAt" := at;
    e."prevHash" := previous;
    e.hash := encode(sha256(convert_to(previous || '|' || audit_event_payload(e), 'UTF8')), 'hex');
    previous := e.hash;
    chained[i] := e;
  END LOOP;
  PERFORM set_config('audit.chained', 'on', true);
  INSERT INTO "AuditEvent" (seq, "entityType", "entityId", action, "actorId", before, after, "createdAt", "prevHash", hash)
  SELECT c.seq, c."entityType", c."entityId", c.action, c."actorId", c.before, c.after, c."createdAt", c."prevHash", c.hash
  FROM unnest(chained) c;
  PERFORM set_config('audit.chained', 'off', true);
END $$;

DROP TRIGGER audit_event_chain ON "AuditEvent";
CREATE TRIGGER audit_event_chain BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW WHEN (current_setting('audit.chained', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION audit_event_chain();
