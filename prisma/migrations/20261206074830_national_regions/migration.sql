-- Regions from the whole national GB/T 2260 table. The statistics keep county detail for Jiangxi
-- and the Greater Bay Area and count every other region under its province (110108 → 110000);
-- the contracts keep their full codes, so a drill-down lists them. The same rule as statRegion()
-- in app/domain/regions.ts.
CREATE FUNCTION stat_region(code text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN code IS NULL THEN NULL
    WHEN code LIKE '36%' THEN code
    WHEN left(code, 4) IN ('4401', '4403', '4404', '4406', '4407', '4412', '4413', '4419', '4420') THEN code
    WHEN left(code, 2) IN ('81', '82') THEN code
    ELSE left(code, 2) || '0000'
  END
$$;

CREATE OR REPLACE FUNCTION contract_stat_keys(c "Contract") RETURNS TABLE(dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  VALUES
    ('total', ''),
    ('type', c.type),
    ('sellerRegion', coalesce(stat_region(c."sellerRegion"), 'none')),
    ('buyerRegion', coalesce(stat_region(c."buyerRegion"), 'none')),
    ('zone', coalesce(c."sellerZone", 'none')),
    ('field', coalesce(c.field, 'none')),
    ('month', coalesce(lpad(c."registeredMonth"::text, 2, '0'), 'none')),
    ('sellerKind', coalesce(c."sellerKind", 'none')),
    ('buyerKind', coalesce(c."buyerKind", 'none')),
    ('bayArea', CASE WHEN c."bayArea" THEN 'yes' ELSE 'no' END)
$$;

-- The region rows of the rollup again, under the new keys (the codes the market accepted so far
-- are provinces or Jiangxi/Bay Area codes, so this changes nothing for existing data; it keeps
-- the rollup exactly what contract_stat_keys derives).
LOCK TABLE "Contract" IN SHARE MODE;
DELETE FROM "ContractStat" WHERE dim IN ('sellerRegion', 'buyerRegion');
INSERT INTO "ContractStat" (year, dim, key, count, "contractAmountFen", "techTransactionAmountFen")
SELECT c."registeredYear", k.dim, k.key, count(*)::int, sum(c."contractAmountFen")::bigint, sum(c."techTransactionAmountFen")::bigint
FROM "Contract" c CROSS JOIN LATERAL contract_stat_keys(c) k
WHERE c.status = 'registered' AND c."registeredYear" IS NOT NULL AND k.dim IN ('sellerRegion', 'buyerRegion')
GROUP BY 1, 2, 3;
