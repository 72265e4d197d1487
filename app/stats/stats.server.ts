// The bureau's dashboard figures: for a registration year (Asia/Shanghai calendar),
// totals of count, 合同成交额 and 技术交易额 over registered, not cancelled contracts; breakdowns by
// type, seller region (技术输出), buyer region (技术吸纳), functional zone, field, month, seller and
// buyer kind; the share with Greater Bay Area parties; the year's target, last year's figure,
// growth and progress.
//
// Unfiltered figures come from the ContractStat rollup, kept exact by triggers in the same
// transaction as every contract change (one indexed read, ~1 ms at a million contracts);
// filtered figures (a drill-down such as "development contracts by month") GROUP BY the
// contracts table with the same filters as the contracts list, so every figure can be traced to
// the contracts behind it. verifyContractStats() re-derives the rollup from the contracts.
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { contractSqlWhere } from "../contracts/contracts.server.ts";
import type { ContractFilters, GroupBy } from "../contracts/schemas.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { TargetInput } from "./schemas.ts";
import { currentShanghaiYear } from "../domain/time.ts";

export type Figures = { count: number; contractAmountFen: number; techTransactionAmountFen: number };
export type Group = Figures & {
  key: string;
  name?: string | null;
  targetAmountFen?: number | null;
  progress?: number | null;
};

const ZERO: Figures = { count: 0, contractAmountFen: 0, techTransactionAmountFen: 0 };
const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

// groupBy → the Contract column it groups (the rollup's dim has the same name)
const COLUMN: Record<
  GroupBy,
  | "type"
  | "sellerRegion"
  | "buyerRegion"
  | "sellerZone"
  | "field"
  | "registeredMonth"
  | "sellerKind"
  | "buyerKind"
  | "bayArea"
  | "subcentreId"
> = {
  type: "type",
  sellerRegion: "sellerRegion",
  buyerRegion: "buyerRegion",
  zone: "sellerZone",
  field: "field",
  month: "registeredMonth",
  sellerKind: "sellerKind",
  buyerKind: "buyerKind",
  bayArea: "bayArea",
  // not in the trigger-kept rollup: always summed from "Contract" (index on subcentreId, year)
  subcentre: "subcentreId",
};

function ratio(a: number, b: number) {
  return b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null;
}

function sortGroups(groupBy: GroupBy, groups: Group[]) {
  if (groupBy === "month") {
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const months = MONTH_KEYS.map((key) => byKey.get(key) ?? { key, ...ZERO });
    return [...months, ...groups.filter((g) => !MONTH_KEYS.includes(g.key))];
  }
  return groups.sort(
    (a, b) => b.contractAmountFen - a.contractAmountFen || b.count - a.count || a.key.localeCompare(b.key),
  );
}

function hasFilters(filters: ContractFilters | undefined) {
  return (
    !!filters && Object.entries(filters).some(([k, v]) => k !== "year" && k !== "status" && v !== undefined && v !== "")
  );
}

async function rollupFigures(year: number, groupBy: GroupBy) {
  // raw SQL: a third of findMany's cost on this hot path (bench:stats)
  const rows = await prisma.$queryRaw<
    Array<{
      year: number;
      dim: string;
      key: string;
      count: number;
      contractAmountFen: bigint;
      techTransactionAmountFen: bigint;
    }>
  >`
    SELECT year, dim, key, count, "contractAmountFen", "techTransactionAmountFen" FROM "ContractStat"
    WHERE year IN (${year}, ${year - 1}) AND dim IN ('total', 'bayArea', ${groupBy}) AND count <> 0`;
  const fig = (r: (typeof rows)[number]): Figures => ({
    count: r.count,
    contractAmountFen: Number(r.contractAmountFen),
    techTransactionAmountFen: Number(r.techTransactionAmountFen),
  });
  const find = (y: number, dim: string, key: string) =>
    rows.find((r) => r.year === y && r.dim === dim && r.key === key);
  const totals = find(year, "total", "");
  const last = find(year - 1, "total", "");
  const bay = find(year, "bayArea", "yes");
  return {
    totals: totals ? fig(totals) : { ...ZERO },
    lastYear: last ? fig(last) : { ...ZERO },
    bayArea: bay ? fig(bay) : { ...ZERO },
    groups: rows.filter((r) => r.year === year && r.dim === groupBy).map((r) => ({ key: r.key, ...fig(r) })),
  };
}

