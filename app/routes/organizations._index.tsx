// /organizations: search organizations by name, kind and region. The public sees verified
// organizations; bureau and admin staff can also list those waiting for verification.
import { data, Form, useLocation } from "react-router";
import { Link } from "../components/link.tsx";
import { ApiError } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { getUser } from "../auth/session.server.ts";
import { ORG_KINDS } from "../domain/catalog.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { parseOrganizationQuery } from "../organizations/api.server.ts";
import { organizationJson, searchOrganizations } from "../organizations/organizations.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/organizations._index";
import { RegionOptions, useLabels } from "./listings+shared/labels.tsx";
import { Pagination } from "./listings+shared/pagination.tsx";
import { useTranslation } from "react-i18next";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

const PAGE_SIZE = 24;

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const t = serverT(locale);
  const url = new URL(request.url);
  const staff = can(viewer, "verify:organization:any");
  const form = {
    q: url.searchParams.get("q") ?? "",
    kind: url.searchParams.get("kind") ?? "",
    regionCode: url.searchParams.get("regionCode") ?? "",
    verified: staff ? (url.searchParams.get("verified") ?? "") : "1",
  };
  const meta = `${t("orgs:listTitle")} · ${t("siteName")}`;
  try {
    const params = new URLSearchParams(url.searchParams);
    if (!staff) params.set("verified", "1");
    if (!params.get("pageSize")) params.set("pageSize", String(PAGE_SIZE));
    const search = parseOrganizationQuery(params);
    const { rows, total, page, pageSize } = await searchOrganizations(search);
    return {
      meta,
      staff,
      form,
      error: null as string | null,
      items: rows.map((r) => ({ ...organizationJson(r), results: r._count.results, needs: r._count.needs })),
      regionNames: regionNamesIn(rows),
      total,
      page,
      pages: Math.max(1, Math.ceil(total / pageSize)),
    };
  } catch (error) {
    if (error instanceof ApiError) {
      return data(
        {
          meta,
          staff,
          form,
          error: pickMessage(error.message, locale),
          items: [],
          regionNames: {},
          total: 0,
          page: 1,
          pages: 1,
        },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function Organizations({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("orgs");
  const l = useLabels();
  const location = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{t("listTitle")}</h1>
          <p className="mt-1 text-slate-700">{t("listIntro")}</p>
        </div>
        {d.staff ? (
          <Link to="/organizations/new" className="btn-primary">
            {t("newOrg")}
          </Link>
        ) : null}
      </header>
      <Form
        method="get"
        role="search"
        className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_14rem_auto_auto] lg:items-end"
      >
        <div>
          <label htmlFor="org-q" className="block text-sm">
            {t("q")}
          </label>
          <input
            id="org-q"
            name="q"
            type="search"
            defaultValue={d.form.q}
            placeholder={t("qPlaceholder")}
            maxLength={100}
            className="input mt-1"
          />
        </div>
        <div>
          <label htmlFor="org-kind" className="block text-sm">
            {t("kind")}
          </label>
          <select id="org-kind" name="kind" defaultValue={d.form.kind} className="input mt-1">
            <option value="">{t("anyKind")}</option>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {l.orgKind(k)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="org-region" className="block text-sm">
            {t("region")}
          </label>
          <select id="org-region" name="regionCode" defaultValue={d.form.regionCode} className="input mt-1">
            <option value="">{l.t("list.anyRegion")}</option>
            <RegionOptions />
          </select>
        </div>
        {d.staff ? (
          <div>
            <label htmlFor="org-verified" className="block text-sm">
              {t("verification")}
            </label>
            <select id="org-verified" name="verified" defaultValue={d.form.verified} className="input mt-1">
              <option value="">{t("anyVerification")}</option>
              <option value="1">{t("verifiedOnly")}</option>
              <option value="0">{t("unverifiedOnly")}</option>
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn-primary">
          {t("search")}
        </button>
      </Form>
      {d.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {d.error}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-700">
          {t("total", { count: d.total })}
        </p>
      )}
      {d.items.length === 0 && !d.error ? <p className="card">{t("none")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {d.items.map((o) => (
          <li key={o.id} className="card flex flex-col gap-1">
            <h2 className="text-base font-semibold">
              <Link to={`/organizations/${o.id}`}>{o.name}</Link>
            </h2>
            <p className="text-sm text-slate-700">
              {l.orgKind(o.kind)} · {l.region(o.regionCode)}
              {o.zone ? ` · ${l.zone(o.zone)}` : ""}
            </p>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className={`badge ${o.verified ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
                {o.verified ? t("verified") : t("unverified")}
              </span>
              <span className="text-slate-700">{t("counts", { results: o.results, needs: o.needs })}</span>
            </p>
          </li>
        ))}
      </ul>
      <Pagination page={d.page} pages={d.pages} search={location.search} />
    </div>
  );
}
