-- The look-alike key of an organization's name (docs/decisions/0019-organization-trust.md): NFKC
-- folds full-width forms (ＡＢＣ, （）, the ideographic space) into the ordinary ones, lower() folds
-- case, and every space or invisible formatting character is dropped, so "赣州稀土　集团 " and
-- "赣州稀土集团" share a key. Kept by a trigger, so every way a row is written (app, CLI, raw SQL,
-- restores) has it; the app compares keys only in SQL, through this one function.
CREATE OR REPLACE FUNCTION organization_name_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(regexp_replace(normalize(name, NFKC), '[[:space:]\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]+', '', 'g'))
$$;

ALTER TABLE "Organization" ADD COLUMN "nameKey" TEXT NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION organization_name_key_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."nameKey" := organization_name_key(NEW.name);
  RETURN NEW;
END
$$;

CREATE TRIGGER organization_name_key
BEFORE INSERT OR UPDATE ON "Organization"
FOR EACH ROW EXECUTE FUNCTION organization_name_key_row();

UPDATE "Organization" SET "nameKey" = organization_name_key(name);

CREATE INDEX "Organization_nameKey_idx" ON "Organization"("nameKey");
