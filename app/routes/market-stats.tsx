// /market-stats — public (no login): this year's registered technology contracts in aggregate
// (publicStats: totals, by type, field and month, Bay Area share, progress toward the target).
// No contract details and no drill-down.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/market-stats";
import { metaText, metaTitle } from "../i18n/meta.ts";
import { getUser } from "../auth/session.server.ts";
import { can } from "../auth/permissions.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { groupLabel } from "../stats/export.server.ts";
import { publicStats } from "../stats/stats.server.ts";
import type { GroupBy } from "../contracts/schemas.ts";
import { formatCount, formatPercent } from "../components/contracts/format.ts";
import {
  BreakdownChart,
  BreakdownTable,
  FigureCard,
  ProgressBar,
  type StatRow,
} from "../components/contracts/stats.tsx";
import { yearFrom, yearOptions } from "./bureau+shared/dashboard.server.ts";
import { YearSelect } from "./bureau+shared/nav.tsx";
import { HydrateLater } from "../components/hydrate-later.tsx";

/** its meta carries its own description (the root's default is left out) */
export const handle = { ownDescription: true };

export function meta({ data, matches }: Route.MetaArgs) {
  return [
    { title: metaTitle(matches, "titles:marketStats", ...(data?.year ? [{ text: String(data.year) }] : [])) },
    { name: "description", content: metaText(matches, "titles:marketStatsDescription") },
  ];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const locale = localeFromRequest(request, user?.locale);
  const year = yearFrom(request);
  const s = await publicStats(year);
  const rows = (groupBy: GroupBy, groups: Array<Omit<StatRow, "label">>): StatRow[] =>
    groups.map((g) => ({
      key: g.key,
      label: groupLabel(groupBy, g.key, locale),
      count: g.count,
      contractAmountFen: g.contractAmountFen,
      techTransactionAmountFen: g.techTransactionAmountFen,
    }));
  return {
    year,
    years: yearOptions(year),
    totals: s.totals,
    target: s.target,
    bayArea: s.bayArea,
    byType: rows("type", s.byType),
    byField: rows("field", s.byField),
    byMonth: rows("month", s.byMonth),
    bureau: can(user, "read:stats:any"),
  };
}

export default function MarketStats({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const d = loaderData;
  const sections = [
    { id: "type", title: t("bureau:market.byType"), rows: d.byType, kind: "pie" as const },
    { id: "field", title: t("bureau:market.byField"), rows: d.byField, kind: "hbar" as const },
    { id: "month", title: t("bureau:market.byMonth"), rows: d.byMonth, kind: "month" as const },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">
            {t("bureau:market.title")} · {d.year}
          </h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:market.intro")}</p>
        </div>
        <YearSelect year={d.year} years={d.years} />
      </div>
      {d.bureau ? (
        <p className="text-sm">
          <Link to={`/bureau?year=${d.year}`}>{t("bureau:market.bureauLink")}</Link>
        </p>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-3">
        <FigureCard
          label={t("bureau:market.count")}
          value={t("bureau:countValue", { n: formatCount(d.totals.count, lang) })}
          testId="public-count"
          raw={d.totals.count}
        />
        <FigureCard
          label={t("bureau:market.contractAmount")}
          fen={d.totals.contractAmountFen}
          testId="public-amount"
          raw={d.totals.contractAmountFen}
        />
        <FigureCard label={t("bureau:market.techAmount")} fen={d.totals.techTransactionAmountFen} />
      </div>

      <section aria-labelledby="public-target-h" className="card">
        <h2 id="public-target-h" className="text-lg font-semibold">
          {t("bureau:market.target")}
        </h2>
        {d.target.amountFen === null ? <p className="mt-2 text-slate-700">{t("bureau:market.noTarget")}</p> : null}
        <dl className="mt-3 grid gap-3 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:market.target")}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              {d.target.amountFen === null ? "—" : formatFen(d.target.amountFen, lang)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:market.lastYear")}</dt>
            <dd className="text-xl tabular-nums">{formatFen(d.target.lastYearAmountFen, lang)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:market.growth")}</dt>
            <dd className="text-xl tabular-nums">
              {d.target.growthRate === null
                ? "—"
                : `${d.target.growthRate > 0 ? "+" : ""}${formatPercent(d.target.growthRate, lang)}`}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:market.bayShare")}</dt>
            <dd className="text-xl tabular-nums">{formatPercent(d.bayArea.shareOfContractAmount, lang)}</dd>
          </div>
        </dl>
        {d.target.amountFen !== null ? (
          <div className="mt-4">
            <ProgressBar ratio={d.target.progress} label={t("bureau:market.progress")} />
          </div>
        ) : null}
      </section>

      {d.totals.count === 0 ? <p className="card text-slate-700">{t("bureau:market.noData")}</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {sections.map((s) => (
          <HydrateLater key={s.id}>
            <section aria-labelledby={`public-${s.id}-h`} className={`card ${s.id === "month" ? "lg:col-span-2" : ""}`}>
              <h2 id={`public-${s.id}-h`} className="text-lg font-semibold">
                {s.title}
              </h2>
              {s.rows.length && d.totals.count ? (
                <>
                  <div className="mt-3">
                    <BreakdownChart rows={s.rows} kind={s.kind} title={s.title} tableId={`public-table-${s.id}`} />
                  </div>
                  <div className="mt-3">
                    <BreakdownTable
                      id={`public-table-${s.id}`}
                      caption={`${d.year} ${s.title}`}
                      rows={s.rows}
                      totals={d.totals}
                    />
                  </div>
                </>
              ) : (
                <p className="mt-2 text-sm text-slate-700">{t("bureau:market.noData")}</p>
              )}
            </section>
          </HydrateLater>
        ))}
      </div>
      <p className="text-sm text-slate-600">{t("bureau:market.note")}</p>
    </div>
  );
}
