-- A bearer-token bid as one plpgsql function: the token's caller, its lastUsedAt (at most once a
-- minute), the bidder rule and auction_place_bid, as the one statement in
-- app/auctions/bids.server.ts did them (a CTE with a data-modifying part). What changes is where
-- the work is planned: each pool connection planned that CTE statement afresh for its first
-- executions (custom plans) and ran a data-modifying node on every call; here the top statement is
-- a bare function call and the function's own statements are planned by plpgsql, cheaply, the
-- UPDATE only run when the minute has passed. Same answers, same order: an unknown or revoked
-- token first, then the touch, then the bidder rule, then the bid (decision 0009's function,
-- unchanged). docs/decisions/0029-hot-api-path.md
CREATE FUNCTION auction_place_token_bid(p_token_hash text, p_roles text[], p_id text, p_auction text, p_amount bigint, p_at text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  received timestamp(3) := (p_at::timestamptz AT TIME ZONE 'UTC');
  c record;
BEGIN
  SELECT t.id, t."revokedAt" IS NULL AS live, t."lastUsedAt" AS used, u.role::text AS role, u."organizationId" AS org
    INTO c FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = p_token_hash;
  IF NOT FOUND OR NOT c.live THEN RETURN jsonb_build_object('error', 'unauthorized'); END IF;
  IF c.used IS NULL OR c.used < received - interval '60 seconds' THEN
    -- re-checked in the UPDATE: a concurrent call with the same token may have written it meanwhile
    UPDATE "ApiToken" SET "lastUsedAt" = received
      WHERE id = c.id AND ("lastUsedAt" IS NULL OR "lastUsedAt" < received - interval '60 seconds');
  END IF;
  IF c.org IS NULL OR NOT c.role = ANY(p_roles) THEN RETURN jsonb_build_object('error', 'not_a_bidder'); END IF;
  RETURN auction_place_bid(p_id, p_auction, c.org, p_amount, p_at);
END
$$;
