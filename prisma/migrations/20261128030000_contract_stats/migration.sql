-- Contracts, registration and statistics (issue #4).

-- Indexes for the contracts list (drill-down) and the anomaly checks.
CREATE INDEX "Contract_registeredYear_registeredAt_idx" ON "Contract"("registeredYear", "registeredAt");
CREATE INDEX "Contract_sellerOrgId_buyerOrgId_signedAt_idx" ON "Contract"("sellerOrgId", "buyerOrgId", "signedAt");
CREATE INDEX "Contract_sellerOrgId_registeredAt_idx" ON "Contract"("sellerOrgId", "registeredAt");
CREATE INDEX "Contract_type_field_registeredYear_idx" ON "Contract"("type", "field", "registeredYear");

-- The dashboard's rollup: per registration year, one row per dimension value, over registered
-- (not cancelled, not rejected) contracts. Kept exact by the statement-level triggers below, in
-- the same transaction as the change, so a registration, amendment or cancellation is in the
-- figures exactly when it is committed. Statement-level with transition tables, so a bulk load
-- (an import, COPY) costs one grouped upsert per statement instead of one per row.
CREATE TABLE "ContractStat" (
    "year" INTEGER NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "contractAmountFen" BIGINT NOT NULL DEFAULT 0,
    "techTransactionAmountFen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ContractStat_pkey" PRIMARY KEY ("year", "dim", "key")
);

-- The (dim, key) pairs one contract row contributes to. Used by the triggers and by
-- verifyContractStats(), so both derive the figures the same way.
CREATE FUNCTION contract_stat_keys(c "Contract") RETURNS TABLE(dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  VALUES
    ('total', ''),
    ('type', c.type),
    ('sellerRegion', coalesce(c."sellerRegion", 'none')),
    ('buyerRegion', coalesce(c."buyerRegion", 'none')),
    ('zone', coalesce(c."sellerZone", 'none')),
    ('field', coalesce(c.field, 'none')),
    ('month', coalesce(lpad(c."registeredMonth"::text, 2, '0'), 'none')),
    ('sellerKind', coalesce(c."sellerKind", 'none')),
    ('buyerKind', coalesce(c."buyerKind", 'none')),
    ('bayArea', CASE WHEN c."bayArea" THEN 'yes' ELSE 'no' END)
$$;

CREATE FUNCTION contract_stat_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows are upserted in (year, dim, key) order so concurrent transactions lock them in the same
  -- order and wait for each other instead of deadlocking.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ContractStat" AS s (year, dim, key, count, "contractAmountFen", "techTransactionAmountFen")
    SELECT r."registeredYear", k.dim, k.key, count(*)::int, sum(r."contractAmountFen")::bigint, sum(r."techTransactionAmountFen")::bigint
    FROM new_rows r CROSS JOIN LATERAL contract_stat_keys(r) k
    WHERE r.status = 'registered' AND r."registeredYear" IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (year, dim, key) DO UPDATE SET
      count = s.count + EXCLUDED.count,
      "contractAmountFen" = s."contractAmountFen" + EXCLUDED."contractAmountFen",
      "techTransactionAmountFen" = s."techTransactionAmountFen" + EXCLUDED."techTransactionAmountFen";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ContractStat" AS s (year, dim, key, count, "contractAmountFen", "techTransactionAmountFen")
    SELECT d.year, d.dim, d.key, sum(d.sign)::int, sum(d.sign * d.amount)::bigint, sum(d.sign * d.tech)::bigint
    FROM (
      SELECT r."registeredYear" AS year, k.dim, k.key, -1 AS sign, r."contractAmountFen" AS amount, r."techTransactionAmountFen" AS tech
      FROM old_rows r CROSS JOIN LATERAL contract_stat_keys(r) k
      WHERE r.status = 'registered' AND r."registeredYear" IS NOT NULL
      UNION ALL
      SELECT r."registeredYear", k.dim, k.key, 1, r."contractAmountFen", r."techTransactionAmountFen"
      FROM new_rows r CROSS JOIN LATERAL contract_stat_keys(r) k
      WHERE r.status = 'registered' AND r."registeredYear" IS NOT NULL
    ) d
    GROUP BY 1, 2, 3
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.amount) <> 0 OR sum(d.sign * d.tech) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (year, dim, key) DO UPDATE SET
      count = s.count + EXCLUDED.count,
      "contractAmountFen" = s."contractAmountFen" + EXCLUDED."contractAmountFen",
      "techTransactionAmountFen" = s."techTransactionAmountFen" + EXCLUDED."techTransactionAmountFen";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ContractStat" AS s (year, dim, key, count, "contractAmountFen", "techTransactionAmountFen")
    SELECT r."registeredYear", k.dim, k.key, -count(*)::int, -sum(r."contractAmountFen")::bigint, -sum(r."techTransactionAmountFen")::bigint
    FROM old_rows r CROSS JOIN LATERAL contract_stat_keys(r) k
    WHERE r.status = 'registered' AND r."registeredYear" IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (year, dim, key) DO UPDATE SET
      count = s.count + EXCLUDED.count,
      "contractAmountFen" = s."contractAmountFen" + EXCLUDED."contractAmountFen",
      "techTransactionAmountFen" = s."techTransactionAmountFen" + EXCLUDED."techTransactionAmountFen";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER contract_stat_insert AFTER INSERT ON "Contract"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_stat_apply();
CREATE TRIGGER contract_stat_update AFTER UPDATE ON "Contract"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_stat_apply();
CREATE TRIGGER contract_stat_delete AFTER DELETE ON "Contract"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contract_stat_apply();
