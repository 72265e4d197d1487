// /organizations/:id: the public profile with its published results and needs; bureau and admin
// staff can verify an organization here (POST).
import { Link } from "../components/link.tsx";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions.ts";
import { getUser, requireUserWith } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { listingAction, type ListingActionData } from "../listings/page-actions.server.ts";
import { pageError } from "../listings/pages.server.ts";
import { mayEditOrganization, organizationJson, organizationProfile } from "../organizations/organizations.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/organizations.$id";
import { useLabels } from "./listings+shared/labels.tsx";
import { ActionOutcome, IntentButton } from "./listings+shared/review-forms.tsx";
import { formatDay } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const profile = await organizationProfile(params.id, 12).catch((e) => pageError(e, locale));
  return {
    meta: `${profile.org.name} · ${serverT(locale)("siteName")}`,
    org: organizationJson(profile.org),
    regionNames: regionNamesIn(profile.org),
    canVerify: can(viewer, "verify:organization:any"),
    canEdit: mayEditOrganization(viewer, params.id),
    resultCount: profile.resultCount,
    needCount: profile.needCount,
    results: profile.results,
    needs: profile.needs,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUserWith(request, "verify:organization:any");
  const form = await request.formData();
  form.set("intent", "verify");
  form.set("id", params.id);
  return listingAction(user, form, localeFromRequest(request, user.locale));
}

export default function OrganizationProfile({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("orgs");
  const l = useLabels();
  const o = d.org;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/organizations">← {t("listTitle")}</Link>
      </p>
      <ActionOutcome actionData={actionData as ListingActionData | undefined} />
      <header className="card space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="page-title">{o.name}</h1>
          <span className={`badge ${o.verified ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
            {o.verified ? t("verified") : t("unverified")}
          </span>
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("profile.kind")}</dt>
            <dd>{l.orgKind(o.kind)}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("profile.region")}</dt>
            <dd>{l.region(o.regionCode)}</dd>
          </div>
          {o.zone ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("profile.zone")}</dt>
              <dd>{l.zone(o.zone)}</dd>
            </div>
          ) : null}
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("profile.creditCode")}</dt>
            <dd className="font-mono">{o.creditCode}</dd>
          </div>
          {o.verifiedAt ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("profile.verifiedAt")}</dt>
              <dd>{formatDay(o.verifiedAt)}</dd>
            </div>
          ) : null}
          {o.website ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("profile.website")}</dt>
              <dd>
                <a href={o.website} rel="noopener noreferrer nofollow" className="break-all">
                  {o.website}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
        {o.description ? <p className="whitespace-pre-line text-slate-800">{o.description}</p> : null}
        {d.canEdit ? (
          <p>
            <Link to={`/organizations/${o.id}/edit`} className="btn-secondary px-3 py-1">
              {t("edit.link")}
            </Link>
          </p>
        ) : null}
        {!o.verified ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <p>{t("profile.unverifiedNotice")}</p>
            {d.canVerify ? (
              <div className="mt-2 space-y-2">
                <p>{t("profile.verifyHint")}</p>
                <IntentButton
                  intent="verify"
                  kind="organization"
                  id={o.id}
                  label={t("profile.verify")}
                  tone="primary"
                />
              </div>
            ) : null}
          </div>
        ) : null}
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card" aria-labelledby="org-results">
          <h2 id="org-results" className="text-lg font-semibold">
            {t("profile.results", { count: d.resultCount })}
          </h2>
          {d.results.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t("profile.noResults")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {d.results.map((r) => (
                <li key={r.id} className="py-2">
                  <Link to={`/results/${r.id}`}>{r.title}</Link>
                  <p className="text-xs text-slate-600">
                    {l.field(r.field)} · {l.maturity(r.maturity)} · {l.money(r.priceFen)} · {formatDay(r.publishedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {d.resultCount > d.results.length ? (
            <p className="mt-2 text-sm">
              <Link to={`/results?organizationId=${o.id}`}>{t("profile.more")}</Link>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="org-needs">
          <h2 id="org-needs" className="text-lg font-semibold">
            {t("profile.needs", { count: d.needCount })}
          </h2>
          {d.needs.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t("profile.noNeeds")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {d.needs.map((n) => (
                <li key={n.id} className="py-2">
                  <Link to={`/needs/${n.id}`}>{n.title}</Link>
                  <p className="text-xs text-slate-600">
                    {l.field(n.field)} · {l.money(n.budgetFen)}
                    {n.deadline ? ` · ${l.t("list.deadline", { date: n.deadline })}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {d.needCount > d.needs.length ? (
            <p className="mt-2 text-sm">
              <Link to={`/needs?organizationId=${o.id}`}>{t("profile.more")}</Link>
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}
