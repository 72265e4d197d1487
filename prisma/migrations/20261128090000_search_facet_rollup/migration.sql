-- Facet counts of the listing pages without a query text (search/facet-rollup.server.ts): an
-- exact rollup of "SearchDocument" over every facet dimension, so the counts are summed from the
-- rollup's rows instead of grouping every published listing.
--
-- One row per distinct (kind, status, field, maturity, regionCode, orgKind, set of modes) with the
-- number of documents holding it: maturity is '' for NULL (needs); modes are the document's modes
-- sorted (bytewise) and de-duplicated, so equal sets share a row. A row whose count reaches 0 is
-- deleted.
--
-- Kept exact in the same transaction as every change to "SearchDocument", in two steps:
-- 1. statement-level AFTER INSERT / UPDATE / DELETE triggers (transition tables) append the
--    statement's changes to "SearchFacetDelta": +1 per new row version, −1 per old one. A plain
--    insert, no lock on any rollup row;
-- 2. a deferred constraint trigger, queued once per transaction, applies the transaction's net
--    deltas at commit in ONE upsert ordered by the primary key, then deletes the rows whose count
--    reached 0.
-- Why not apply each statement's deltas at once (like the contract statistics): "SearchDocument"
-- is written row by row by the row triggers of "Result" and "Need", so a 500-row INSERT INTO
-- "Result" is 500 one-row statements here. Applied at once, each locks one rollup row, in data
-- order, until commit: two concurrent imports lock the same rows in different orders and deadlock
-- (measured: 19 of 40 batches of a two-worker 20,000-row import failed with "deadlock detected").
-- Applied at commit, every transaction locks its rows in key order and only while committing.
-- "SearchFacetDelta" and "SearchFacetFlush" rows never outlive their transaction.

CREATE TABLE "SearchFacetCount" (
    "kind" TEXT COLLATE "C" NOT NULL,
    "status" TEXT COLLATE "C" NOT NULL,
    "field" TEXT COLLATE "C" NOT NULL,
    "maturity" TEXT COLLATE "C" NOT NULL,
    "regionCode" TEXT COLLATE "C" NOT NULL,
    "orgKind" TEXT COLLATE "C" NOT NULL,
    "modes" TEXT[] COLLATE "C" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "SearchFacetCount_pkey" PRIMARY KEY ("kind", "status", "field", "maturity", "regionCode", "orgKind", "modes")
);
-- Room on each page for the next version of a row: a count update is then mostly a HOT update
-- (no new entry in the wide primary key; measured: applying deltas to existing rows ~20% cheaper).
ALTER TABLE "SearchFacetCount" SET (fillfactor = 70);

-- Deltas not yet applied, by transaction (no key: appended, grouped at commit; modes as the
-- document holds them). Read and deleted through the xid index only: the heap of a table that
-- every write appends to and deletes from is mostly dead rows between two vacuums. UNLOGGED (no
-- WAL): its rows never outlive their transaction, so there is nothing to recover after a crash.
CREATE UNLOGGED TABLE "SearchFacetDelta" (
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "kind" TEXT COLLATE "C" NOT NULL,
    "status" TEXT COLLATE "C" NOT NULL,
    "field" TEXT COLLATE "C" NOT NULL,
    "maturity" TEXT COLLATE "C" NOT NULL,
    "regionCode" TEXT COLLATE "C" NOT NULL,
    "orgKind" TEXT COLLATE "C" NOT NULL,
    "modes" TEXT[] COLLATE "C" NOT NULL,
    "n" INTEGER NOT NULL
);
CREATE INDEX "SearchFacetDelta_xid_idx" ON "SearchFacetDelta"("xid");

