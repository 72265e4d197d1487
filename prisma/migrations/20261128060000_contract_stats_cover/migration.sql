-- Drill-down figures (filtered statistics, the contracts list's sums) over a year of registered
-- contracts answered by an index-only scan: every column they read is in the key (Prisma cannot
-- declare INCLUDE columns). bench:stats, 1M contracts: a year's filtered GROUP BY 450 → ~80 ms.
CREATE INDEX "Contract_stats_cover_idx" ON "Contract"("registeredYear", "status", "type", "sellerRegion", "buyerRegion", "sellerZone", "field", "registeredMonth", "sellerKind", "buyerKind", "bayArea", "contractAmountFen", "techTransactionAmountFen");
