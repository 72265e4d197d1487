import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import { formatFen } from "../../domain/money.ts";
import { ContractStatusBadge } from "../contracts/badges.tsx";
import type { MyContractsData } from "../../dashboard/my-contracts.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";

export function MyContractsSection({ data, locale }: SectionProps<MyContractsData>) {
  const { t } = useTranslation("contracts");
  return (
    <section aria-labelledby="dash-my-contracts" className="card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dash-my-contracts" className="text-lg font-semibold">
          {data.staff ? t("dashboard.reviewTitle") : t("dashboard.contractsTitle")}
          {data.staff && data.total ? (
            <span className="badge ml-2 bg-amber-100 text-amber-900">{data.total}</span>
          ) : null}
        </h2>
        {data.canCreate && !data.staff ? (
          <Link to="/contracts/new" className="btn-primary px-3 py-1">
            {t("dashboard.newContract")}
          </Link>
        ) : null}
      </div>
      {data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          {data.staff ? t("dashboard.reviewEmpty") : t("dashboard.contractsEmpty")}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200">
          {data.items.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/contracts/${c.id}`} className="min-w-0 flex-1 truncate">
                {c.title}
              </Link>
              <span className="flex items-center gap-2 text-xs text-slate-700">
                <span className="font-medium tabular-nums">{formatFen(c.contractAmountFen, locale)}</span>
                {c.registrationNumber ? <span className="font-mono">{c.registrationNumber}</span> : null}
                <ContractStatusBadge status={c.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 flex flex-wrap gap-4 text-sm">
        <Link to={data.staff ? "/contracts?status=submitted" : "/contracts"}>
          {t("dashboard.allContracts", { count: data.total })}
        </Link>
        {data.canStats ? <Link to="/bureau">{t("dashboard.statsLink")}</Link> : null}
      </p>
    </section>
  );
}
