// /review: the bureau's queue. Pending results and needs with approve / reject-with-reason, and
// organizations waiting for verification. Every decision is a POST; nothing changes on GET.
import { Link } from "react-router";
import { requireUserWith } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { listingAction, type ListingActionData } from "../listings/page-actions.server.ts";
import { reviewQueue, type ListingCard } from "../listings/pages.server.ts";
import type { Route } from "./+types/review";
import { useLabels } from "./listings+shared/labels.tsx";
import { ActionOutcome, IntentButton, ReviewForms } from "./listings+shared/review-forms.tsx";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "review:listing:any");
  const t = serverT(localeFromRequest(request, user.locale));
  return { ...(await reviewQueue()), meta: `${t("listings:review.title")} · ${t("siteName")}` };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "review:listing:any");
  return listingAction(user, await request.formData(), localeFromRequest(request, user.locale));
}

function Pending({
  items,
  actionData,
}: {
  items: Array<ListingCard & { submittedAt: string | null }>;
  actionData?: ListingActionData;
}) {
  const l = useLabels();
  const { t } = l;
  if (!items.length) return <p className="text-sm text-slate-700">{t("review.none")}</p>;
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="card space-y-3">
          <div>
            <h3 className="text-base font-semibold">
              <Link to={`/${item.kind === "result" ? "results" : "needs"}/${item.id}`}>{item.title}</Link>
            </h3>
            <p className="text-sm text-slate-700">
              <Link to={`/organizations/${item.organization.id}`} className="underline">
                {item.organization.name}
              </Link>{" "}
              · {l.region(item.organization.regionCode)} · {l.field(item.field)} · {l.money(item.moneyFen)}
              {item.submittedAt ? <> · {t("review.submittedAt", { date: formatDateTime(item.submittedAt) })}</> : null}
            </p>
            <p className="mt-1 text-sm text-slate-800">{item.text}</p>
          </div>
          <ReviewForms kind={item.kind} id={item.id} title={item.title} actionData={actionData} />
        </li>
      ))}
    </ul>
  );
}

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
  const l = useLabels();
  const { t } = l;
  const data = loaderData;
  const ad = actionData as ListingActionData | undefined;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="page-title">{t("review.title")}</h1>
        <p className="mt-1 text-slate-700">{t("review.intro")}</p>
      </header>
      <ActionOutcome actionData={ad} />
      <section aria-labelledby="q-results" className="space-y-3">
        <h2 id="q-results" className="text-xl font-semibold">
          {t("review.pendingResults", { count: data.counts.results })}
        </h2>
        {data.counts.results > data.queueSize ? (
          <p className="text-sm text-slate-700">{t("review.showing", { count: data.queueSize })}</p>
        ) : null}
        <Pending items={data.results} actionData={ad} />
      </section>
      <section aria-labelledby="q-needs" className="space-y-3">
        <h2 id="q-needs" className="text-xl font-semibold">
          {t("review.pendingNeeds", { count: data.counts.needs })}
        </h2>
        {data.counts.needs > data.queueSize ? (
          <p className="text-sm text-slate-700">{t("review.showing", { count: data.queueSize })}</p>
        ) : null}
        <Pending items={data.needs} actionData={ad} />
      </section>
      <section aria-labelledby="q-orgs" className="space-y-3">
        <h2 id="q-orgs" className="text-xl font-semibold">
          {t("review.unverifiedOrgs", { count: data.counts.organizations })}
        </h2>
        {data.organizations.length === 0 ? (
          <p className="text-sm text-slate-700">{t("review.none")}</p>
        ) : (
          <ul className="space-y-3">
            {data.organizations.map((o) => (
              <li key={o.id} className="card flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <h3 className="text-base font-semibold">
                    <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                  </h3>
                  <p className="text-sm text-slate-700">
                    {l.orgKind(o.kind)} · {l.region(o.regionCode)}
                    {o.zone ? ` · ${l.zone(o.zone)}` : ""} · {t("review.members", { count: o.users })}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("review.creditCode")}
                    {l.colon}
                    <span className="font-mono">{o.creditCode}</span>
                  </p>
                </div>
                <IntentButton
                  intent="verify"
                  kind="organization"
                  id={o.id}
                  label={t("review.verify")}
                  srLabel={o.name}
                  tone="primary"
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
