-- Search and matching (issue #3): a narrow search document per listing, kept by triggers in the
-- same transaction as every write to Result, Need and Organization, so a published listing is
-- searchable at once and a withdrawn one disappears at once, whoever writes (API, CLI, seeds).
--
-- Chinese is indexed as overlapping character bigrams plus the last character of each Han run
-- (稀土永磁 → 稀土 土永 永磁 磁), Latin and digits as lower-cased words, after NFKC folding
-- (full-width → half-width). A query term of n ≥ 2 Han characters is the AND of its n−1 bigrams,
-- a 1-character term a prefix query (钨:*): every document containing the term is found.
-- See search/README.md.

-- Normalised form used by the index and by the query side (search/normalize.ts mirrors it).
CREATE FUNCTION search_normalize(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(normalize(coalesce(t, ''), NFKC)) $$;

-- The lexemes of a text, as an array (no positions: ranking uses the stored normalised text).
-- Only C-implemented string functions (no per-character loop): ~0.1 ms for 300 characters.
CREATE FUNCTION search_lexemes(t text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n text := search_normalize(t);
  -- Han runs separated by single spaces
  h text := regexp_replace(n, '[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g');
  -- the same runs without their first character: pairs taken from here are the odd bigrams
  o text := regexp_replace(h, '(^| )[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]', '\1', 'g');
  l text := regexp_replace(n, '[^a-z0-9\u00e0-\u024f\u0370-\u03ff\u0400-\u04ff]+', ' ', 'g');
BEGIN
  -- Pairing a run from its first character gives the even bigrams and, for an odd length, the
  -- last character alone; pairing it from its second character gives the odd bigrams and, for an
  -- even length, the last character alone. Together: every bigram plus the trailing character.
  RETURN array_remove(string_to_array(
      regexp_replace(h, '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2})', '\1 ', 'g') || ' ' ||
      regexp_replace(o, '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2})', '\1 ', 'g') || ' ' || l,
      ' '), '');
END $$;

CREATE TABLE "SearchDocument" (
    "kind" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "maturity" TEXT,
    "regionCode" TEXT NOT NULL,
    "orgKind" TEXT NOT NULL,
    "modes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "priceFen" BIGINT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "title" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "head" tsvector,
    "tsv" tsvector,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("kind", "listingId")
);
CREATE INDEX "SearchDocument_tsv_idx" ON "SearchDocument" USING GIN ("tsv");
CREATE INDEX "SearchDocument_head_idx" ON "SearchDocument" USING GIN ("head");
CREATE INDEX "SearchDocument_kind_status_publishedAt_idx" ON "SearchDocument"("kind", "status", "publishedAt" DESC);
CREATE INDEX "SearchDocument_kind_status_priceFen_idx" ON "SearchDocument"("kind", "status", "priceFen");
CREATE INDEX "SearchDocument_organizationId_idx" ON "SearchDocument"("organizationId");

-- Keep the row narrow: the long columns live out of line, so scanning thousands of hits for
-- counts, facets and ordering touches few pages; they are read only for the candidates ranked.
ALTER TABLE "SearchDocument" ALTER COLUMN "body" SET STORAGE EXTERNAL;
ALTER TABLE "SearchDocument" ALTER COLUMN "tsv" SET STORAGE EXTERNAL;
ALTER TABLE "SearchDocument" SET (toast_tuple_target = 512);

-- Changes for the Meilisearch adapter, drained by a background job (search/meili.server.ts).
-- Filled only while a Meilisearch engine is enabled (AppSetting 'search.meili').
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SearchOutbox_availableAt_idx" ON "SearchOutbox"("availableAt");

-- One alert per (need, result) pair, ever.
CREATE TABLE "MatchAlert" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "trigger" TEXT NOT NULL,
    "reasons" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchAlert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "MatchAlert_needId_resultId_key" ON "MatchAlert"("needId", "resultId");
CREATE INDEX "MatchAlert_resultId_idx" ON "MatchAlert"("resultId");

-- At most one digest mail per user and day (Asia/Shanghai): the day the digest was queued.
CREATE TABLE "MatchDigest" (
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "alertCount" INTEGER NOT NULL DEFAULT 0,
    "mailId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchDigest_pkey" PRIMARY KEY ("userId", "day")
);

-- Which recipients still have alerts to be mailed in a digest.
CREATE TABLE "MatchAlertRecipient" (
    "alertId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailedAt" TIMESTAMP(3),

    CONSTRAINT "MatchAlertRecipient_pkey" PRIMARY KEY ("alertId", "userId")
);
CREATE INDEX "MatchAlertRecipient_userId_mailedAt_idx" ON "MatchAlertRecipient"("userId", "mailedAt");
ALTER TABLE "MatchAlertRecipient" ADD CONSTRAINT "MatchAlertRecipient_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "MatchAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION search_outbox_enabled() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "AppSetting" WHERE key = 'search.meili' AND value = 'true'::jsonb)
$$;

-- Result → SearchDocument. Re-tokenises only when indexed text changes (view counts and other
-- bookkeeping updates cost one comparison).
CREATE FUNCTION search_sync_result() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org RECORD;
  text_changed boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" WHERE kind = 'result' AND "listingId" = OLD.id;
    IF search_outbox_enabled() THEN
      INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('result', OLD.id);
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title AND NEW.summary IS NOT DISTINCT FROM OLD.summary
     AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords AND NEW."ipDescription" IS NOT DISTINCT FROM OLD."ipDescription"
     AND NEW."patentNumbers" IS NOT DISTINCT FROM OLD."patentNumbers" AND NEW.status IS NOT DISTINCT FROM OLD.status
     AND NEW.field IS NOT DISTINCT FROM OLD.field AND NEW.maturity IS NOT DISTINCT FROM OLD.maturity
     AND NEW."transferModes" IS NOT DISTINCT FROM OLD."transferModes" AND NEW."priceFen" IS NOT DISTINCT FROM OLD."priceFen"
     AND NEW."publishedAt" IS NOT DISTINCT FROM OLD."publishedAt" AND NEW."organizationId" IS NOT DISTINCT FROM OLD."organizationId" THEN
    RETURN NEW;
  END IF;
  SELECT "regionCode", kind::text AS kind INTO org FROM "Organization" WHERE id = NEW."organizationId";
  text_changed := TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary
     OR NEW.keywords IS DISTINCT FROM OLD.keywords OR NEW."ipDescription" IS DISTINCT FROM OLD."ipDescription"
     OR NEW."patentNumbers" IS DISTINCT FROM OLD."patentNumbers";
  IF text_changed THEN
    INSERT INTO "SearchDocument" AS d (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
        modes, "priceFen", "publishedAt", "createdAt", title, keywords, body, head, tsv)
    SELECT 'result', NEW.id, NEW."organizationId", NEW.status::text, NEW.field, NEW.maturity, org."regionCode", org.kind,
        coalesce(NEW."transferModes", '{}'), NEW."priceFen", NEW."publishedAt", NEW."createdAt",
        search_normalize(NEW.title), k.keywords, b.body,
        array_to_tsvector(search_lexemes(NEW.title || ' ' || k.keywords)),
        array_to_tsvector(search_lexemes(NEW.title || ' ' || k.keywords || ' ' || b.body))
    FROM (SELECT search_normalize(array_to_string(NEW.keywords, ' | ')) AS keywords) k,
         (SELECT search_normalize(NEW.summary || E'\n' || NEW."ipDescription" || E'\n' || array_to_string(NEW."patentNumbers", ' ')) AS body) b
    ON CONFLICT (kind, "listingId") DO UPDATE SET
      "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
      maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
      modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
      "createdAt" = EXCLUDED."createdAt", title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body,
      head = EXCLUDED.head, tsv = EXCLUDED.tsv;
  ELSE
    UPDATE "SearchDocument" SET "organizationId" = NEW."organizationId", status = NEW.status::text, field = NEW.field,
      maturity = NEW.maturity, "regionCode" = org."regionCode", "orgKind" = org.kind, modes = coalesce(NEW."transferModes", '{}'),
      "priceFen" = NEW."priceFen", "publishedAt" = NEW."publishedAt"
    WHERE kind = 'result' AND "listingId" = NEW.id;
  END IF;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('result', NEW.id);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER search_sync_result AFTER INSERT OR UPDATE OR DELETE ON "Result"
  FOR EACH ROW EXECUTE FUNCTION search_sync_result();

CREATE FUNCTION search_sync_need() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org RECORD;
  text_changed boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "SearchDocument" WHERE kind = 'need' AND "listingId" = OLD.id;
    IF search_outbox_enabled() THEN
      INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('need', OLD.id);
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title AND NEW.description IS NOT DISTINCT FROM OLD.description
     AND NEW."targetIndicators" IS NOT DISTINCT FROM OLD."targetIndicators" AND NEW.keywords IS NOT DISTINCT FROM OLD.keywords
     AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.field IS NOT DISTINCT FROM OLD.field
     AND NEW."cooperationMode" IS NOT DISTINCT FROM OLD."cooperationMode" AND NEW."budgetFen" IS NOT DISTINCT FROM OLD."budgetFen"
     AND NEW."publishedAt" IS NOT DISTINCT FROM OLD."publishedAt" AND NEW."organizationId" IS NOT DISTINCT FROM OLD."organizationId" THEN
    RETURN NEW;
  END IF;
  SELECT "regionCode", kind::text AS kind INTO org FROM "Organization" WHERE id = NEW."organizationId";
  text_changed := TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title OR NEW.description IS DISTINCT FROM OLD.description
     OR NEW."targetIndicators" IS DISTINCT FROM OLD."targetIndicators" OR NEW.keywords IS DISTINCT FROM OLD.keywords;
  IF text_changed THEN
    INSERT INTO "SearchDocument" AS d (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
        modes, "priceFen", "publishedAt", "createdAt", title, keywords, body, head, tsv)
    SELECT 'need', NEW.id, NEW."organizationId", NEW.status::text, NEW.field, NULL, org."regionCode", org.kind,
        CASE WHEN NEW."cooperationMode" IS NULL THEN '{}'::text[] ELSE ARRAY[NEW."cooperationMode"] END,
        NEW."budgetFen", NEW."publishedAt", NEW."createdAt",
        search_normalize(NEW.title), k.keywords, b.body,
        array_to_tsvector(search_lexemes(NEW.title || ' ' || k.keywords)),
        array_to_tsvector(search_lexemes(NEW.title || ' ' || k.keywords || ' ' || b.body))
    FROM (SELECT search_normalize(array_to_string(NEW.keywords, ' | ')) AS keywords) k,
         (SELECT search_normalize(NEW.description || E'\n' || NEW."targetIndicators") AS body) b
    ON CONFLICT (kind, "listingId") DO UPDATE SET
      "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
      maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
      modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
      "createdAt" = EXCLUDED."createdAt", title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body,
      head = EXCLUDED.head, tsv = EXCLUDED.tsv;
  ELSE
    UPDATE "SearchDocument" SET "organizationId" = NEW."organizationId", status = NEW.status::text, field = NEW.field,
      "regionCode" = org."regionCode", "orgKind" = org.kind,
      modes = CASE WHEN NEW."cooperationMode" IS NULL THEN '{}'::text[] ELSE ARRAY[NEW."cooperationMode"] END,
      "priceFen" = NEW."budgetFen", "publishedAt" = NEW."publishedAt"
    WHERE kind = 'need' AND "listingId" = NEW.id;
  END IF;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") VALUES ('need', NEW.id);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER search_sync_need AFTER INSERT OR UPDATE OR DELETE ON "Need"
  FOR EACH ROW EXECUTE FUNCTION search_sync_need();

-- An organization's region or kind is a filter of its listings' documents.
CREATE FUNCTION search_sync_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."regionCode" IS DISTINCT FROM OLD."regionCode" OR NEW.kind IS DISTINCT FROM OLD.kind THEN
    UPDATE "SearchDocument" SET "regionCode" = NEW."regionCode", "orgKind" = NEW.kind::text
    WHERE "organizationId" = NEW.id;
    IF search_outbox_enabled() THEN
      INSERT INTO "SearchOutbox" (kind, "listingId")
      SELECT kind, "listingId" FROM "SearchDocument" WHERE "organizationId" = NEW.id;
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER search_sync_organization AFTER UPDATE ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION search_sync_organization();
