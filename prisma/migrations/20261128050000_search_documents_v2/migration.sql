-- Search documents, second step:
-- * the document row is narrow (filters, dates, price, the lexeme vectors): the normalised text
--   used to rank candidates moves to SearchText, so scanning thousands of hits touches few pages;
-- * array columns written as NULL (keywords, patentNumbers left out by a writer) made the whole
--   indexed body NULL: the document builders are NULL-safe now (concat_ws / coalesce);
-- * building a document is a function of the row (search_upsert_result / search_upsert_need),
--   shared by the triggers and by the reindex (`npm run cli -- search:reindex`);
-- * the body's lexemes are computed once (tsv = head lexemes || body lexemes);
-- * documents written before are rebuilt.

ALTER TABLE "SearchDocument" DROP COLUMN "title", DROP COLUMN "keywords", DROP COLUMN "body";
-- The GIN index on tsvector always rechecks hits against the stored vector: keep it in the row
-- (compressed if large, out of line only as a last resort) rather than in the TOAST table.
ALTER TABLE "SearchDocument" ALTER COLUMN "tsv" SET STORAGE MAIN;
ALTER TABLE "SearchDocument" ALTER COLUMN "head" SET STORAGE MAIN;
ALTER TABLE "SearchDocument" RESET (toast_tuple_target);

CREATE TABLE "SearchText" (
    "kind" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "SearchText_pkey" PRIMARY KEY ("kind", "listingId")
);

CREATE OR REPLACE FUNCTION search_upsert_result(r "Result") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  org RECORD;
  kw text := search_normalize(array_to_string(coalesce(r.keywords, '{}'), ' | '));
  h text[];
  body text := search_normalize(concat_ws(E'\n', r.summary, r."ipDescription", array_to_string(coalesce(r."patentNumbers", '{}'), ' ')));
BEGIN
  SELECT "regionCode", kind::text AS kind INTO org FROM "Organization" WHERE id = r."organizationId";
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  VALUES ('result', r.id, search_normalize(r.title), kw, body)
  ON CONFLICT (kind, "listingId") DO UPDATE SET title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body;
  h := search_lexemes(concat_ws(' ', r.title, kw));
  INSERT INTO "SearchDocument" (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
      modes, "priceFen", "publishedAt", "createdAt", head, tsv)
  VALUES ('result', r.id, r."organizationId", r.status::text, r.field, r.maturity, coalesce(org."regionCode", ''), coalesce(org.kind, ''),
      coalesce(r."transferModes", '{}'), r."priceFen", r."publishedAt", r."createdAt",
      array_to_tsvector(h), array_to_tsvector(h) || array_to_tsvector(search_lexemes(body)))
  ON CONFLICT (kind, "listingId") DO UPDATE SET
    "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
    maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
    modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
    "createdAt" = EXCLUDED."createdAt", head = EXCLUDED.head, tsv = EXCLUDED.tsv;
END $$;

CREATE OR REPLACE FUNCTION search_upsert_need(n "Need") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  org RECORD;
  kw text := search_normalize(array_to_string(coalesce(n.keywords, '{}'), ' | '));
  h text[];
  body text := search_normalize(concat_ws(E'\n', n.description, n."targetIndicators"));
BEGIN
  SELECT "regionCode", kind::text AS kind INTO org FROM "Organization" WHERE id = n."organizationId";
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  VALUES ('need', n.id, search_normalize(n.title), kw, body)
  ON CONFLICT (kind, "listingId") DO UPDATE SET title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body;
  h := search_lexemes(concat_ws(' ', n.title, kw));
  INSERT INTO "SearchDocument" (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
      modes, "priceFen", "publishedAt", "createdAt", head, tsv)
  VALUES ('need', n.id, n."organizationId", n.status::text, n.field, NULL, coalesce(org."regionCode", ''), coalesce(org.kind, ''),
      CASE WHEN n."cooperationMode" IS NULL THEN '{}'::text[] ELSE ARRAY[n."cooperationMode"] END,
      n."budgetFen", n."publishedAt", n."createdAt",
      array_to_tsvector(h), array_to_tsvector(h) || array_to_tsvector(search_lexemes(body)))
  ON CONFLICT (kind, "listingId") DO UPDATE SET
    "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
    maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
    modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
    "createdAt" = EXCLUDED."createdAt", head = EXCLUDED.head, tsv = EXCLUDED.tsv;
END $$;

-- Re-tokenises only when indexed text changes; a status, price or filter change updates the
-- document's columns; view counts and other bookkeeping updates cost one comparison.
CREATE OR REPLACE FUNCTION search_sync_result() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" WHERE kind = 'result' AND "listingId" = OLD.id;
    DELETE FROM "SearchText" WHERE kind = 'result' AND "listingId" = OLD.id;
    IF search_outbox_enabled() THEN
      INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('result', OLD.id);
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary
     OR NEW.keywords IS DISTINCT FROM OLD.keywords OR NEW."ipDescription" IS DISTINCT FROM OLD."ipDescription"
     OR NEW."patentNumbers" IS DISTINCT FROM OLD."patentNumbers" OR NEW."organizationId" IS DISTINCT FROM OLD."organizationId"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    PERFORM search_upsert_result(NEW);
  ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.field IS DISTINCT FROM OLD.field OR NEW.maturity IS DISTINCT FROM OLD.maturity
     OR NEW."transferModes" IS DISTINCT FROM OLD."transferModes" OR NEW."priceFen" IS DISTINCT FROM OLD."priceFen"
     OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt" THEN
    UPDATE "SearchDocument" SET status = NEW.status::text, field = NEW.field, maturity = NEW.maturity,
      modes = coalesce(NEW."transferModes", '{}'), "priceFen" = NEW."priceFen", "publishedAt" = NEW."publishedAt"
    WHERE kind = 'result' AND "listingId" = NEW.id;
    IF NOT FOUND THEN PERFORM search_upsert_result(NEW); END IF;
  ELSE
    RETURN NEW;
  END IF;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('result', NEW.id);
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION search_sync_need() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" WHERE kind = 'need' AND "listingId" = OLD.id;
    DELETE FROM "SearchText" WHERE kind = 'need' AND "listingId" = OLD.id;
    IF search_outbox_enabled() THEN
      INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('need', OLD.id);
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title OR NEW.description IS DISTINCT FROM OLD.description
     OR NEW."targetIndicators" IS DISTINCT FROM OLD."targetIndicators" OR NEW.keywords IS DISTINCT FROM OLD.keywords
     OR NEW."organizationId" IS DISTINCT FROM OLD."organizationId" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    PERFORM search_upsert_need(NEW);
  ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.field IS DISTINCT FROM OLD.field
     OR NEW."cooperationMode" IS DISTINCT FROM OLD."cooperationMode" OR NEW."budgetFen" IS DISTINCT FROM OLD."budgetFen"
     OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt" THEN
    UPDATE "SearchDocument" SET status = NEW.status::text, field = NEW.field,
      modes = CASE WHEN NEW."cooperationMode" IS NULL THEN '{}'::text[] ELSE ARRAY[NEW."cooperationMode"] END,
      "priceFen" = NEW."budgetFen", "publishedAt" = NEW."publishedAt"
    WHERE kind = 'need' AND "listingId" = NEW.id;
    IF NOT FOUND THEN PERFORM search_upsert_need(NEW); END IF;
  ELSE
    RETURN NEW;
  END IF;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('need', NEW.id);
  END IF;
  RETURN NEW;
END $$;

SELECT search_upsert_result(r) FROM "Result" r;
SELECT search_upsert_need(n) FROM "Need" n;