function groupKey(groupBy: GroupBy, value: unknown) {
  if (value === null || value === undefined) return "none";
  if (groupBy === "month") return String(value).padStart(2, "0");
  if (groupBy === "bayArea") return value ? "yes" : "no";
  return String(value);
}

/** Filtered figures in one pass over this year's and last year's registered contracts. */
async function filteredFigures(year: number, groupBy: GroupBy, filters: ContractFilters) {
  // regions are grouped the way the rollup keys them (county detail for Jiangxi and the Bay Area)
  const column =
    groupBy === "sellerRegion" || groupBy === "buyerRegion"
      ? Prisma.raw(`stat_region("${COLUMN[groupBy]}")`)
      : Prisma.raw(`"${COLUMN[groupBy]}"`);
  const where = contractSqlWhere({ ...filters, year: undefined, status: undefined }, null);
  const rows = await prisma.$queryRaw<
    Array<{
      year: number;
      key: unknown;
      count: number;
      amount: string;
      tech: string;
      bay_count: number;
      bay_amount: string;
      bay_tech: string;
    }>
  >`
    SELECT "registeredYear" AS year, ${column} AS key, count(*)::int AS count,
      sum("contractAmountFen")::text AS amount, sum("techTransactionAmountFen")::text AS tech,
      (count(*) FILTER (WHERE "bayArea"))::int AS bay_count,
      coalesce(sum("contractAmountFen") FILTER (WHERE "bayArea"), 0)::text AS bay_amount,
      coalesce(sum("techTransactionAmountFen") FILTER (WHERE "bayArea"), 0)::text AS bay_tech
    FROM "Contract"
    WHERE status = 'registered' AND "registeredYear" IN (${year}, ${year - 1}) AND ${where}
    GROUP BY 1, 2`;
  // numeric sums (no bigint overflow), added as bigints: registered amounts are bounded by the
  // per-contract ceiling, so the figures stay exact as numbers
  const add = (a: Figures, count: number, amount: string, tech: string): Figures => ({
    count: a.count + count,
    contractAmountFen: Number(BigInt(a.contractAmountFen) + exactSum(amount)),
    techTransactionAmountFen: Number(BigInt(a.techTransactionAmountFen) + exactSum(tech)),
  });
  let totals = { ...ZERO };
  let lastYear = { ...ZERO };
  let bayArea = { ...ZERO };
  const groups: Group[] = [];
  for (const r of rows) {
    if (r.year === year) {
      totals = add(totals, r.count, r.amount, r.tech);
      bayArea = add(bayArea, r.bay_count, r.bay_amount, r.bay_tech);
      groups.push({ key: groupKey(groupBy, r.key), ...add(ZERO, r.count, r.amount, r.tech) });
    } else {
      lastYear = add(lastYear, r.count, r.amount, r.tech);
    }
  }
  return { totals, lastYear, bayArea, groups };
}

/**
 * GET /api/v1/stats/contracts. `filters` (the contracts-list keys) narrow the figures; with a
 * sellerRegion filter the county's own target is used.
 */
