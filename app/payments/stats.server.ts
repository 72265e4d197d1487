// "Paid on the platform" (GET /api/v1/stats/payments): confirmed contract payments, net of card
// refunds, by the Asia/Shanghai year of their confirmation, grouped like the contract statistics
// (app/stats/stats.server.ts). A contract's dimensions are its registration snapshot when it is
// registered, else its parties' current region, zone and kind; `month` is the month of
// confirmation. This is the basis the subsidy features build on, so it reads the payments
// themselves (no rollup to drift from them).
import type { GroupBy } from "../contracts/schemas.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type PaidFigures = { count: number; contracts: number; paidFen: number | bigint };
export type PaidGroup = PaidFigures & { key: string };

const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
const registered = `c."registeredYear" IS NOT NULL`;

// groupBy → the SQL of its key over "ContractPayment" p, "Contract" c, seller s, buyer b
const KEY_SQL: Record<GroupBy, string> = {
  type: `c.type`,
  sellerRegion: `CASE WHEN ${registered} THEN c."sellerRegion" ELSE s."regionCode" END`,
  buyerRegion: `CASE WHEN ${registered} THEN c."buyerRegion" ELSE b."regionCode" END`,
  zone: `CASE WHEN ${registered} THEN c."sellerZone" ELSE s.zone END`,
  field: `c.field`,
  month: `to_char((p."confirmedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'MM')`,
  sellerKind: `CASE WHEN ${registered} THEN c."sellerKind" ELSE s.kind::text END`,
  buyerKind: `CASE WHEN ${registered} THEN c."buyerKind" ELSE b.kind::text END`,
  bayArea: `CASE WHEN c."bayArea" THEN 'yes' ELSE 'no' END`,
  subcentre: `c."subcentreId"`,
};

export async function paymentStats({ year, groupBy = "type" }: { year: number; groupBy?: GroupBy }) {
  const key = Prisma.raw(KEY_SQL[groupBy]);
  const rows = await prisma.$queryRaw<Array<{ key: string | null; count: number; contracts: number; paid: unknown }>>`
    SELECT ${key} AS key, count(*)::int AS count, count(DISTINCT p."contractId")::int AS contracts,
      sum(p."amountFen" - p."refundedFen") AS paid
    FROM "ContractPayment" p
      JOIN "Contract" c ON c.id = p."contractId"
      JOIN "Organization" s ON s.id = c."sellerOrgId"
      JOIN "Organization" b ON b.id = c."buyerOrgId"
    WHERE p.status = 'confirmed' AND p."confirmedYear" = ${year}
    GROUP BY 1`;
  const totalsRow = await prisma.$queryRaw<Array<{ count: number; contracts: number; paid: unknown }>>`
    SELECT count(*)::int AS count, count(DISTINCT "contractId")::int AS contracts, sum("amountFen" - "refundedFen") AS paid
    FROM "ContractPayment" WHERE status = 'confirmed' AND "confirmedYear" = ${year}`;
  let groups: PaidGroup[] = rows.map((r) => ({
    key: r.key ?? "none",
    count: r.count,
    contracts: r.contracts,
    paidFen: fenTotal(exactSum(r.paid)),
  }));
  if (groupBy === "month") {
    const byKey = new Map(groups.map((g) => [g.key, g]));
    groups = MONTH_KEYS.map((k) => byKey.get(k) ?? { key: k, count: 0, contracts: 0, paidFen: 0 });
  } else {
    groups.sort(
      (a, b) =>
        (b.paidFen > a.paidFen ? 1 : b.paidFen < a.paidFen ? -1 : 0) || b.count - a.count || a.key.localeCompare(b.key),
    );
  }
  const t = totalsRow[0];
  return {
    year,
    groupBy,
    totals: { count: t?.count ?? 0, contracts: t?.contracts ?? 0, paidFen: fenTotal(exactSum(t?.paid)) },
    groups,
  };
}
export type PaymentStats = Awaited<ReturnType<typeof paymentStats>>;
