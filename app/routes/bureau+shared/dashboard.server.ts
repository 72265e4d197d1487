// The bureau dashboard's data: one contractStats() call per breakdown (each a read of the
// rollup), labelled with the export's groupLabel(), and a drill-down link for every figure.
import type { SessionUser } from "../../auth/session.server.ts";
import { listAnomalies } from "../../contracts/anomaly-review.server.ts";
import { listContracts } from "../../contracts/contracts.server.ts";
import type { GroupBy } from "../../contracts/schemas.ts";
import type { Locale } from "../../i18n/i18n.ts";
import { groupLabel } from "../../stats/export.server.ts";
import { yearSchema } from "../../stats/schemas.ts";
import { contractStats } from "../../stats/stats.server.ts";
import { paymentStats } from "../../payments/stats.server.ts";
import type { PaidSection } from "./paid-on-platform.tsx";
import type { StatRow } from "../../components/contracts/stats.tsx";
import { currentShanghaiYear } from "../../domain/time.ts";

export const DASHBOARD_GROUPS = [
  "type",
  "sellerKind",
  "sellerRegion",
  "buyerRegion",
  "zone",
  "field",
  "month",
  "subcentre",
] as const satisfies readonly GroupBy[];

/** The contracts behind a figure: the list filters use the same keys as the stats' groupBy. */
export function drillHref(year: number, groupBy?: GroupBy, key?: string) {
  const params = new URLSearchParams({ year: String(year), status: "registered" });
  if (groupBy && key !== undefined) {
    if (groupBy === "month") {
      if (key !== "none") params.set("month", String(Number(key)));
    } else {
      params.set(groupBy, key);
    }
  }
  return `/bureau/contracts?${params}`;
}

export function yearFrom(request: Request) {
  const raw = new URL(request.url).searchParams.get("year");
  const parsed = yearSchema.safeParse(raw ?? undefined);
  return parsed.success ? parsed.data : currentShanghaiYear();
}

export function yearOptions(selected: number) {
  const now = currentShanghaiYear();
  const years = new Set<number>();
  for (let y = now + 1; y >= now - 9; y--) years.add(y);
  years.add(selected);
  return [...years].sort((a, b) => b - a);
}

export function exportHrefs(year: number, groupBy: GroupBy, locale: Locale) {
  const q = new URLSearchParams({ year: String(year), groupBy, ...(locale === "en" ? { lang: "en" } : {}) });
  return { csv: `/api/v1/stats/contracts.csv?${q}`, xlsx: `/api/v1/stats/contracts.xlsx?${q}` };
}

/** Groups of the "paid on the platform" section, next to the registered figures. */
const PAID_GROUPS = ["type", "sellerRegion", "month"] as const satisfies readonly GroupBy[];

export async function dashboardData(year: number, user: SessionUser, locale: Locale) {
  const [stats, pending, openFlags, paid] = await Promise.all([
    Promise.all(DASHBOARD_GROUPS.map((groupBy) => contractStats({ year, groupBy }))),
    listContracts({ status: "submitted", page: 1, pageSize: 1 }, user),
    listAnomalies({ status: "open", page: 1, pageSize: 1 }),
    Promise.all(PAID_GROUPS.map((groupBy) => paymentStats({ year, groupBy }))),
  ]);
  const first = stats[0]!;
  const breakdowns = stats.map((s, i) => {
    const groupBy = DASHBOARD_GROUPS[i]!;
    const rows: StatRow[] = s.groups.map((g) => ({
      key: g.key,
      label: groupLabel(groupBy, g.key, locale, g.name),
      count: g.count,
      contractAmountFen: g.contractAmountFen,
      techTransactionAmountFen: g.techTransactionAmountFen,
      targetAmountFen: g.targetAmountFen ?? null,
      progress: g.progress ?? null,
      href: g.count ? drillHref(year, groupBy, g.key) : undefined,
    }));
    return { groupBy, rows, exports: exportHrefs(year, groupBy, locale) };
  });
  const paidOnPlatform: PaidSection = {
    totals: paid[0]!.totals,
    registeredFen: Number(first.totals.contractAmountFen),
    breakdowns: paid.map((p, i) => {
      const groupBy = PAID_GROUPS[i]!;
      const registered = stats[DASHBOARD_GROUPS.indexOf(groupBy)]!.groups;
      const keys = [...new Set([...registered.map((g) => g.key), ...p.groups.map((g) => g.key)])];
      const rows = keys.map((key) => {
        const r = registered.find((g) => g.key === key);
        const q = p.groups.find((g) => g.key === key);
        return {
          key,
          label: groupLabel(groupBy, key, locale),
          registeredFen: Number(r?.contractAmountFen ?? 0),
          paidFen: q?.paidFen ?? 0,
          count: q?.count ?? 0,
        };
      });
      return { groupBy, rows: groupBy === "month" ? rows.sort((a, b) => a.key.localeCompare(b.key)) : rows };
    }),
  };
  return {
    year,
    paidOnPlatform,
    totals: first.totals,
    target: first.target,
    lastYear: first.lastYear,
    bayArea: first.bayArea,
    breakdowns,
    pendingReview: pending.total,
    openFlags: openFlags.total,
    links: { all: drillHref(year), bayArea: `${drillHref(year)}&bayArea=yes` },
  };
}