export async function contractStats({
  year,
  groupBy = "type",
  filters,
}: {
  year: number;
  groupBy?: GroupBy;
  filters?: ContractFilters;
}) {
  const filtered = hasFilters(filters);
  const [figures, targets] = await Promise.all([
    filtered || groupBy === "subcentre" ? filteredFigures(year, groupBy, filters ?? {}) : rollupFigures(year, groupBy),
    prisma.$queryRaw<
      Array<{ regionCode: string; amountFen: bigint }>
    >`SELECT "regionCode", "amountFen" FROM "ContractTarget" WHERE year = ${year}`,
  ]);
  const targetRegion = filtered && filters?.sellerRegion ? filters.sellerRegion : "";
  const target = targets.find((t) => t.regionCode === targetRegion);
  const amount = target ? Number(target.amountFen) : null;
  let groups: Group[] = figures.groups;
  if (groupBy === "subcentre") {
    const names = new Map(
      (await prisma.subcentre.findMany({ select: { id: true, name: true } })).map((s) => [s.id, s.name]),
    );
    groups = groups.map((g) => ({ ...g, name: names.get(g.key) ?? null }));
  }
  if (groupBy === "sellerRegion") {
    const county = new Map(targets.filter((t) => t.regionCode).map((t) => [t.regionCode, Number(t.amountFen)]));
    groups = groups.map((g) => {
      const t = county.get(g.key);
      return t === undefined ? g : { ...g, targetAmountFen: t, progress: ratio(g.contractAmountFen, t) };
    });
  }
  return {
    year,
    groupBy,
    ...(filtered ? { filters } : {}),
    totals: figures.totals,
    groups: sortGroups(groupBy, groups),
    target: {
      regionCode: targetRegion,
      amountFen: amount,
      lastYearAmountFen: figures.lastYear.contractAmountFen,
      growthRate: ratio(
        figures.totals.contractAmountFen - figures.lastYear.contractAmountFen,
        figures.lastYear.contractAmountFen,
      ),
      progress: amount === null ? null : ratio(figures.totals.contractAmountFen, amount),
    },
    lastYear: figures.lastYear,
    bayArea: {
      ...figures.bayArea,
      shareOfCount: ratio(figures.bayArea.count, figures.totals.count),
      shareOfContractAmount: ratio(figures.bayArea.contractAmountFen, figures.totals.contractAmountFen),
    },
  };
}
export type ContractStats = Awaited<ReturnType<typeof contractStats>>;

