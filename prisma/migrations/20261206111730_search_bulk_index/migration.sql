-- Bulk imports index their listings set-based (npm run cli -- import results|needs, see
-- app/cli/import-listings.server.ts and docs/decisions/0023-search-capacity.md).
--
-- Row by row, each imported listing costs its search trigger: two one-row upserts, a facet delta
-- statement, and GIN maintenance for one document. For 100,000 listings in one transaction that
-- was most of an import's 4–5 minutes. Here:
-- * the INSERT triggers of "Result" and "Need" skip a row while the transaction has set
--   `search.bulk_index` to 'on' (SET LOCAL: it ends with the transaction). Updates and deletes
--   are never skipped: the setting only lets an importer index the rows it has just inserted;
-- * search_index_results(ids, heads, bodies) / search_index_needs(…) build the documents of many
--   listings in two statements, with the same expressions as search_upsert_result /
--   search_upsert_need, and queue them for Meilisearch when it is enabled. heads[i] and bodies[i]
--   may carry the lexemes of the title + keywords and of the body, space-separated, as the
--   importer computed them (search/normalize.ts indexLexemes(), tested equal to
--   search_lexemes()); NULL (or no array) computes them here with search_lexemes().
-- The importer calls them in the same transaction as its inserts, so the listings are searchable
-- exactly when the import commits, and a failed import leaves neither rows nor documents.

DROP TRIGGER search_sync_result ON "Result";
CREATE TRIGGER search_sync_result AFTER UPDATE OR DELETE ON "Result"
  FOR EACH ROW EXECUTE FUNCTION search_sync_result();
CREATE TRIGGER search_sync_result_insert AFTER INSERT ON "Result"
  FOR EACH ROW WHEN (current_setting('search.bulk_index', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION search_sync_result();

DROP TRIGGER search_sync_need ON "Need";
CREATE TRIGGER search_sync_need AFTER UPDATE OR DELETE ON "Need"
  FOR EACH ROW EXECUTE FUNCTION search_sync_need();
CREATE TRIGGER search_sync_need_insert AFTER INSERT ON "Need"
  FOR EACH ROW WHEN (current_setting('search.bulk_index', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION search_sync_need();

CREATE FUNCTION search_index_results(ids text[], heads text[] DEFAULT NULL, bodies text[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  SELECT 'result', r.id, search_normalize(r.title),
         search_normalize(array_to_string(coalesce(r.keywords, '{}'), ' | ')),
         search_normalize(concat_ws(E'\n', r.summary, r."ipDescription", array_to_string(coalesce(r."patentNumbers", '{}'), ' ')))
  FROM "Result" r WHERE r.id = ANY(ids)
  ON CONFLICT (kind, "listingId") DO UPDATE SET title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body;
  INSERT INTO "SearchDocument" (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
      modes, "priceFen", "publishedAt", "createdAt", head, tsv)
  SELECT 'result', r.id, r."organizationId", r.status::text, r.field, r.maturity, coalesce(o."regionCode", ''), coalesce(o.kind::text, ''),
      coalesce(r."transferModes", '{}'), r."priceFen", r."publishedAt", r."createdAt",
      array_to_tsvector(x.h), array_to_tsvector(x.h) || array_to_tsvector(x.b)
  FROM unnest(ids, heads, bodies) AS l(id, head, body)
  JOIN "Result" r ON r.id = l.id
  JOIN "SearchText" t ON t.kind = 'result' AND t."listingId" = r.id
  LEFT JOIN "Organization" o ON o.id = r."organizationId"
  CROSS JOIN LATERAL (SELECT coalesce(string_to_array(l.head, ' '), search_lexemes(concat_ws(' ', r.title, t.keywords))) AS h,
                             coalesce(string_to_array(l.body, ' '), search_lexemes(t.body)) AS b) x
  ON CONFLICT (kind, "listingId") DO UPDATE SET
    "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
    maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
    modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
    "createdAt" = EXCLUDED."createdAt", head = EXCLUDED.head, tsv = EXCLUDED.tsv;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") SELECT 'result', unnest(ids);
  END IF;
END $$;

CREATE FUNCTION search_index_needs(ids text[], heads text[] DEFAULT NULL, bodies text[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  SELECT 'need', n.id, search_normalize(n.title),
         search_normalize(array_to_string(coalesce(n.keywords, '{}'), ' | ')),
         search_normalize(concat_ws(E'\n', n.description, n."targetIndicators"))
  FROM "Need" n WHERE n.id = ANY(ids)
  ON CONFLICT (kind, "listingId") DO UPDATE SET title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body;
  INSERT INTO "SearchDocument" (kind, "listingId", "organizationId", status, field, maturity, "regionCode", "orgKind",
      modes, "priceFen", "publishedAt", "createdAt", head, tsv)
  SELECT 'need', n.id, n."organizationId", n.status::text, n.field, NULL, coalesce(o."regionCode", ''), coalesce(o.kind::text, ''),
      CASE WHEN n."cooperationMode" IS NULL THEN '{}'::text[] ELSE ARRAY[n."cooperationMode"] END,
      n."budgetFen", n."publishedAt", n."createdAt",
      array_to_tsvector(x.h), array_to_tsvector(x.h) || array_to_tsvector(x.b)
  FROM unnest(ids, heads, bodies) AS l(id, head, body)
  JOIN "Need" n ON n.id = l.id
  JOIN "SearchText" t ON t.kind = 'need' AND t."listingId" = n.id
  LEFT JOIN "Organization" o ON o.id = n."organizationId"
  CROSS JOIN LATERAL (SELECT coalesce(string_to_array(l.head, ' '), search_lexemes(concat_ws(' ', n.title, t.keywords))) AS h,
                             coalesce(string_to_array(l.body, ' '), search_lexemes(t.body)) AS b) x
  ON CONFLICT (kind, "listingId") DO UPDATE SET
    "organizationId" = EXCLUDED."organizationId", status = EXCLUDED.status, field = EXCLUDED.field,
    maturity = EXCLUDED.maturity, "regionCode" = EXCLUDED."regionCode", "orgKind" = EXCLUDED."orgKind",
    modes = EXCLUDED.modes, "priceFen" = EXCLUDED."priceFen", "publishedAt" = EXCLUDED."publishedAt",
    "createdAt" = EXCLUDED."createdAt", head = EXCLUDED.head, tsv = EXCLUDED.tsv;
  IF search_outbox_enabled() THEN
    INSERT INTO "SearchOutbox" (kind, "listingId") SELECT 'need', unnest(ids);
  END IF;
END $$;
