// /bureau/contracts — the contracts behind a dashboard figure (bureau, admin). The query keys
// are the statistics' groupBy keys (year, month, type, sellerRegion, buyerRegion, zone, field,
// sellerKind, buyerKind, bayArea), so the list's sums equal the figure that was clicked.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/bureau.contracts";
import { metaTitle } from "../i18n/meta.ts";
import { zodFields } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { listContracts } from "../contracts/contracts.server.ts";
import {
  CONTRACT_STATUS_NAMES,
  FILTER_KEYS,
  GROUP_BY,
  contractListQuerySchema,
  type ContractStatus,
  type GroupBy,
} from "../contracts/schemas.ts";
import { localName } from "../domain/catalog.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { prisma } from "../db/db.server.ts";
import { groupLabel } from "../stats/export.server.ts";
import { ContractTable, ExportLinks } from "../components/contracts/contract-table.tsx";
import { Notice } from "../components/forms.tsx";
import { formatCount } from "../components/contracts/format.ts";
import { Pager } from "../components/contracts/pager.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { localFields } from "../components/form-reply.server.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauContracts", "titles:contractStats") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "read:stats:any");
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const key of [...FILTER_KEYS, "page"]) {
    const v = url.searchParams.get(key);
    if (v !== null && v.trim() !== "") raw[key] = v.trim();
  }
  const parsed = contractListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : { page: 1, pageSize: 20 };
  const list = await orErrorPage(locale, () => listContracts({ ...query, pageSize: 50 }, user));
  // The active filters as labelled chips (labels from the exports' groupLabel).
  const subcentreName = raw.subcentre
    ? ((await prisma.subcentre.findUnique({ where: { id: raw.subcentre }, select: { name: true } }))?.name ?? null)
    : null;
  const chips = Object.entries(raw)
    .filter(([k]) => k !== "page")
    .map(([key, value]) => {
      let label = value;
      if ((GROUP_BY as readonly string[]).includes(key))
        label = groupLabel(key as GroupBy, value, locale, subcentreName);
      else if (key === "month") label = groupLabel("month", value.padStart(2, "0"), locale);
      else if (key === "status")
        label = value
          .split(",")
          .map((s) => localName(CONTRACT_STATUS_NAMES[s as ContractStatus], locale) || s)
          .join("、");
      const without = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== key && k !== "page"));
      return { key, value, label, removeHref: `/bureau/contracts?${without}` };
    });
  const exportQuery = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "page"));
  if (locale === "en") exportQuery.set("lang", "en");
  return {
    list,
    chips,
    year: parsed.success ? parsed.data.year : undefined,
    invalid: parsed.success ? null : localFields(zodFields(parsed.error), locale),
    exportQuery: exportQuery.toString(),
  };
}

export default function BureauContracts({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const { list, chips, year, invalid, exportQuery } = loaderData;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="page-title">{t("bureau:drillTitle")}</h1>
        <p className="mt-1 text-slate-700">{t("bureau:drillIntro")}</p>
      </div>
      <section aria-labelledby="filters-h" className="card">
        <h2 id="filters-h" className="text-sm font-semibold text-slate-700">
          {t("bureau:drillFilters")}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {chips.map((c) => (
            <li
              key={c.key}
              className="inline-flex items-center gap-2 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-800"
            >
              <span>
                {t(`bureau:filterLabels.${c.key}`, { defaultValue: c.key })}
                {t("listings:list.colon")}
                {c.label}
              </span>
              <Link
                to={c.removeHref}
                aria-label={`${t("bureau:drillClear")}${t("listings:list.colon")}${t(`bureau:filterLabels.${c.key}`, { defaultValue: c.key })}`}
                className="font-bold no-underline"
              >
                ×
              </Link>
            </li>
          ))}
          {chips.length ? (
            <li>
              <Link to="/bureau/contracts" className="text-sm">
                {t("bureau:drillClear")}
              </Link>
            </li>
          ) : null}
        </ul>
        {year ? (
          <p className="mt-3 text-sm">
            <Link to={`/bureau?year=${year}`}>← {t("bureau:drillBack")}</Link>
          </p>
        ) : null}
      </section>
      {invalid ? <Notice tone="warning">{Object.values(invalid).join(" ")}</Notice> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <dl className="flex flex-wrap gap-6" aria-live="polite">
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:count")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="drill-count" data-value={list.totals.count}>
              {t("bureau:countValue", { n: formatCount(list.totals.count, lang) })}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:contractAmount")}</dt>
            <dd
              className="text-xl font-semibold tabular-nums"
              data-testid="drill-amount"
              data-value={list.totals.contractAmountFen}
            >
              {formatFen(list.totals.contractAmountFen, lang)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("bureau:techAmount")}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              {formatFen(list.totals.techTransactionAmountFen, lang)}
            </dd>
          </div>
        </dl>
        <ExportLinks
          csv={`/api/v1/contracts.csv?${exportQuery}`}
          xlsx={`/api/v1/contracts.xlsx?${exportQuery}`}
          what={t("bureau:drillTitle")}
        />
      </div>
      {list.items.length ? (
        <ContractTable items={list.items} caption={t("bureau:drillTitle")} />
      ) : (
        <p className="card">{t("contracts.empty")}</p>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} />
    </div>
  );
}