/** The public market-statistics page: aggregates only, no contract details. */
export async function publicStats(year = currentShanghaiYear()) {
  const rows = await prisma.contractStat.findMany({
    where: {
      year: { in: [year, year - 1] },
      dim: { in: ["total", "type", "field", "month", "bayArea"] },
      count: { not: 0 },
    },
  });
  const pick = (y: number, dim: string) =>
    rows
      .filter((r) => r.year === y && r.dim === dim)
      .map((r) => ({
        key: r.key,
        count: r.count,
        contractAmountFen: Number(r.contractAmountFen),
        techTransactionAmountFen: Number(r.techTransactionAmountFen),
      }));
  const totals = pick(year, "total")[0] ?? { key: "", ...ZERO };
  const last = pick(year - 1, "total")[0] ?? { key: "", ...ZERO };
  const bay = pick(year, "bayArea").find((g) => g.key === "yes") ?? { key: "yes", ...ZERO };
  const target = await prisma.contractTarget.findUnique({ where: { year_regionCode: { year, regionCode: "" } } });
  const { key: _k, ...totalFigures } = totals;
  return {
    year,
    totals: totalFigures,
    byType: sortGroups("type", pick(year, "type")),
    byField: sortGroups("field", pick(year, "field")),
    byMonth: sortGroups("month", pick(year, "month")),
    bayArea: {
      count: bay.count,
      contractAmountFen: bay.contractAmountFen,
      shareOfContractAmount: ratio(bay.contractAmountFen, totals.contractAmountFen),
    },
    target: {
      amountFen: target ? Number(target.amountFen) : null,
      progress: target ? ratio(totals.contractAmountFen, Number(target.amountFen)) : null,
      lastYearAmountFen: last.contractAmountFen,
      growthRate: ratio(totals.contractAmountFen - last.contractAmountFen, last.contractAmountFen),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Targets

function targetJson(t: {
  year: number;
  regionCode: string;
  amountFen: bigint;
  setById: string | null;
  updatedAt: Date;
}) {
  return {
    year: t.year,
    regionCode: t.regionCode,
    amountFen: Number(t.amountFen),
    setById: t.setById,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function listTargets(year: number) {
  const rows = await prisma.contractTarget.findMany({ where: { year }, orderBy: { regionCode: "asc" } });
  return { year, items: rows.map(targetJson) };
}

/** Sets (or changes) the year's target for the city (regionCode "") or a county; audited. */
export async function setTarget(year: number, input: TargetInput, user: SessionUser) {
  return prisma.$transaction(async (tx) => {
    const key = { year_regionCode: { year, regionCode: input.regionCode } };
    const before = await tx.contractTarget.findUnique({ where: key });
    const after = await tx.contractTarget.upsert({
      where: key,
      create: { year, regionCode: input.regionCode, amountFen: BigInt(input.amountFen), setById: user.id },
      update: { amountFen: BigInt(input.amountFen), setById: user.id },
    });
    await recordAudit(tx, {
      entityType: "target",
      entityId: `${year}:${input.regionCode || "city"}`,
      action: before ? "update" : "create",
      actorId: user.id,
      before: before ? { amountFen: before.amountFen } : null,
      after: { amountFen: after.amountFen },
    });
    return targetJson(after);
  });
}

// ---------------------------------------------------------------------------------------------
// The rollup's proof

/** Re-derives the rollup from the contracts; `mismatches` lists every (year, dim, key) that differs. */
export async function verifyContractStats(year?: number) {
  const mismatches = await prisma.$queryRaw<
    Array<{
      year: number;
      dim: string;
      key: string;
      expected_count: number | null;
      actual_count: number | null;
      expected_amount: string | null;
      actual_amount: string | null;
    }>
  >`
    WITH expected AS (
      SELECT c."registeredYear" AS year, k.dim, k.key, count(*)::int AS count,
        sum(c."contractAmountFen") AS amount, sum(c."techTransactionAmountFen") AS tech
      FROM "Contract" c CROSS JOIN LATERAL contract_stat_keys(c) k
      WHERE c.status = 'registered' AND c."registeredYear" IS NOT NULL
        AND (${year ?? null}::int IS NULL OR c."registeredYear" = ${year ?? null}::int)
      GROUP BY 1, 2, 3
    ), actual AS (
      SELECT year, dim, key, count, "contractAmountFen" AS amount, "techTransactionAmountFen" AS tech
      FROM "ContractStat"
      WHERE (count <> 0 OR "contractAmountFen" <> 0 OR "techTransactionAmountFen" <> 0)
        AND (${year ?? null}::int IS NULL OR year = ${year ?? null}::int)
    )
    SELECT coalesce(e.year, a.year) AS year, coalesce(e.dim, a.dim) AS dim, coalesce(e.key, a.key) AS key,
      e.count AS expected_count, a.count AS actual_count, e.amount::text AS expected_amount, a.amount::text AS actual_amount
    FROM expected e FULL JOIN actual a ON a.year = e.year AND a.dim = e.dim AND a.key = e.key
    WHERE e.count IS DISTINCT FROM a.count OR e.amount IS DISTINCT FROM a.amount OR e.tech IS DISTINCT FROM a.tech
    LIMIT 100`;
  return {
    ok: mismatches.length === 0,
    mismatches: mismatches.map((m) => ({
      year: m.year,
      dim: m.dim,
      key: m.key,
      expectedCount: m.expected_count ?? 0,
      actualCount: m.actual_count ?? 0,
      expectedContractAmountFen: fenTotal(exactSum(m.expected_amount)),
      actualContractAmountFen: fenTotal(exactSum(m.actual_amount)),
    })),
  };
}

/** Rebuilds the rollup from the contracts (repair, or after a bulk load with triggers disabled). */
export async function rebuildContractStats() {
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`LOCK TABLE "Contract" IN SHARE MODE`;
      await tx.$executeRaw`DELETE FROM "ContractStat"`;
      await tx.$executeRaw`
      INSERT INTO "ContractStat" (year, dim, key, count, "contractAmountFen", "techTransactionAmountFen")
      SELECT c."registeredYear", k.dim, k.key, count(*)::int, sum(c."contractAmountFen")::bigint, sum(c."techTransactionAmountFen")::bigint
      FROM "Contract" c CROSS JOIN LATERAL contract_stat_keys(c) k
      WHERE c.status = 'registered' AND c."registeredYear" IS NOT NULL
      GROUP BY 1, 2, 3`;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
