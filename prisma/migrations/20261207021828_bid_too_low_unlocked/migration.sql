-- auction_place_bid, refusing a bid that is too low by the committed state before taking the lot
-- row lock. At a busy close most bids are too low by the time they arrive (50 in flight, one
-- wins); under the lock each of them still queued behind the others, locked the row (a WAL record
-- and a transaction id) and committed. While a lot is bidding its price only rises, so a bid that
-- is at or below the committed price is refused by the locked check too: the answer is the one
-- the locked path gives at that snapshot (the same checks in the same order: seller, open by the
-- receipt time, held deposit, amount). Anything else takes the lock and is decided as before
-- (docs/decisions/0029-hot-api-path.md, 0009).
CREATE OR REPLACE FUNCTION auction_place_bid(p_id text, p_auction text, p_org text, p_amount bigint, p_at text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  a "Auction"%ROWTYPE;
  received timestamp(3) := (p_at::timestamptz AT TIME ZONE 'UTC');
  d_id text;
  d_code text;
  b "AuctionBid"%ROWTYPE;
  new_end timestamp(3);
  base bigint;
  result jsonb;
BEGIN
  SELECT * INTO a FROM "Auction" WHERE id = p_auction;
  IF FOUND AND a."sellerOrgId" <> p_org AND a.status = 'bidding' AND a."endsAt" IS NOT NULL
     AND received < a."endsAt" AND received >= a."biddingStartsAt"
     AND a."currentPriceFen" IS NOT NULL AND p_amount <= a."currentPriceFen"
     AND EXISTS (SELECT 1 FROM "AuctionDeposit"
                 WHERE "auctionId" = p_auction AND "orgId" = p_org AND status = 'held') THEN
    RETURN jsonb_build_object('error', 'bid_too_low', 'minimumFen', a."currentPriceFen" + a."incrementFen");
  END IF;
  SELECT * INTO a FROM "Auction" WHERE id = p_auction FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'not_found'); END IF;
  IF a."sellerOrgId" = p_org THEN RETURN jsonb_build_object('error', 'forbidden'); END IF;
  IF a.status = 'announced' AND a.mode = 'bidding' AND a."biddingStartsAt" <= received AND received < a."endsAt" THEN
    -- opening is a state change of its own (audited by the app), then the bid is retried
    RETURN jsonb_build_object('error', 'needs_advance');
  END IF;
  IF a.status <> 'bidding' OR a."endsAt" IS NULL OR received >= a."endsAt" OR received < a."biddingStartsAt" THEN
    RETURN jsonb_build_object('error', 'auction_not_open', 'due', a.status = 'bidding' AND received >= a."endsAt");
  END IF;
  SELECT id, "bidderCode" INTO d_id, d_code FROM "AuctionDeposit"
    WHERE "auctionId" = p_auction AND "orgId" = p_org AND status = 'held';
  IF d_id IS NULL THEN RETURN jsonb_build_object('error', 'deposit_required'); END IF;
  base := coalesce(a."currentPriceFen", a."startPriceFen");
  IF a."currentPriceFen" IS NULL THEN
    IF p_amount < a."startPriceFen" THEN
      RETURN jsonb_build_object('error', 'bid_too_low', 'minimumFen', a."startPriceFen");
    END IF;
  ELSIF p_amount <= a."currentPriceFen" THEN
    RETURN jsonb_build_object('error', 'bid_too_low', 'minimumFen', a."currentPriceFen" + a."incrementFen");
  END IF;
  IF (p_amount - base) % a."incrementFen" <> 0 THEN
    RETURN jsonb_build_object('error', 'not_increment_multiple', 'incrementFen', a."incrementFen", 'baseFen', base);
  END IF;
  new_end := greatest(a."endsAt", received + make_interval(secs => a."softCloseSeconds"));
  INSERT INTO "AuctionBid" (id, "auctionId", seq, "depositId", "bidderCode", "amountFen", at)
    VALUES (p_id, p_auction, a."bidCount" + 1, d_id, d_code, p_amount, received)
    RETURNING * INTO b;
  UPDATE "Auction" SET "currentPriceFen" = p_amount, "bidCount" = b.seq, "headHash" = b.hash,
    "endsAt" = new_end, "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = p_auction;
  result := jsonb_build_object(
    'auctionId', p_auction, 'seq', b.seq, 'bidderCode', d_code, 'amountFen', p_amount,
    'at', to_char(b.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'hash', b.hash,
    'currentPriceFen', p_amount, 'endsAt', to_char(new_end, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'extended', new_end > a."endsAt", 'depositId', d_id);
  PERFORM pg_notify('auction_events', (jsonb_build_object('type', 'bid') || (result - 'depositId'))::text);
  RETURN result;
END
$$;
