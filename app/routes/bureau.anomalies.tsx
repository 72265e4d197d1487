// /bureau/anomalies — anomaly flags for the bureau's review (related parties, split deals,
// year-end spikes, amount outliers): list, resolve with a conclusion, re-check a year.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { FilterSelect } from "../components/filter-select.tsx";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/bureau.anomalies";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { scanAnomalies } from "../contracts/anomalies.server.ts";
import { listAnomalies, resolveAnomaly } from "../contracts/anomaly-review.server.ts";
import { ANOMALY_KINDS, anomalyFormSchema, type AnomalyKind } from "../contracts/anomaly-schemas.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { yearSchema } from "../stats/schemas.ts";
import { ContractStatusBadge } from "../components/contracts/badges.tsx";
import { replyFor } from "../components/sent-form.ts";
import { FormErrors, FormErrorSummary, HiddenField, Notice, TextArea } from "../components/forms.tsx";
import { orReply, refused } from "../components/form-reply.server.ts";
import { Pager } from "../components/contracts/pager.tsx";
import { flagExplanation } from "./contracts+shared/contract-actions.tsx";
import { yearOptions } from "./bureau+shared/dashboard.server.ts";
import { currentShanghaiYear, formatDateTime } from "../domain/time.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauAnomalies", "titles:contractStats") }];
}

const STATES = ["open", "resolved", "all"] as const;

export async function loader({ request }: Route.LoaderArgs) {
  await requireUserWith(request, "review:contract:any");
  const url = new URL(request.url);
  const status = (STATES as readonly string[]).includes(url.searchParams.get("status") ?? "")
    ? (url.searchParams.get("status") as (typeof STATES)[number])
    : "open";
  const kindRaw = url.searchParams.get("kind") ?? "";
  const kind = (ANOMALY_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as AnomalyKind) : undefined;
  const yearParsed = yearSchema.safeParse(url.searchParams.get("year") || undefined);
  const year = yearParsed.success ? yearParsed.data : undefined;
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get("page")) || 1));
  const list = await listAnomalies({ status, kind, year, page, pageSize: 20 });
  const scan = url.searchParams.get("scanned");
  return {
    list,
    filters: { status, kind: kind ?? "", year: year ? String(year) : "" },
    kinds: [...ANOMALY_KINDS],
    years: yearOptions(currentShanghaiYear()),
    thisYear: year ?? currentShanghaiYear(),
    resolved: url.searchParams.get("done") === "resolved",
    scanned: scan ? scan.split(",").map(Number) : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "review:contract:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: anomalyFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  if (v.intent === "rescan") {
    const f = (await scanAnomalies(v.year)).flagged;
    return redirect(
      `/bureau/anomalies?year=${v.year}&status=all&scanned=${[f.related_parties, f.split_deal, f.year_end_spike, f.amount_outlier].join(",")}`,
    );
  }
  const r = await orReply(submission, locale, () => resolveAnomaly(v.flagId, v.resolution, user));
  if (!r.ok) return r.reply;
  const params = new URLSearchParams(new URL(request.url).search);
  params.set("done", "resolved");
  return redirect(`/bureau/anomalies?${params}`);
}

/** The reply of the form that was sent: each flag's form shows only its own. */
function replyOf(actionData: SubmissionResult | undefined, intent: string, flagId?: string) {
  return replyFor(actionData, { intent, flagId: flagId || undefined });
}

function ResolveFlag({ flagId, lastResult }: { flagId: string; lastResult: SubmissionResult | null | undefined }) {
  const { t } = useTranslation("contracts");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `resolve-${flagId}`,
    lastResult: busy ? null : lastResult,
    defaultValue: { intent: "resolveFlag", flagId },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: anomalyFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
      <FormErrorSummary id={form.errorId} errors={form.errors} />
      <HiddenField field={fields.intent} />
      <HiddenField field={fields.flagId} />
      <TextArea field={fields.resolution} label={t("contract.resolution")} required maxLength={2000} rows={2} />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("contract.resolve")}
      </button>
    </Form>
  );
}

export default function Anomalies({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const { list, filters, kinds, years, thisYear, resolved, scanned } = loaderData;
  const reply = actionData as SubmissionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const rescanReply = replyOf(reply, "rescan");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("bureau:anomaliesTitle")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:anomaliesIntro")}</p>
      </div>
      <FormErrors id="anomaly-error" errors={Object.values(rescanReply?.error ?? {}).flatMap((e) => e ?? [])} />
      {resolved && !reply ? <Notice tone="success">{t("bureau:resolved")}</Notice> : null}
      {scanned ? (
        <Notice tone="success">
          {t("bureau:rescanDone", { related: scanned[0], split: scanned[1], spike: scanned[2], outlier: scanned[3] })}
        </Notice>
      ) : null}

      <div className="flex flex-wrap items-end justify-between gap-4">
        <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("common.filter")}>
          <FilterSelect
            id="a-status"
            name="status"
            label={t("bureau:anomaliesStatus")}
            defaultValue={filters.status}
            options={[
              { value: "open", label: t("bureau:anomaliesOpen") },
              { value: "resolved", label: t("bureau:anomaliesResolved") },
              { value: "all", label: t("bureau:anomaliesAll") },
            ]}
          />
          <FilterSelect
            id="a-kind"
            name="kind"
            label={t("bureau:anomaliesKind")}
            defaultValue={filters.kind}
            all={t("common.all")}
            options={kinds.map((k) => ({ value: k, label: t(`bureau:anomalyKinds.${k}`) }))}
          />
          <FilterSelect
            id="a-year"
            name="year"
            label={t("bureau:anomaliesYear")}
            defaultValue={filters.year}
            all={t("common.all")}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
          <button type="submit" className="btn-secondary">
            {t("common.filter")}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="rescan" />
          <input type="hidden" name="year" value={thisYear} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("bureau:rescan", { year: thisYear })}
          </button>
        </Form>
      </div>

      {list.items.length === 0 ? (
        <p className="card text-slate-700">{t("bureau:anomaliesNone")}</p>
      ) : (
        <ul className="space-y-4">
          {list.items.map((f) => (
            <li key={f.id} className="card">
              <div className="flex flex-wrap items-center gap-2">
                <span className="badge bg-amber-100 text-amber-900">
                  {t(`bureau:anomalyKinds.${f.kind}`, { defaultValue: f.kind })}
                </span>
                <Link to={`/contracts/${f.contract.id}`} className="font-medium">
                  {f.contract.title}
                </Link>
                <ContractStatusBadge status={f.contract.status} />
                {f.contract.registrationNumber ? (
                  <span className="font-mono text-sm text-slate-700">{f.contract.registrationNumber}</span>
                ) : null}
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {f.contract.seller.name} → {f.contract.buyer.name} · {t("bureau:colAmount")}{" "}
                {formatFen(f.contract.contractAmountFen, lang)} · {t("bureau:anomaliesFound")}{" "}
                {formatDateTime(f.createdAt)}
              </p>
              {flagExplanation(f.detail, lang).map((line) => (
                <p key={line} className="mt-1 text-sm">
                  {line}
                </p>
              ))}
              {f.resolvedAt ? (
                <p className="mt-2 text-sm text-green-900">
                  {t("contract.flagResolvedAt", { resolution: f.resolution ?? "", at: formatDateTime(f.resolvedAt) })}
                </p>
              ) : (
                <ResolveFlag flagId={f.id} lastResult={replyOf(reply, "resolveFlag", f.id)} />
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} />
    </div>
  );
}
