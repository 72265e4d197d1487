// /subcentre: the staff desk of a sub-centre (分中心工作台) — its dispatched needs with due dates
// and visits, the listings waiting for its delegated review, its affiliated organizations, its
// pipeline of contracts and its figures against its target. Staff of a sub-centre see only their
// own; bureau staff and admins choose one.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { requireUser } from "../auth/session.server.ts";
import { orErrorPage } from "../components/error-page.server.ts";
import { ContractStatusBadge } from "../components/contracts/badges.tsx";
import { CheckboxField, FormErrors, Notice, SelectField, TextArea, TextField } from "../components/forms.tsx";
import { prisma } from "../db/db.server.ts";
import { formatDateTime, formatDay } from "../domain/time.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { subcentreDesk } from "../subcentres/desk.server.ts";
import { deskFormSchema, type DeskFormFields } from "../subcentres/desk-form-schemas.ts";
import { replyFor } from "../components/sent-form.ts";
import { VISIT_OUTCOMES } from "../subcentres/schemas.ts";
import { isSubcentreManager } from "../subcentres/scope.server.ts";
import { subcentreStats } from "../subcentres/stats.server.ts";
import { getSubcentre, listSubcentres } from "../subcentres/subcentres.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/subcentre._index";
import { useLabels } from "./listings+shared/labels.tsx";
import { deskAction, deskPipeline, deskSubcentreId } from "./network+shared/desk.server.ts";
import { Figures, KindLabel } from "./network+shared/subcentre-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const id = await orErrorPage(locale, () => deskSubcentreId(user, url.searchParams.get("id")));
  const desk = await orErrorPage(locale, () => subcentreDesk(id, user));
  const year = currentShanghaiYear();
  const [sc, stats, affiliates, pipeline, all] = await Promise.all([
    getSubcentre(id),
    subcentreStats(id, year),
    prisma.organization.findMany({
      where: { subcentreId: id },
      select: { id: true, name: true, kind: true, verifiedAt: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
    deskPipeline(id),
    isSubcentreManager(user) ? listSubcentres() : null,
  ]);
  const done = url.searchParams.get("done");
  return {
    meta: `${serverT(locale)("network:desk.title")} · ${sc.name}`,
    sc,
    regionNames: regionNamesIn(sc),
    desk,
    stats,
    year,
    affiliates: affiliates.map((o) => ({ id: o.id, name: o.name, kind: o.kind, verified: !!o.verifiedAt })),
    pipeline,
    choices: all?.items.map((s) => ({ id: s.id, name: s.name })) ?? null,
    done: done === "visit" || done === "review" || done === "fieldNeed" ? done : null,
    // staff enter needs for their own sub-centre's companies; the bureau does not act in its name
    canEnterNeeds: !isSubcentreManager(user),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const id = url.searchParams.get("id");
  return deskAction(
    user,
    await request.formData(),
    locale,
    id ? `/subcentre?id=${encodeURIComponent(id)}` : "/subcentre",
  );
}

export default function SubcentreDesk({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const reply = busy ? undefined : (actionData as SubmissionResult<string[]> | undefined);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">
            {t("desk.title")} · {d.sc.name}
          </h1>
          <p className="mt-1 text-sm text-slate-700">
            <KindLabel kind={d.sc.kind} /> · {l.region(d.sc.regionCode)} ·{" "}
            <Link to={`/subcentres/${d.sc.id}`} className="underline">
              {t("desk.publicPage")}
            </Link>
          </p>
        </div>
        {d.choices ? (
          <form method="get" className="flex items-end gap-2">
            <div>
              <label htmlFor="desk-choice" className="block text-sm">
                {t("desk.choose")}
              </label>
              <select id="desk-choice" name="id" defaultValue={d.sc.id} className="input mt-1">
                {d.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {t("desk.show")}
            </button>
          </form>
        ) : null}
      </header>
      {d.done ? <Notice tone="success">{t(`desk.done.${d.done}`)}</Notice> : null}

      <section className="card space-y-3" aria-labelledby="field-needs-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="field-needs-heading" className="text-lg font-semibold">
            {t("fieldNeeds.awaiting", { count: d.desk.awaitingConfirmation.length })}
          </h2>
          {d.canEnterNeeds ? (
            <Link to="/subcentre/needs/new" className="btn-primary no-underline">
              {t("fieldNeeds.enter")}
            </Link>
          ) : null}
        </div>
        {d.desk.awaitingConfirmation.length === 0 ? (
          <p className="text-sm text-slate-700">{t("fieldNeeds.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {d.desk.awaitingConfirmation.map((n) => (
              <li key={n.id} className="py-2">
                <span className="font-medium">{n.title}</span>
                <span className="block text-sm text-slate-700">
                  {n.organization.name} · {t("fieldNeeds.enteredAt", { at: formatDateTime(n.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="text-lg font-semibold">
          {t("figures.title", { year: d.year })}
        </h2>
        <Figures stats={d.stats} />
      </section>

      <section className="card space-y-3" aria-labelledby="dispatch-heading">
        <h2 id="dispatch-heading" className="text-lg font-semibold">
          {t("desk.dispatches", { count: d.desk.dispatches.length })}
        </h2>
        {d.desk.dispatches.length === 0 ? <p className="text-sm">{t("desk.noDispatches")}</p> : null}
        <ul className="space-y-3">
          {d.desk.dispatches.map((x) => (
            <li key={x.id} className="rounded-md border border-slate-200 p-3">
              <p className="flex flex-wrap items-center gap-2">
                <Link to={`/needs/${x.needId}`} className="font-medium underline">
                  {x.need.title}
                </Link>
                <span className="text-sm text-slate-700">{x.need.organization}</span>
                <span
                  className={`badge ${x.status === "done" ? "bg-green-100 text-green-900" : x.overdue ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}
                >
                  {x.status === "done" ? t("desk.closed") : x.overdue ? t("desk.overdue") : t("desk.open")}
                </span>
              </p>
              <p className="text-sm text-slate-700">
                {t("desk.dueAt", { at: formatDay(x.dueAt) })}
                {x.note ? ` · ${x.note}` : ""}
              </p>
              {x.visits.length ? (
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {x.visits.map((v) => (
                    <li key={v.id}>
                      {formatDateTime(v.visitedAt)} · {t(`outcomes.${v.outcome}`)}
                      {v.note ? ` · ${v.note}` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
              {x.status === "open" ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-800">{t("desk.recordVisit")}</summary>
                  <VisitForm dispatchId={x.id} reply={reply} busy={busy} />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="review-heading">
        <h2 id="review-heading" className="text-lg font-semibold">
          {t("desk.review", { count: d.desk.pendingReview.length })}
        </h2>
        {!d.desk.delegatedReview ? (
          <p className="text-sm">{t("desk.notDelegated")}</p>
        ) : d.desk.pendingReview.length === 0 ? (
          <p className="text-sm">{t("desk.noReview")}</p>
        ) : null}
        <ul className="space-y-2">
          {d.desk.pendingReview.map((r) => (
            <li key={`${r.kind}-${r.id}`} className="rounded-md border border-slate-200 p-3">
              <p>
                <span className="badge bg-slate-100 text-slate-800">{t(`desk.kind.${r.kind}`)}</span>{" "}
                <Link to={`/${r.kind === "result" ? "results" : "needs"}/${r.id}`} className="underline">
                  {r.title}
                </Link>{" "}
                <span className="text-sm text-slate-700">{r.organization.name}</span>
              </p>
              <ReviewForm kind={r.kind} listingId={r.id} reply={reply} busy={busy} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading" className="text-lg font-semibold">
          {t("desk.pipeline")}
        </h2>
        {d.pipeline.length === 0 ? <p className="text-sm">{t("desk.noPipeline")}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("desk.pipeline")}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-2">
                  {t("desk.contract")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("desk.parties")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("desk.broker")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("desk.amount")}
                </th>
                <th scope="col" className="py-1">
                  {t("desk.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.pipeline.map((c) => (
                <tr key={c.id} className="border-b border-slate-100">
                  <td className="py-1 pr-2">
                    <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                  </td>
                  <td className="py-1 pr-2">
                    {c.buyer} ⇄ {c.seller}
                  </td>
                  <td className="py-1 pr-2">
                    {c.broker ? <Link to={`/brokers/${c.broker.id}`}>{c.broker.name}</Link> : "—"}
                  </td>
                  <td className="py-1 pr-2 text-right">{l.money(c.contractAmountFen)}</td>
                  <td className="py-1">
                    <ContractStatusBadge status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card space-y-2" aria-labelledby="orgs-heading">
        <h2 id="orgs-heading" className="text-lg font-semibold">
          {t("subcentres.affiliates", { count: d.affiliates.length })}
        </h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {d.affiliates.map((o) => (
            <li key={o.id}>
              <Link to={`/organizations/${o.id}`} className="underline">
                {o.name}
              </Link>{" "}
              <span className="text-slate-600">· {l.orgKind(o.kind)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type DeskReply = SubmissionResult<string[]> | undefined;

/** One of the desk's forms, given the action's reply only when it was this form that was sent. */
function useDeskForm(id: string, reply: DeskReply, sent: DeskFormFields) {
  return useForm<DeskFormFields>({
    id,
    lastResult: replyFor(reply, sent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deskFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

function VisitForm({ dispatchId, reply, busy }: { dispatchId: string; reply: DeskReply; busy: boolean }) {
  const { t } = useTranslation("network");
  const [form, fields] = useDeskForm(`visit-${dispatchId}`, reply, { intent: "visit", dispatchId });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="visit" />
      <input type="hidden" name="dispatchId" value={dispatchId} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.visitedAt} label={t("desk.visitedAt")} type="datetime-local" required />
      <SelectField
        field={fields.outcome}
        label={t("desk.outcome")}
        options={VISIT_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
        required
      />
      <div className="sm:col-span-2">
        <TextArea field={fields.note} label={t("desk.visitNote")} rows={2} maxLength={2000} />
      </div>
      <CheckboxField field={fields.close} label={t("desk.closeDispatch")} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("desk.saveVisit")}
      </button>
    </Form>
  );
}

function ReviewForm({
  kind,
  listingId,
  reply,
  busy,
}: {
  kind: "result" | "need";
  listingId: string;
  reply: DeskReply;
  busy: boolean;
}) {
  const { t } = useTranslation("network");
  const [form, fields] = useDeskForm(`review-${kind}-${listingId}`, reply, { intent: "review", listingId });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="listingId" value={listingId} />
      {/* the decision is the button pressed: its message (a tampered form) shows with the form's */}
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.decision.errors ?? [])]} />
      <div className="flex flex-wrap items-end gap-2">
        <TextField field={fields.reason} label={t("desk.reason")} maxLength={500} className="grow" />
        <button type="submit" name="decision" value="approve" className="btn-primary" disabled={busy}>
          {t("desk.approve")}
        </button>
        <button type="submit" name="decision" value="reject" className="btn-secondary" disabled={busy}>
          {t("desk.reject")}
        </button>
      </div>
    </Form>
  );
}
