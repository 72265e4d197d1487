// /bureau/subsidies/:programme — one programme's year for the bureau: budget, committed,
// disbursed, remaining; the applications by status, sub-centre and region; the applications with
// approve / reject (note required to reject) and record disbursement, each behind a confirmation
// box; CSV/XLSX export. Through app/subsidies (the API's functions).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/bureau.subsidies.$programme";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { formatFen, formatFenExact } from "../domain/money.ts";
import { currentShanghaiYear, formatDateTime } from "../domain/time.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { regionLabel } from "../domain/regions.server.ts";
import { yearSchema } from "../stats/schemas.ts";
import { replyFor } from "../components/sent-form.ts";
import { CheckboxField, FormErrorSummary, HiddenField, Notice, TextField } from "../components/forms.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { orReply, refused } from "../components/form-reply.server.ts";
import { listApplications } from "../subsidies/applications.server.ts";
import { decideApplication, disburseApplication } from "../subsidies/decisions.server.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../subsidies/schemas.ts";
import { subsidyDecisionFormSchema } from "../subsidies/bureau-form-schemas.ts";
import { programmeSummary } from "../subsidies/summary.server.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:subsidies") }];
}

const DONE = ["approved", "rejected", "disbursed"] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:subsidy:any");
  const locale = localeFromRequest(request, user.locale);
  const url = new URL(request.url);
  const parsed = yearSchema.safeParse(url.searchParams.get("year") || undefined);
  const year = parsed.success && parsed.data ? parsed.data : currentShanghaiYear();
  const statusRaw = url.searchParams.get("status") ?? "";
  const status = (APPLICATION_STATUSES as readonly string[]).includes(statusRaw)
    ? (statusRaw as ApplicationStatus)
    : undefined;
  const code = params.programme;
  const summary = await orErrorPage(locale, () => programmeSummary(code, year, user));
  const { items } = await listApplications({ programme: code, year, status }, user);
  const done = url.searchParams.get("done");
  return {
    summary,
    year,
    status: status ?? "",
    applications: items,
    regions: Object.fromEntries(
      summary.byRegion.map((r) => [r.regionCode ?? "", regionLabel(r.regionCode ?? "", locale)]),
    ),
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:subsidy:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: subsidyDecisionFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  const back = (done: (typeof DONE)[number]) => {
    const q = new URL(request.url).searchParams;
    q.set("done", done);
    return redirect(`/bureau/subsidies/${params.programme}?${q}`);
  };
  if (v.intent === "decide") {
    const body = { decision: v.decision, note: v.note || undefined };
    const r = await orReply(submission, locale, () => decideApplication(v.applicationId, body, user));
    return r.ok ? back(v.decision === "approve" ? "approved" : "rejected") : r.reply;
  }
  const body = { paidAt: v.paidAt, bankReference: v.bankReference };
  const r = await orReply(submission, locale, () => disburseApplication(v.applicationId, body, user));
  return r.ok ? back("disbursed") : r.reply;
}

