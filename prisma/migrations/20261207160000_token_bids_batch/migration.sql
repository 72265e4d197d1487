-- A lot's bearer-token bids that queued in one HTTP worker while its previous call for that lot was
-- in flight, decided in one call and one transaction (group commit; docs/decisions/0032). Each bid is
-- decided exactly as auction_place_token_bid decides it, in arrival order, each at its own receipt
-- time: an unknown or revoked token, then the lastUsedAt touch (at most once a minute), then the
-- bidder rule, then auction_place_bid (decision 0009's function, unchanged). One result per bid, in
-- the order given.
--
-- Lock order: every token touch is done before any bid, in token id order, so a batch never waits
-- for a token row while it holds the lot row (a single call takes its token, then the lot; a batch
-- that touched a token after locking the lot could deadlock with it). The touches are the ones the
-- bids in arrival order would make: per token, its bids in arrival order, each writing its receipt
-- time when the minute has passed since the last write.
CREATE FUNCTION auction_place_token_bids(p_token_hashes text[], p_roles text[], p_ids text[], p_auction text, p_amounts bigint[], p_ats text[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  n int := cardinality(p_ids);
  tok_ids text[];
  lives boolean[];
  useds timestamp(3)[];
  roles text[];
  orgs text[];
  tok text;
  used timestamp(3);
  received timestamp(3);
  results jsonb[] := '{}';
BEGIN
  SELECT array_agg(t.id ORDER BY h.i), array_agg(t."revokedAt" IS NULL ORDER BY h.i),
         array_agg(t."lastUsedAt" ORDER BY h.i), array_agg(u.role::text ORDER BY h.i),
         array_agg(u."organizationId" ORDER BY h.i)
    INTO tok_ids, lives, useds, roles, orgs
    FROM unnest(p_token_hashes) WITH ORDINALITY h(hash, i)
    LEFT JOIN ("ApiToken" t JOIN "User" u ON u.id = t."userId") ON t."tokenHash" = h.hash;
  FOR tok IN SELECT DISTINCT x.id FROM unnest(tok_ids, lives) x(id, live) WHERE x.id IS NOT NULL AND x.live ORDER BY 1 LOOP
    used := NULL;
    FOR k IN 1..n LOOP
      CONTINUE WHEN tok_ids[k] IS DISTINCT FROM tok;
      used := coalesce(used, useds[k]);
      received := (p_ats[k]::timestamptz AT TIME ZONE 'UTC');
      IF used IS NULL OR used < received - interval '60 seconds' THEN
        -- re-checked in the UPDATE: a concurrent call with the same token may have written it meanwhile
        UPDATE "ApiToken" SET "lastUsedAt" = received
          WHERE id = tok AND ("lastUsedAt" IS NULL OR "lastUsedAt" < received - interval '60 seconds')
          RETURNING "lastUsedAt" INTO used;
        IF NOT FOUND THEN SELECT "lastUsedAt" INTO used FROM "ApiToken" WHERE id = tok; END IF;
      END IF;
    END LOOP;
  END LOOP;
  FOR k IN 1..n LOOP
    IF tok_ids[k] IS NULL OR NOT lives[k] THEN
      results := results || jsonb_build_object('error', 'unauthorized');
    ELSIF orgs[k] IS NULL OR NOT roles[k] = ANY(p_roles) THEN
      results := results || jsonb_build_object('error', 'not_a_bidder');
    ELSE
      results := results || auction_place_bid(p_ids[k], p_auction, orgs[k], p_amounts[k], p_ats[k]);
    END IF;
  END LOOP;
  RETURN to_jsonb(results);
END
$$;
