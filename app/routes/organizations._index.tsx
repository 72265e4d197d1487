// /organizations: search organizations by name, kind and region. The public sees verified
// organizations; bureau and admin staff can also list those waiting for verification.
import { FilterSelect } from "../components/filter-select.tsx";
import { data } from "react-router";
import { DirectoryPage } from "../components/directory.tsx";
import { Link } from "../components/link.tsx";
import { ApiError, userMessage } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { getUser } from "../auth/session.server.ts";
import { ORG_KINDS } from "../domain/catalog.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { parseOrganizationQuery } from "../organizations/api.server.ts";
import { organizationJson, searchOrganizations } from "../organizations/organizations.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/organizations._index";
import { RegionFilter, useLabels } from "./listings+shared/labels.tsx";
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
          error: userMessage(error, locale),
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
  return (
    <DirectoryPage
      title={t("listTitle")}
      intro={t("listIntro")}
      action={
        d.staff ? (
          <Link to="/organizations/new" className="btn-primary">
            {t("newOrg")}
          </Link>
        ) : null
      }
      formClassName="card grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_14rem_auto_auto] lg:items-end"
      filters={
        <>
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
          <FilterSelect
            id="org-kind"
            name="kind"
            label={t("kind")}
            defaultValue={d.form.kind}
            all={t("anyKind")}
            options={ORG_KINDS.map((k) => ({ value: k, label: l.orgKind(k) }))}
          />
          <RegionFilter
            id="org-region"
            name="regionCode"
            label={t("region")}
            all={l.t("list.anyRegion")}
            defaultValue={d.form.regionCode}
          />
          {d.staff ? (
            <FilterSelect
              id="org-verified"
              name="verified"
              label={t("verification")}
              defaultValue={d.form.verified}
              all={t("anyVerification")}
              options={[
                { value: "1", label: t("verifiedOnly") },
                { value: "0", label: t("unverifiedOnly") },
              ]}
            />
          ) : null}
        </>
      }
      submitLabel={t("search")}
      list={d}
      totalText={t("total", { count: d.total })}
      noneText={t("none")}
    >
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
    </DirectoryPage>
  );
}