function Breakdown({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ label: string; count: number; amountFen: number }>;
}) {
  const { t, i18n } = useTranslation("subsidies");
  return (
    <section className="card">
      <h2 className="font-semibold">{title}</h2>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1"></th>
            <th scope="col" className="py-1 text-right">
              {t("bureau.count")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-t border-slate-100">
              <td className="py-1">{r.label}</td>
              <td className="py-1 text-right tabular-nums">{r.count}</td>
              <td className="py-1 text-right tabular-nums">{formatFen(r.amountFen, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Application = Route.ComponentProps["loaderData"]["applications"][number];

/** The reply of the form that was sent: each application's forms show only their own. */
function replyOf(actionData: SubmissionResult | undefined, intent: string, applicationId: string) {
  return replyFor(actionData, { intent, applicationId });
}

function useApplicationForm(a: Application, intent: "decide" | "disburse", reply: SubmissionResult | undefined) {
  const busy = useNavigation().state === "submitting";
  return useForm({
    id: `${intent}-${a.id}`,
    lastResult: busy ? null : replyOf(reply, intent, a.id),
    defaultValue: { intent, applicationId: a.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: subsidyDecisionFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

function DecideForm({ a, reply }: { a: Application; reply: SubmissionResult | undefined }) {
  const { t } = useTranslation("subsidies");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useApplicationForm(a, "decide", reply);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <FormErrorSummary id={form.errorId} errors={[...(form.errors ?? []), ...(fields.decision.errors ?? [])]} />
      <HiddenField field={fields.intent} />
      <HiddenField field={fields.applicationId} />
      <TextField field={fields.note} label={t("bureau.note")} maxLength={1000} className="max-w-md" />
      <CheckboxField field={fields.confirm} value="yes" label={t("bureau.confirmDecision")} required />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="approve" className="btn-primary" disabled={busy}>
          {t("bureau.approve")}
        </button>
        <button type="submit" name="decision" value="reject" className="btn-secondary" disabled={busy}>
          {t("bureau.reject")}
        </button>
      </div>
    </Form>
  );
}

function DisburseForm({ a, reply }: { a: Application; reply: SubmissionResult | undefined }) {
  const { t } = useTranslation("subsidies");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useApplicationForm(a, "disburse", reply);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <HiddenField field={fields.applicationId} />
      <div className="flex flex-wrap gap-3">
        <TextField field={fields.paidAt} type="date" label={t("bureau.paidAt")} required />
        <TextField field={fields.bankReference} label={t("bureau.bankReference")} maxLength={64} required />
      </div>
      <CheckboxField field={fields.confirm} value="yes" label={t("bureau.confirmDisburse")} required />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("bureau.disburse")}
      </button>
    </Form>
  );
}

function ApplicationActions({ a, reply }: { a: Application; reply: SubmissionResult | undefined }) {
  const decidable = a.status === "pending" || a.status === "review_required";
  return (
    <div className="mt-2 space-y-2">
      {decidable ? <DecideForm a={a} reply={reply} /> : null}
      {a.status === "approved" ? <DisburseForm a={a} reply={reply} /> : null}
    </div>
  );
}

export default function BureauProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("subsidies");
  const lang = i18n.language;
  const { summary, year, status, applications, regions, done } = loaderData;
  const reply = actionData as SubmissionResult | undefined;
  const p = summary.programme;
  const exportQuery = `programme=${p.code}&year=${year}${status ? `&status=${status}` : ""}&lang=${lang}`;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to={`/bureau/subsidies?year=${year}`}>← {t("bureau.back")}</Link>
        </p>
        <h1 className="page-title mt-2">{lang.startsWith("en") ? p.name.en : p.name.zh}</h1>
        <p className="mt-1 text-slate-700">
          {p.code} · {year} · {t(`bureau.modes.${p.mode}`)} · {t("bureau.validity")} {p.validFrom} – {p.validUntil}
        </p>
      </div>
      {done && !reply ? <Notice tone="success">{t(`done.${done}`)}</Notice> : null}
      <dl className="card grid grid-cols-2 gap-4 sm:grid-cols-5">
        {(
          [
            ["budget", summary.budgetFen],
            ["committed", summary.committedFen],
            ["disbursed", summary.disbursedFen],
            ["pending", summary.pendingFen],
            ["remaining", summary.remainingFen],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <dt className="text-sm text-slate-600">{t(`bureau.${k}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`summary-${k}`} data-fen={Number(v)}>
              {formatFen(Number(v), lang)}
            </dd>
          </div>
        ))}
      </dl>
      <section className="card">
        <h2 className="font-semibold">{t("bureau.rules")}</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {p.rules.map((r) => (
            <li key={r.role}>
              {t(`roles.${r.role}`)}: {(r.rateBp / 100).toFixed(2)}% · {t("bureau.perContract")}{" "}
              {r.capPerContractFen === null ? t("bureau.noCap") : formatFen(r.capPerContractFen, lang)} ·{" "}
              {t("bureau.perOrgYear")}{" "}
              {r.capPerOrgYearFen === null ? t("bureau.noCap") : formatFen(r.capPerOrgYearFen, lang)}
              {r.minContractFen ? ` · ${t("bureau.minContract")} ${formatFen(r.minContractFen, lang)}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-4 lg:grid-cols-3">
        <Breakdown
          title={t("bureau.byStatus")}
          rows={summary.byStatus.map((r) => ({
            label: t(`statuses.${r.status}`),
            count: r.count,
            amountFen: Number(r.amountFen),
          }))}
        />
        <Breakdown
          title={t("bureau.bySubcentre")}
          rows={summary.bySubcentre.map((r) => ({
            label: r.name ?? t("bureau.noSubcentre"),
            count: r.count,
            amountFen: Number(r.amountFen),
          }))}
        />
        <Breakdown
          title={t("bureau.byRegion")}
          rows={summary.byRegion.map((r) => ({
            label: r.regionCode ? `${r.regionCode} ${regions[r.regionCode] ?? ""}` : "—",
            count: r.count,
            amountFen: Number(r.amountFen),
          }))}
        />
      </div>
      <section className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("bureau.applications")}</h2>
          <Form method="get" className="flex items-end gap-2">
            <input type="hidden" name="year" value={year} />
            <label className="text-sm">
              {t("bureau.filterStatus")}
              <select name="status" defaultValue={status} className="input mt-1 block">
                <option value="">{t("bureau.all")}</option>
                {APPLICATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`statuses.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn-secondary">
              {t("bureau.filter")}
            </button>
          </Form>
          <div className="flex gap-2 text-sm">
            <a href={`/api/v1/subsidies/applications.csv?${exportQuery}`}>{t("bureau.exportCsv")}</a>
            <a href={`/api/v1/subsidies/applications.xlsx?${exportQuery}`}>{t("bureau.exportXlsx")}</a>
          </div>
        </div>
        {applications.length === 0 ? (
          <p className="card text-slate-700">{t("bureau.applicationsNone")}</p>
        ) : (
          <ul className="space-y-3">
            {applications.map((a) => (
              <li key={a.id} className="card" data-testid={`application-${a.id}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="badge bg-slate-100 text-slate-800">{t(`statuses.${a.status}`)}</span>
                  {a.auto ? <span className="badge bg-sky-100 text-sky-900">{t("auto")}</span> : null}
                  <strong className="tabular-nums">{formatFenExact(a.amountFen, lang)}</strong>
                  <span>
                    {a.org?.name} · {t(`roles.${a.role}`)}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {t("bureau.contract")}:{" "}
                  <Link to={`/contracts/${a.contractId}#subsidies`} className="underline">
                    {a.contract?.title}
                  </Link>{" "}
                  {a.contract?.registrationNumber ? (
                    <span className="font-mono">{a.contract.registrationNumber}</span>
                  ) : null}{" "}
                  · {t("basis")} {formatFenExact(a.basisFen, lang)} × {(a.rateBp / 100).toFixed(2)}%
                  {a.cappedBy ? ` · ${t("cappedBy")} ${t(`capped.${a.cappedBy}`)}` : ""} · {t("bureau.appliedAt")}{" "}
                  {formatDateTime(a.createdAt)}
                </p>
                {a.reviewReason ? (
                  <p className="mt-1 text-sm text-orange-900">
                    {t("bureau.reviewReason")}: {a.reviewReason}
                  </p>
                ) : null}
                {a.decisionNote ? (
                  <p className="mt-1 text-sm">
                    {t("bureau.decisionNote")}: {a.decisionNote}
                  </p>
                ) : null}
                {a.disbursedAt ? (
                  <p className="mt-1 text-sm">
                    {t("statuses.disbursed")} {formatDateTime(a.disbursedAt)} · {a.bankReference}
                  </p>
                ) : null}
                <ApplicationActions a={a} reply={reply} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
