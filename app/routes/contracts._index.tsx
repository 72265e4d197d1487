// /contracts — my organization's contracts (seller, buyer or broker); the bureau sees all, with
// filters. The list, its sums and its exports all use listContracts / contractWhere.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/contracts._index";
import { metaTitle } from "../i18n/meta.ts";
import { can } from "../auth/permissions.ts";
import { requireUser } from "../auth/session.server.ts";
import { isStaff, listContracts } from "../contracts/contracts.server.ts";
import { CONTRACT_STATUSES, CONTRACT_STATUS_NAMES, contractListQuerySchema } from "../contracts/schemas.ts";
import { CONTRACT_TYPES, CONTRACT_TYPE_NAMES, localName } from "../domain/catalog.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { ContractTable, ExportLinks } from "../components/contracts/contract-table.tsx";
import { Notice } from "../components/forms.tsx";
import { Pager } from "../components/contracts/pager.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { localFields } from "../components/form-reply.server.ts";
import { zodFields } from "../api/api.server.ts";
import { currentShanghaiYear } from "../domain/time.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:contracts") }];
}

const KEYS = ["status", "year", "type", "q"] as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const key of [...KEYS, "page"]) {
    const v = url.searchParams.get(key);
    if (v) raw[key] = v;
  }
  const parsed = contractListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : { page: 1, pageSize: 20 };
  const list = await orErrorPage(locale, () => listContracts(query, user));
  const exportQuery = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "page"));
  if (locale === "en") exportQuery.set("lang", "en");
  return {
    list,
    raw,
    invalid: parsed.success ? null : localFields(zodFields(parsed.error), locale),
    staff: isStaff(user),
    canCreate: can(user, "create:contract:own") || can(user, "create:contract:any"),
    exportQuery: exportQuery.toString(),
    thisYear: currentShanghaiYear(),
  };
}

export default function Contracts({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const { list, raw, invalid, staff, canCreate, exportQuery, thisYear } = loaderData;
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <section>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("contracts.listTitle")}</h1>
        {canCreate ? (
          <Link to="/contracts/new" className="btn-primary">
            {t("contracts.newContract")}
          </Link>
        ) : null}
      </div>
      <p className="mt-2 text-slate-700">{staff ? t("contracts.listIntroStaff") : t("contracts.listIntroParty")}</p>

      <Form method="get" className="card mt-4 flex flex-wrap items-end gap-3" aria-label={t("common.filter")}>
        <div>
          <label htmlFor="f-status" className="block text-sm">
            {t("contracts.filterStatus")}
          </label>
          <select id="f-status" name="status" defaultValue={raw.status ?? ""} className="input mt-1">
            <option value="">{t("common.all")}</option>
            {CONTRACT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {localName(CONTRACT_STATUS_NAMES[s], lang)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-year" className="block text-sm">
            {t("contracts.filterYear")}
          </label>
          <select id="f-year" name="year" defaultValue={raw.year ?? ""} className="input mt-1">
            <option value="">{t("common.all")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-type" className="block text-sm">
            {t("contracts.filterType")}
          </label>
          <select id="f-type" name="type" defaultValue={raw.type ?? ""} className="input mt-1">
            <option value="">{t("common.all")}</option>
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>
                {localName(CONTRACT_TYPE_NAMES[c], lang)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-q" className="block text-sm">
            {t("contracts.filterQ")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={raw.q ?? ""} maxLength={100} className="input mt-1" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("common.filter")}
        </button>
        <Link to="/contracts" className="text-sm">
          {t("common.reset")}
        </Link>
      </Form>
      {invalid ? (
        <div className="mt-3">
          <Notice tone="warning">{Object.values(invalid).join(" ")}</Notice>
        </div>
      ) : null}

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">
          {t("contracts.sums", {
            count: list.totals.count,
            amount: formatFen(list.totals.contractAmountFen, lang),
            tech: formatFen(list.totals.techTransactionAmountFen, lang),
          })}
        </p>
        <ExportLinks
          csv={`/api/v1/contracts.csv?${exportQuery}`}
          xlsx={`/api/v1/contracts.xlsx?${exportQuery}`}
          what={t("contracts.listTitle")}
        />
      </div>
      {list.items.length === 0 ? (
        <p className="card mt-4">{t("contracts.empty")}</p>
      ) : (
        <div className="mt-3">
          <ContractTable items={list.items} caption={t("contracts.listTitle")} />
        </div>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} />
    </section>
  );
}