-- A row per transaction with pending deltas: inserting it queues the deferred apply.
CREATE UNLOGGED TABLE "SearchFacetFlush" (
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX "SearchFacetFlush_xid_idx" ON "SearchFacetFlush"("xid");

-- The rollup key of a document's modes (also used by verifyFacetRollup()).
CREATE FUNCTION search_facet_modes(m text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(m) x ORDER BY 1)
$$;

-- Statement-level: one delta row per changed document (+1 for a new row version, −1 for an old
-- one) → "SearchFacetDelta". Grouping and sorting the modes wait for the commit: most statements
-- here are one-row statements of the Result/Need triggers, and a grouped query per statement
-- costs three times this plain insert.
CREATE FUNCTION search_facet_collect_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchFacetDelta" (kind, status, field, maturity, "regionCode", "orgKind", modes, n)
  SELECT r.kind, r.status, r.field, coalesce(r.maturity, ''), r."regionCode", r."orgKind", r.modes, 1 FROM new_rows r;
  IF FOUND AND current_setting('search_facet.queued', true) IS DISTINCT FROM 'on' THEN
    PERFORM search_facet_queue();
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_facet_collect_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- INSERT … ON CONFLICT DO UPDATE fires this trigger too, mostly with no row updated
  IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
  -- a row whose dimensions did not change cancels out when applied
  INSERT INTO "SearchFacetDelta" (kind, status, field, maturity, "regionCode", "orgKind", modes, n)
  SELECT r.kind, r.status, r.field, coalesce(r.maturity, ''), r."regionCode", r."orgKind", r.modes, -1 FROM old_rows r
  UNION ALL
  SELECT r.kind, r.status, r.field, coalesce(r.maturity, ''), r."regionCode", r."orgKind", r.modes, 1 FROM new_rows r;
  IF current_setting('search_facet.queued', true) IS DISTINCT FROM 'on' THEN
    PERFORM search_facet_queue();
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_facet_collect_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchFacetDelta" (kind, status, field, maturity, "regionCode", "orgKind", modes, n)
  SELECT r.kind, r.status, r.field, coalesce(r.maturity, ''), r."regionCode", r."orgKind", r.modes, -1 FROM old_rows r;
  IF FOUND AND current_setting('search_facet.queued', true) IS DISTINCT FROM 'on' THEN
    PERFORM search_facet_queue();
  END IF;
  RETURN NULL;
END $$;

-- The first change of a transaction queues the apply at commit (the collect functions test the
-- flag before calling this). The flag is transaction-local (set_config(…, true)): a rolled-back
-- subtransaction takes it back together with its marker row.
CREATE FUNCTION search_facet_queue() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchFacetFlush" DEFAULT VALUES;
  PERFORM set_config('search_facet.queued', 'on', true);
END $$;

-- At commit (deferred): the transaction's net deltas in one upsert ordered by the primary key
-- (concurrent transactions lock rollup rows in the same order, so they wait, never deadlock),
-- then the rows that reached 0 are deleted (by the row versions the upsert returned).
CREATE FUNCTION search_facet_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  PERFORM set_config('search_facet.queued', '', true);
  DELETE FROM "SearchFacetFlush" WHERE xid = pg_current_xact_id();
  WITH d AS (
    DELETE FROM "SearchFacetDelta" WHERE xid = pg_current_xact_id() RETURNING *
  ), up AS (
    INSERT INTO "SearchFacetCount" AS s (kind, status, field, maturity, "regionCode", "orgKind", modes, n)
    -- the modes' set as search_facet_modes() makes it (written out: no function call per row)
    SELECT d.kind, d.status, d.field, d.maturity, d."regionCode", d."orgKind",
           ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(d.modes) x ORDER BY 1), sum(d.n)::int
    FROM d GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (kind, status, field, maturity, "regionCode", "orgKind", modes) DO UPDATE SET n = s.n + EXCLUDED.n
    RETURNING s.ctid AS row_version, s.n
  )
  SELECT array_agg(up.row_version) FILTER (WHERE up.n = 0) INTO emptied FROM up;
  IF emptied IS NOT NULL THEN
    DELETE FROM "SearchFacetCount" WHERE ctid = ANY(emptied) AND n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER search_facet_insert AFTER INSERT ON "SearchDocument"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_facet_collect_insert();
CREATE TRIGGER search_facet_update AFTER UPDATE ON "SearchDocument"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_facet_collect_update();
CREATE TRIGGER search_facet_delete AFTER DELETE ON "SearchDocument"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_facet_collect_delete();

CREATE CONSTRAINT TRIGGER search_facet_apply AFTER INSERT ON "SearchFacetFlush"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_facet_apply();

-- TRUNCATE fires no DELETE trigger: empty the rollup with the documents.
CREATE FUNCTION search_facet_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchFacetCount";
  DELETE FROM "SearchFacetDelta" WHERE xid = pg_current_xact_id();
  RETURN NULL;
END $$;

CREATE TRIGGER search_facet_truncate AFTER TRUNCATE ON "SearchDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION search_facet_truncate();

-- The existing documents (the triggers above already hold the table against concurrent writes).
INSERT INTO "SearchFacetCount" (kind, status, field, maturity, "regionCode", "orgKind", modes, n)
SELECT kind, status, field, coalesce(maturity, ''), "regionCode", "orgKind", search_facet_modes(modes), count(*)::int
FROM "SearchDocument" GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7;
