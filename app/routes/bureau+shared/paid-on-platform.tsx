// The bureau dashboard's "paid on the platform" section: money confirmed as received under
// contracts (app/payments/stats.server.ts) next to the registered amounts, for the year and by
// breakdown — the basis of the transaction subsidies.
import { useTranslation } from "react-i18next";
import { formatFen } from "../../domain/money.ts";
import { formatCount, formatPercent } from "../../components/contracts/format.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";

export type PaidRow = { key: string; label: string; registeredFen: number; paidFen: number | bigint; count: number };
export type PaidSection = {
  totals: { count: number; contracts: number; paidFen: number | bigint };
  registeredFen: number;
  breakdowns: Array<{ groupBy: string; rows: PaidRow[] }>;
};

const ratio = (paid: number | bigint, registered: number) => (registered > 0 ? Number(paid) / registered : null);

export function PaidOnPlatform({ data }: { data: PaidSection }) {
  const { t, i18n } = useTranslation("payments");
  const { t: tc } = useTranslation("contracts");
  const lang = i18n.language;
  return (
    <section aria-labelledby="paid-h" className="card space-y-4">
      <div>
        <h2 id="paid-h" className="text-lg font-semibold">
          {t("paidOnPlatform")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("paidOnPlatformHint")}</p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">{t("paidOnPlatform")}</dt>
          <dd
            className="text-2xl font-semibold tabular-nums"
            data-testid="paid-total"
            data-fen={String(data.totals.paidFen)}
          >
            {formatFen(data.totals.paidFen, lang)}
          </dd>
          <dd className="text-sm text-slate-700">
            {t("paidCount", {
              count: formatCount(data.totals.count, lang),
              contracts: formatCount(data.totals.contracts, lang),
            })}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("registeredAmount")}</dt>
          <dd className="text-2xl tabular-nums">{formatFen(data.registeredFen, lang)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("paidVsRegistered")}</dt>
          <dd className="text-2xl tabular-nums">
            {formatPercent(ratio(data.totals.paidFen, data.registeredFen), lang)}
          </dd>
        </div>
      </dl>
      <div className="grid gap-6 xl:grid-cols-3">
        {data.breakdowns.map((b) => (
          <ScrollRegion key={b.groupBy} label={tc(`bureau:groups.${b.groupBy}`)}>
            <table className="w-full text-sm">
              <caption className="text-left font-semibold">{tc(`bureau:groups.${b.groupBy}`)}</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-2">
                    {t("group")}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right">
                    {t("registeredAmount")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("paidOnPlatform")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r) => (
                  <tr key={r.key} className="border-t border-slate-200">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      {r.label}
                    </th>
                    <td className="py-1 pr-2 text-right tabular-nums">{formatFen(r.registeredFen, lang)}</td>
                    <td className="py-1 text-right tabular-nums">{formatFen(r.paidFen, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ))}
      </div>
    </section>
  );
}
