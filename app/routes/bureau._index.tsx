// /bureau — the bureau's dashboard (bureau, admin): a year's registered, not cancelled contracts
// (Asia/Shanghai calendar): totals, the target with last year's figure, progress and growth,
// breakdowns with charts and tables, each figure a link to the contracts behind it, exports.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/bureau._index";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { ExportLinks } from "../components/contracts/contract-table.tsx";
import { formatCount, formatPercent } from "../components/contracts/format.ts";
import { BreakdownChart, BreakdownTable, FigureCard, ProgressBar } from "../components/contracts/stats.tsx";
import { dashboardData, yearFrom, yearOptions } from "./bureau+shared/dashboard.server.ts";
import { YearSelect } from "./bureau+shared/nav.tsx";
import { PaidOnPlatform } from "./bureau+shared/paid-on-platform.tsx";
import { HydrateLater } from "../components/hydrate-later.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauDashboard") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "read:stats:any");
  const locale = localeFromRequest(request, user.locale);
  const year = yearFrom(request);
  return { ...(await dashboardData(year, user, locale)), years: yearOptions(year) };
}

const CHART_KIND = {
  type: "pie",
  sellerRegion: "hbar",
  buyerRegion: "hbar",
  zone: "bar",
  field: "hbar",
  month: "month",
  sellerKind: "pie",
  subcentre: "hbar",
} as const;

export default function BureauDashboard({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const d = loaderData;
  const viewAll = t("bureau:viewContracts", { what: t("bureau:drillAll", { year: d.year }) });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">
            {t("bureau:title")} · {d.year}
          </h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:intro")}</p>
        </div>
        <YearSelect year={d.year} years={d.years} />
      </div>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link to="/contracts?status=submitted">{t("bureau:navReview", { count: d.pendingReview })}</Link>
        <Link to="/bureau/anomalies">{t("bureau:navAnomaliesCount", { count: d.openFlags })}</Link>
      </p>

      <section aria-labelledby="totals-h">
        <h2 id="totals-h" className="sr-only">
          {t("bureau:title")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <FigureCard
            label={t("bureau:count")}
            value={t("bureau:countValue", { n: formatCount(d.totals.count, lang) })}
            href={d.links.all}
            linkLabel={viewAll}
            testId="total-count"
            raw={d.totals.count}
          />
          <FigureCard
            label={t("bureau:contractAmount")}
            fen={d.totals.contractAmountFen}
            href={d.links.all}
            linkLabel={viewAll}
            testId="total-amount"
            raw={d.totals.contractAmountFen}
          />
          <FigureCard
            label={t("bureau:techAmount")}
            fen={d.totals.techTransactionAmountFen}
            href={d.links.all}
            linkLabel={viewAll}
            testId="total-tech"
            raw={d.totals.techTransactionAmountFen}
          />
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="target-h" className="card">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="target-h" className="text-lg font-semibold">
              {t("bureau:targetTitle")}
            </h2>
            <Link to={`/bureau/targets?year=${d.year}`} className="text-sm">
              {t("bureau:setTarget")}
            </Link>
          </div>
          {d.target.amountFen === null ? (
            <p className="mt-2 text-slate-700">{t("bureau:noTarget", { year: d.year })}</p>
          ) : null}
          <dl className="mt-3 grid gap-3 sm:grid-cols-3">
            <div>
              <dt className="text-sm text-slate-600">{t("bureau:target")}</dt>
              <dd className="text-xl font-semibold tabular-nums">
                {d.target.amountFen === null ? "—" : formatFen(d.target.amountFen, lang)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("bureau:lastYear", { year: d.year - 1 })}</dt>
              <dd className="text-xl tabular-nums">
                {d.lastYear.count ? (
                  <Link to={`/bureau/contracts?year=${d.year - 1}&status=registered`} className="text-slate-900">
                    {formatFen(d.target.lastYearAmountFen, lang)}
                  </Link>
                ) : (
                  t("bureau:noLastYear")
                )}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("bureau:growth")}</dt>
              <dd
                className={`text-xl font-semibold tabular-nums ${d.target.growthRate !== null && d.target.growthRate < 0 ? "text-red-700" : "text-green-800"}`}
              >
                {d.target.growthRate === null
                  ? "—"
                  : `${d.target.growthRate > 0 ? "+" : ""}${formatPercent(d.target.growthRate, lang)}`}
              </dd>
            </div>
          </dl>
          {d.target.amountFen !== null ? (
            <div className="mt-4">
              <ProgressBar ratio={d.target.progress} label={t("bureau:progress")} />
            </div>
          ) : null}
        </section>

        <section aria-labelledby="bay-h" className="card">
          <h2 id="bay-h" className="text-lg font-semibold">
            {t("bureau:bayTitle")}
          </h2>
          <p className="mt-1 text-xs text-slate-600">{t("bureau:bayHint")}</p>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="text-sm text-slate-600">{t("bureau:bayShare")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">
                {formatPercent(d.bayArea.shareOfContractAmount, lang)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("bureau:bayCount")}</dt>
              <dd className="tabular-nums">
                <Link to={d.links.bayArea}>
                  {t("bureau:countValue", { n: formatCount(d.bayArea.count, lang) })} ·{" "}
                  {formatFen(d.bayArea.contractAmountFen, lang)}
                </Link>
              </dd>
            </div>
          </dl>
        </section>
      </div>

      {/* the long part of the page hydrates after the figures above, in slices (decision 0030) */}
      <HydrateLater>
        <PaidOnPlatform data={d.paidOnPlatform} />
      </HydrateLater>

      {d.totals.count === 0 ? <p className="card text-slate-700">{t("bureau:noData")}</p> : null}

      <div className="grid gap-6 xl:grid-cols-2">
        {d.breakdowns.map((b) => {
          const title = t(`bureau:groups.${b.groupBy}`);
          const tableId = `table-${b.groupBy}`;
          return (
            <HydrateLater key={b.groupBy}>
              <section
                aria-labelledby={`h-${b.groupBy}`}
                className={`card ${b.groupBy === "month" || b.groupBy === "sellerRegion" || b.groupBy === "field" ? "xl:col-span-2" : ""}`}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 id={`h-${b.groupBy}`} className="text-lg font-semibold">
                    {title}
                  </h2>
                  <ExportLinks csv={b.exports.csv} xlsx={b.exports.xlsx} what={title} />
                </div>
                {b.rows.length ? (
                  <>
                    <div className="mt-3">
                      <BreakdownChart rows={b.rows} kind={CHART_KIND[b.groupBy]} title={title} tableId={tableId} />
                    </div>
                    <div className="mt-3">
                      <BreakdownTable
                        id={tableId}
                        caption={`${d.year} ${title}`}
                        rows={b.rows}
                        totals={d.totals}
                        totalHref={d.links.all}
                        showTargets={b.groupBy === "sellerRegion"}
                      />
                    </div>
                  </>
                ) : (
                  <p className="mt-2 text-sm text-slate-700">{t("bureau:noData")}</p>
                )}
              </section>
            </HydrateLater>
          );
        })}
      </div>
    </div>
  );
}
