-- Bulk imports pass the normalised text of their listings' search rows too (docs/decisions/0023,
-- "Import phases"): search_normalize() (NFKC, then lower case) in SQL was most of the "SearchText"
-- statement's time, ~20 s of PostgreSQL CPU for 100,000 results on a loaded machine, while Node
-- normalises the same text in a fraction of a second (search/normalize.ts indexText(), tested
-- equal to search_normalize()). titles[i], keyword_texts[i] and body_texts[i] are
-- search_normalize() of the title, of the keywords joined by ' | ' and of the body as
-- search_upsert_result / search_upsert_need build them; NULL (or no array) computes them here.
-- Everything else is as in 20261206111730_search_bulk_index.

DROP FUNCTION search_index_results(text[], text[], text[]);
DROP FUNCTION search_index_needs(text[], text[], text[]);

CREATE FUNCTION search_index_results(ids text[], heads text[] DEFAULT NULL, bodies text[] DEFAULT NULL,
    titles text[] DEFAULT NULL, keyword_texts text[] DEFAULT NULL, body_texts text[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  SELECT 'result', r.id, coalesce(l.title, search_normalize(r.title)),
         coalesce(l.keywords, search_normalize(array_to_string(coalesce(r.keywords, '{}'), ' | '))),
         coalesce(l.body, search_normalize(concat_ws(E'\n', r.summary, r."ipDescription", array_to_string(coalesce(r."patentNumbers", '{}'), ' '))))
  FROM unnest(ids, titles, keyword_texts, body_texts) AS l(id, title, keywords, body)
  JOIN "Result" r ON r.id = l.id
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

CREATE FUNCTION search_index_needs(ids text[], heads text[] DEFAULT NULL, bodies text[] DEFAULT NULL,
    titles text[] DEFAULT NULL, keyword_texts text[] DEFAULT NULL, body_texts text[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchText" (kind, "listingId", title, keywords, body)
  SELECT 'need', n.id, coalesce(l.title, search_normalize(n.title)),
         coalesce(l.keywords, search_normalize(array_to_string(coalesce(n.keywords, '{}'), ' | '))),
         coalesce(l.body, search_normalize(concat_ws(E'\n', n.description, n."targetIndicators")))
  FROM unnest(ids, titles, keyword_texts, body_texts) AS l(id, title, keywords, body)
  JOIN "Need" n ON n.id = l.id
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
