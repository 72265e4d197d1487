// The pieces of /review: the filter form (GET, the state lives in the URL), the list of pending
// items with their age and one decision panel each (<details name=…>: opening one closes the
// others, with or without JavaScript), the bulk approval's confirmation and outcome, and the
// organizations waiting for verification.
import { FilterSelect } from "../../components/filter-select.tsx";
import { useEffect, useRef } from "react";
import { Form, useLocation } from "react-router";
import { Link } from "../../components/link.tsx";
import { FIELDS } from "../../domain/catalog.ts";
import { formatDateTime } from "../../domain/time.ts";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import type { QueueItem } from "../../listings/review-queue.server.ts";
import { QUEUE_AGES, QUEUE_SORTS, type BulkActionData, type QueueQuery } from "../../listings/review-queue.ts";
import { useLabels } from "../listings+shared/labels.tsx";
import { IntentButton } from "../listings+shared/review-forms.tsx";
import { ReviewForms } from "../listings+shared/review-decision-form.tsx";

const BULK_FORM = "bulk-approve";

export function QueueFilters({
  query,
  organizations,
}: {
  query: QueueQuery;
  organizations: Array<{ id: string; name: string; count: number }>;
}) {
  const l = useLabels();
  const { t } = l;
  const filtered = !!(query.q || query.kind || query.field || query.organizationId || query.minAgeDays);
  return (
    <Form
      method="get"
      role="search"
      aria-label={t("review.filters")}
      className="card grid grid-cols-2 gap-3 lg:grid-cols-6"
    >
      <div className="col-span-2">
        <label htmlFor="rq-q" className="block text-sm">
          {t("review.q")}
        </label>
        <input id="rq-q" name="q" type="search" defaultValue={query.q} maxLength={100} className="input mt-1" />
      </div>
      <FilterSelect
        id="rq-kind"
        name="kind"
        label={t("review.kind")}
        defaultValue={query.kind}
        all={t("review.kindAll")}
        options={[
          { value: "result", label: t("review.kindResult") },
          { value: "need", label: t("review.kindNeed") },
        ]}
      />
      <FilterSelect
        id="rq-field"
        name="field"
        label={t("review.field")}
        defaultValue={query.field}
        all={t("review.fieldAll")}
        options={FIELDS.map((f) => ({ value: f, label: l.field(f) }))}
      />
      <FilterSelect
        id="rq-age"
        name="age"
        label={t("review.age")}
        defaultValue={query.minAgeDays || ""}
        all={t("review.ageAll")}
        options={QUEUE_AGES.map((a) => ({ value: a, label: t("review.ageAtLeast", { count: a }) }))}
      />
      <FilterSelect
        id="rq-sort"
        name="sort"
        label={t("review.sort")}
        defaultValue={query.sort}
        options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`review.sorts.${s}`) }))}
      />
      <FilterSelect
        id="rq-org"
        name="org"
        label={t("review.organization")}
        defaultValue={query.organizationId}
        all={t("review.organizationAll")}
        options={organizations.map((o) => ({
          value: o.id,
          label: t("review.organizationOption", { name: o.name, count: o.count }),
        }))}
        className="col-span-2 lg:col-span-3"
      />
      <div className="col-span-2 flex flex-wrap items-end gap-2 lg:col-span-3">
        <button type="submit" className="btn-primary">
          {t("review.apply")}
        </button>
        {filtered ? (
          <Link to="/review" className="btn-secondary">
            {t("review.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

type Item = QueueItem & { ageDays: number };

export function QueueList({
  items,
  total,
  actionData,
}: {
  items: Item[];
  total: number;
  actionData?: ListingActionData;
}) {
  const l = useLabels();
  const { t } = l;
  if (!items.length)
    return <p className="card text-slate-700">{total ? t("review.none") : t("review.noneMatching")}</p>;
  return (
    <>
      <Form
        method="post"
        id={BULK_FORM}
        className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white p-3"
      >
        <input type="hidden" name="intent" value="bulk-preview" />
        <button type="submit" className="btn-secondary">
          {t("review.bulkApprove")}
        </button>
        <p className="min-w-0 flex-1 text-xs text-slate-700">{t("review.bulkHint")}</p>
      </Form>
      <ul className="space-y-3" data-testid="review-queue">
        {items.map((item) => {
          const href = `/${item.kind === "result" ? "results" : "needs"}/${item.id}`;
          const mine = actionData?.id === item.id && !!actionData.submission && !actionData.done;
          return (
            <li key={`${item.kind}:${item.id}`} className="card flex gap-3" data-testid="review-item">
              <input
                type="checkbox"
                name="item"
                value={`${item.kind}:${item.id}`}
                form={BULK_FORM}
                aria-label={`${t("review.select")} ${item.title}`}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <div className="min-w-0 flex-1 space-y-2">
                <p className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="badge bg-slate-100 text-slate-800">{t(`kind.${item.kind}`)}</span>
                  <span
                    className={`badge ${item.ageDays >= 7 ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-800"}`}
                    data-testid="review-age"
                  >
                    {item.ageDays ? t("review.waited", { count: item.ageDays }) : t("review.waitedToday")}
                  </span>
                </p>
                <h3 className="text-base font-semibold break-words">
                  <Link to={href} data-user-content>
                    {item.title}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700 break-words">
                  <Link to={`/organizations/${item.organization.id}`} className="underline" data-user-content>
                    {item.organization.name}
                  </Link>{" "}
                  · {l.region(item.organization.regionCode)} · {l.field(item.field)} · {l.money(item.moneyFen)}
                  {item.submittedAt ? (
                    <> · {t("review.submittedAt", { date: formatDateTime(item.submittedAt) })}</>
                  ) : null}
                </p>
                <p className="text-sm text-slate-800 break-words" data-user-content>
                  {item.text}
                </p>
                <details name="review-decision" open={mine || undefined} className="group">
                  <summary className="btn-secondary w-fit list-none">
                    {t("review.decide")}
                    <span className="sr-only"> {item.title}</span>
                  </summary>
                  <div className="mt-3 rounded-md border border-slate-200 p-3">
                    <ReviewForms kind={item.kind} id={item.id} title={item.title} actionData={actionData} />
                  </div>
                </details>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The confirmation before a bulk approval, and its outcome: kept in view while scrolling. */
export function BulkPanel({ bulk }: { bulk?: BulkActionData }) {
  const { t } = useLabels();
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (bulk) ref.current?.focus();
  }, [bulk]);
  if (!bulk) return null;
  const frame = "sticky top-2 z-10 rounded-md border p-3 text-sm shadow-md";
  if (bulk.error !== undefined) {
    return (
      <div ref={ref} tabIndex={-1} role="alert" className={`${frame} border-red-300 bg-red-50 text-red-900`}>
        {bulk.error}
      </div>
    );
  }
  if (bulk.intent === "bulk-preview" && "items" in bulk) {
    return (
      <section
        ref={ref}
        tabIndex={-1}
        aria-labelledby="bulk-confirm-h"
        className={`${frame} border-amber-300 bg-amber-50 text-amber-950`}
        data-testid="bulk-confirm"
      >
        <h2 id="bulk-confirm-h" className="text-base font-semibold">
          {t("review.bulkConfirmTitle", { count: bulk.items.length })}
        </h2>
        <p className="mt-1">{t("review.bulkConfirmBody")}</p>
        <ul className="mt-2 max-h-48 list-disc overflow-y-auto pl-5">
          {bulk.items.map((i) => (
            <li key={i.ref} className="break-words">
              {i.title}
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-3 flex flex-wrap gap-2">
          <input type="hidden" name="intent" value="bulk-approve" />
          {bulk.items.map((i) => (
            <input key={i.ref} type="hidden" name="item" value={i.ref} />
          ))}
          <button type="submit" className="btn-primary">
            {t("review.bulkConfirm", { count: bulk.items.length })}
          </button>
          <Link to={`${location.pathname}${location.search}`} className="btn-secondary">
            {t("review.bulkCancel")}
          </Link>
        </Form>
      </section>
    );
  }
  if ("outcomes" in bulk) {
    const ok = bulk.outcomes.filter((o) => o.ok);
    const failed = bulk.outcomes.filter((o) => !o.ok);
    return (
      <div
        ref={ref}
        tabIndex={-1}
        role={failed.length ? "alert" : "status"}
        className={`${frame} ${failed.length ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
        data-testid="bulk-outcome"
      >
        <p>{t("review.bulkDone", { count: ok.length })}</p>
        {failed.length ? (
          <>
            <p className="mt-1 font-medium">{t("review.bulkFailed", { count: failed.length })}</p>
            <ul className="mt-1 list-disc pl-5">
              {failed.map((f) => (
                <li key={`${f.kind}:${f.id}`} className="break-words">
                  {f.title}: {f.error}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
  return null;
}

type Org = {
  id: string;
  name: string;
  kind: string;
  creditCode: string;
  regionCode: string;
  zone: string | null;
  users: number;
};

export function OrganizationsToVerify({ items, count }: { items: Org[]; count: number }) {
  const l = useLabels();
  const { t } = l;
  return (
    <section aria-labelledby="q-orgs" className="space-y-3">
      <h2 id="q-orgs" className="text-xl font-semibold">
        {t("review.unverifiedOrgs", { count })}
      </h2>
      {count > items.length ? (
        <p className="text-sm text-slate-700">{t("review.showing", { count: items.length })}</p>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-700">{t("review.none")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((o) => (
            <li key={o.id} className="card flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <h3 className="text-base font-semibold break-words">
                  <Link to={`/organizations/${o.id}`} data-user-content>
                    {o.name}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  {l.orgKind(o.kind)} · {l.region(o.regionCode)}
                  {o.zone ? ` · ${l.zone(o.zone)}` : ""} · {t("review.members", { count: o.users })}
                </p>
                <p className="text-sm text-slate-700">
                  {t("review.creditCode")}
                  {l.colon}
                  <span className="font-mono break-all">{o.creditCode}</span>
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
  );
}
