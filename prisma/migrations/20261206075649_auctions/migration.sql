-- Trading: lots (交易项目), deposits, the bid log, objections, the working-day calendar.
-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "auctionId" TEXT;

-- CreateTable
CREATE TABLE "Auction" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "sellerOrgId" TEXT NOT NULL,
    "createdById" TEXT,
    "mode" TEXT NOT NULL,
    "contractType" TEXT NOT NULL,
    "licenseScope" TEXT,
    "licenseTermMonths" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "startPriceFen" BIGINT NOT NULL,
    "incrementFen" BIGINT,
    "reservePriceFen" BIGINT,
    "depositFen" BIGINT NOT NULL DEFAULT 0,
    "depositOverrideReason" TEXT,
    "currentPriceFen" BIGINT,
    "biddingStartsAt" TIMESTAMP(3),
    "biddingEndsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "softCloseSeconds" INTEGER NOT NULL DEFAULT 300,
    "bidCount" INTEGER NOT NULL DEFAULT 0,
    "headHash" TEXT NOT NULL DEFAULT '',
    "buyerOrgId" TEXT,
    "buyerRelation" TEXT,
    "noticeEndsAt" TIMESTAMP(3),
    "reofferOfId" TEXT,
    "convertedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "reviewNote" TEXT,
    "reviewedById" TEXT,
    "announcedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "winnerDepositId" TEXT,
    "winnerOrgId" TEXT,
    "winningAmountFen" BIGINT,
    "confirmDeadline" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "defaultedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Auction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuctionDeposit" (
    "id" TEXT NOT NULL,
    "auctionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "bidderCode" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting_payment',
    "amountFen" BIGINT NOT NULL,
    "reference" TEXT NOT NULL,
    "bankReference" TEXT,
    "payerName" TEXT,
    "paidAmountFen" BIGINT,
    "receivedAt" TIMESTAMP(3),
    "payerMismatchReason" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "refundBankReference" TEXT,
    "refundedAt" TIMESTAMP(3),
    "refundedById" TEXT,
    "stripePaymentIntentId" TEXT,
    "stripeRefundId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuctionDeposit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuctionBid" (
    "id" TEXT NOT NULL,
    "auctionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "depositId" TEXT NOT NULL,
    "bidderCode" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "prevHash" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AuctionBid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuctionObjection" (
    "id" TEXT NOT NULL,
    "auctionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuctionObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "Auction_winnerDepositId_key" ON "Auction"("winnerDepositId");

-- CreateIndex
CREATE INDEX "Auction_status_endsAt_idx" ON "Auction"("status", "endsAt");

-- CreateIndex
CREATE INDEX "Auction_resultId_idx" ON "Auction"("resultId");

-- CreateIndex
CREATE INDEX "Auction_sellerOrgId_idx" ON "Auction"("sellerOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "AuctionDeposit_reference_key" ON "AuctionDeposit"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "AuctionDeposit_stripePaymentIntentId_key" ON "AuctionDeposit"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "AuctionDeposit_status_idx" ON "AuctionDeposit"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AuctionDeposit_auctionId_orgId_key" ON "AuctionDeposit"("auctionId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "AuctionDeposit_auctionId_bidderCode_key" ON "AuctionDeposit"("auctionId", "bidderCode");

-- CreateIndex
CREATE UNIQUE INDEX "AuctionBid_auctionId_seq_key" ON "AuctionBid"("auctionId", "seq");

-- CreateIndex
CREATE INDEX "AuctionObjection_auctionId_status_idx" ON "AuctionObjection"("auctionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_auctionId_key" ON "Contract"("auctionId");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Auction" ADD CONSTRAINT "Auction_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "Result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuctionDeposit" ADD CONSTRAINT "AuctionDeposit_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuctionBid" ADD CONSTRAINT "AuctionBid_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuctionObjection" ADD CONSTRAINT "AuctionObjection_auctionId_fkey" FOREIGN KEY ("auctionId") REFERENCES "Auction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The bid log: append-only and hash-chained per lot by the database itself, like the audit trail.
-- Bids of one lot are serialised by the lot row lock taken in auction_place_bid, so the previous
-- bid is seq - 1, and a missing one is a gap the trigger refuses.
CREATE FUNCTION auction_bid_payload(b "AuctionBid") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', b."auctionId", b.seq::text, b."bidderCode", b."amountFen"::text,
    to_char(b.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

CREATE FUNCTION auction_bid_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text;
BEGIN
  IF NEW.seq = 1 THEN
    previous := '';
  ELSE
    SELECT hash INTO previous FROM "AuctionBid" WHERE "auctionId" = NEW."auctionId" AND seq = NEW.seq - 1;
    IF previous IS NULL THEN
      RAISE EXCEPTION 'AuctionBid: seq % of lot % leaves a gap', NEW.seq, NEW."auctionId";
    END IF;
  END IF;
  NEW."prevHash" := previous;
  NEW.hash := encode(sha256(convert_to(previous || '|' || auction_bid_payload(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

CREATE TRIGGER auction_bid_chain BEFORE INSERT ON "AuctionBid"
  FOR EACH ROW EXECUTE FUNCTION auction_bid_chain();

CREATE FUNCTION auction_bid_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuctionBid is append-only';
END
$$;

CREATE TRIGGER auction_bid_append_only BEFORE UPDATE OR DELETE ON "AuctionBid"
  FOR EACH ROW EXECUTE FUNCTION auction_bid_append_only();

-- One bid in one statement (one round trip): lock the lot, check it is open by the server's
-- receipt time p_at, the bidder's held deposit and the amount, append the bid, move the price and
-- the soft-close end, and NOTIFY every app process at commit (the bidding rooms' SSE fan-out).
-- Refusals come back as {"error": code}; the caller maps them to HTTP answers.
CREATE FUNCTION auction_place_bid(p_id text, p_auction text, p_org text, p_amount bigint, p_at text) RETURNS jsonb
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
