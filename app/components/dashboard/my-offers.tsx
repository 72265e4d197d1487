import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import { formatFen } from "../../domain/money.ts";
import type { MyOffersData } from "../../dashboard/my-offers.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";
import { formatDateTime } from "../../domain/time.ts";

export function MyOffersSection({ data, locale }: SectionProps<MyOffersData>) {
  const { t } = useTranslation("contracts");
  return (
    <section aria-labelledby="dash-my-offers" className="card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dash-my-offers" className="text-lg font-semibold">
          {t("dashboard.awaitingTitle")}
          {data.awaitingCount ? (
            <span className="badge ml-2 bg-amber-100 text-amber-900">{data.awaitingCount}</span>
          ) : null}
        </h2>
      </div>
      {data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("dashboard.awaitingEmpty")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {data.items.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/offers/${o.id}`} className="min-w-0 flex-1 truncate">
                {o.title}
              </Link>
              <span className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
                <span>
                  {t(`offers:kind.${o.kind}`)} · {t("dashboard.from", { org: o.counterpart })}
                </span>
                <span className="font-medium tabular-nums">{formatFen(o.amountFen, locale)}</span>
                <time dateTime={o.updatedAt}>{formatDateTime(o.updatedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 flex flex-wrap gap-4 text-sm">
        <Link to="/offers">{t("dashboard.allOffers")}</Link>
        {data.openCount > data.awaitingCount ? (
          <span className="text-slate-600">
            {t("dashboard.awaitingMore", { count: data.openCount - data.awaitingCount })}
          </span>
        ) : null}
      </p>
    </section>
  );
}
