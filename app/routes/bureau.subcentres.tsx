// /bureau/subcentres — the city centre's view of its sub-centres: each one's figures against its
// target, delegated review on or off, dispatching a need to a sub-centre with a due date, and the
// annual 100-point scorecard with its ranking (computed where the data exists, entered by the
// bureau with a note where it does not).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { requireUserWith } from "../auth/session.server.ts";
import { allErrors, replyFor } from "../components/sent-form.ts";
import { FormErrors, FormErrorSummary, HiddenField, Notice, SelectField, TextField } from "../components/forms.tsx";
import { MoneyField } from "../components/money-field.tsx";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { SCORE_CATEGORIES, SCORE_MAX } from "../subcentres/schemas.ts";
import { bureauSubcentreFormSchema } from "../subcentres/form-schemas.ts";
import { pickMessage } from "../i18n/i18n.ts";
import { scorecard } from "../subcentres/stats.server.ts";
import type { Route } from "./+types/bureau.subcentres";
import { yearFrom, yearOptions } from "./bureau+shared/dashboard.server.ts";
import { YearSelect } from "./bureau+shared/nav.tsx";
import {
  bureauSubcentreAction,
  dispatchableNeeds,
  subcentreOverview,
} from "./network+shared/bureau-subcentres.server.ts";
import { ListingPicker } from "../components/org-picker.tsx";
import { FigureHeads, ScrollRegion } from "../components/scroll-region.tsx";
import { KindLabel } from "./network+shared/subcentre-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

const DONE = ["dispatched", "scored", "target", "delegated"] as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:subcentre:any");
  const t = serverT(localeFromRequest(request, user.locale));
  const year = yearFrom(request);
  const [items, card, needs] = await Promise.all([subcentreOverview(year), scorecard(year), dispatchableNeeds()]);
  const done = new URL(request.url).searchParams.get("done");
  return {
    meta: `${t("network:bureau.title")} · ${t("siteName")}`,
    year,
    years: yearOptions(year),
    items,
    card: card.items,
    needs,
    done: (DONE as readonly string[]).includes(done ?? "") ? done : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:subcentre:any");
  const locale = localeFromRequest(request, user.locale);
  return bureauSubcentreAction(user, await request.formData(), locale, yearFrom(request));
}

const pct = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toFixed(1)}%`);

type Intent = "dispatch" | "score" | "target";

/** One of the page's forms, with the action's reply only when that form was the one sent. */
function useIntentForm(intent: Intent, reply: SubmissionResult | undefined) {
  const busy = useNavigation().state !== "idle";
  return useForm({
    id: `${intent}-form`,
    lastResult: busy ? null : replyFor(reply, { intent }),
    defaultValue: { intent, amountUnit: "wan" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bureauSubcentreFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

export default function BureauSubcentres({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("network");
  const lang = i18n.language;
  const reply = actionData as SubmissionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const [dispatchForm, dispatchFields] = useIntentForm("dispatch", reply);
  const [targetForm, targetFields] = useIntentForm("target", reply);
  const [scoreForm, scoreFields] = useIntentForm("score", reply);
  const delegateErrors = allErrors(replyFor(reply, { intent: "delegate" })) ?? [];
  const err = (f: { errors?: string[] }) => (f.errors?.length ? pickMessage(f.errors[0], lang) : undefined);
  const choices = d.items.map((s) => ({ value: s.id, label: s.name }));
  const fieldChoices = d.items.filter((s) => s.kind !== "city_centre").map((s) => ({ value: s.id, label: s.name }));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">
            {t("bureau.title")} · {d.year}
          </h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("bureau.intro")}</p>
        </div>
        <YearSelect year={d.year} years={d.years} />
      </div>
      {d.done && !reply ? <Notice tone="success">{t(`bureau.done.${d.done}`)}</Notice> : null}
      <FormErrors errors={delegateErrors} />

      <section aria-labelledby="list-h" className="card">
        <h2 id="list-h" className="text-lg font-semibold">
          {t("bureau.listTitle")}
        </h2>
        <ScrollRegion label={t("bureau.listTitle")} className="mt-3">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("bureau.listTitle")}</caption>
            <FigureHeads
              columns={[
                t("bureau.colName"),
                { label: t("figures.registeredContracts"), numeric: true },
                { label: t("figures.registeredAmount"), numeric: true },
                { label: t("figures.shareOfCity"), numeric: true },
                { label: t("bureau.colTarget"), numeric: true },
                t("bureau.colReview"),
              ]}
            />
            <tbody>
              {d.items.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal">
                    <Link to={`/subcentre?id=${s.id}`}>{s.name}</Link>
                    <span className="block text-xs text-slate-600">
                      <KindLabel kind={s.kind} />
                    </span>
                  </th>
                  <td className="p-2 text-right tabular-nums">{s.stats.registeredContracts}</td>
                  <td className="p-2 text-right tabular-nums">{formatFen(s.stats.registeredAmountFen, lang)}</td>
                  <td className="p-2 text-right tabular-nums">{pct(s.stats.shareOfCityBp)}</td>
                  <td className="p-2 text-right tabular-nums">
                    {s.stats.target
                      ? `${formatFen(s.stats.target.amountFen, lang)} · ${pct(s.stats.target.progressBp)}`
                      : "—"}
                  </td>
                  <td className="p-2">
                    <Form method="post">
                      <input type="hidden" name="intent" value="delegate" />
                      <input type="hidden" name="subcentreId" value={s.id} />
                      <input type="hidden" name="delegatedReview" value={s.delegatedReview ? "false" : "true"} />
                      <button
                        type="submit"
                        className="btn-secondary text-xs"
                        disabled={busy}
                        aria-label={`${s.delegatedReview ? t("bureau.undelegate") : t("bureau.delegate")} · ${s.name}`}
                      >
                        {s.delegatedReview ? t("bureau.undelegate") : t("bureau.delegate")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Form method="post" {...getFormProps(dispatchForm)} className="card space-y-3" aria-labelledby="dispatch-h">
          <h2 id="dispatch-h" className="text-lg font-semibold">
            {t("bureau.dispatchTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("bureau.dispatchIntro")}</p>
          <FormErrorSummary id={dispatchForm.errorId} errors={dispatchForm.errors} />
          <HiddenField field={dispatchFields.intent} />
          <ListingPicker
            name={dispatchFields.needId.name}
            label={t("bureau.need")}
            options={d.needs}
            error={err(dispatchFields.needId)}
            required
          />
          <SelectField
            field={dispatchFields.subcentreId}
            label={t("bureau.subcentre")}
            options={fieldChoices}
            placeholder={t("bureau.choose")}
            required
          />
          <TextField field={dispatchFields.dueDate} type="date" label={t("bureau.dueDate")} required />
          <TextField field={dispatchFields.note} label={t("bureau.note")} maxLength={2000} />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("bureau.dispatch")}
          </button>
        </Form>

        <Form method="post" {...getFormProps(targetForm)} className="card space-y-3" aria-labelledby="target-h">
          <h2 id="target-h" className="text-lg font-semibold">
            {t("bureau.targetTitle", { year: d.year })}
          </h2>
          <FormErrorSummary id={targetForm.errorId} errors={targetForm.errors} />
          <HiddenField field={targetFields.intent} />
          <SelectField
            field={targetFields.subcentreId}
            label={t("bureau.subcentre")}
            options={choices}
            placeholder={t("bureau.choose")}
            required
          />
          <MoneyField
            field={targetFields.amount}
            unitField={targetFields.amountUnit}
            label={t("bureau.targetAmount")}
            required
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("bureau.saveTarget")}
          </button>
        </Form>
      </div>

      <section aria-labelledby="score-h" className="card space-y-3">
        <h2 id="score-h" className="text-lg font-semibold">
          {t("bureau.scorecardTitle", { year: d.year })}
        </h2>
        <p className="text-sm text-slate-700">{t("bureau.scorecardIntro")}</p>
        <ScrollRegion label={t("bureau.scorecardTitle", { year: d.year })}>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("bureau.scorecardTitle", { year: d.year })}</caption>
            <FigureHeads
              columns={[
                t("bureau.rank"),
                t("bureau.colName"),
                ...SCORE_CATEGORIES.map((c) => ({
                  label: `${t(`score.${c}`)} (${SCORE_MAX[c]})`,
                  numeric: true as const,
                })),
                { label: t("bureau.total"), numeric: true },
              ]}
            />
            <tbody>
              {d.card.map((row) => (
                <tr key={row.subcentreId} className="border-t border-slate-200">
                  <td className="p-2 tabular-nums">{row.rank}</td>
                  <th scope="row" className="p-2 text-left font-normal">
                    {row.name}
                  </th>
                  {SCORE_CATEGORIES.map((c) => {
                    const cell = row.categories[c];
                    return (
                      <td key={c} className="p-2 text-right tabular-nums" title={cell.note ?? undefined}>
                        {cell.points}
                        <span className="block text-xs text-slate-600">
                          {t(`score.source.${cell.source}`, { defaultValue: cell.source })}
                        </span>
                        {cell.note ? <span className="block text-xs text-slate-600">{cell.note}</span> : null}
                      </td>
                    );
                  })}
                  <td className="p-2 text-right font-semibold tabular-nums">{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <Form
          method="post"
          {...getFormProps(scoreForm)}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-start"
          aria-labelledby="score-h"
        >
          <div className="sm:col-span-2 lg:col-span-4">
            <FormErrorSummary id={scoreForm.errorId} errors={scoreForm.errors} />
          </div>
          <HiddenField field={scoreFields.intent} />
          <SelectField
            field={scoreFields.subcentreId}
            label={t("bureau.subcentre")}
            options={fieldChoices}
            placeholder={t("bureau.choose")}
            required
          />
          <SelectField
            field={scoreFields.category}
            label={t("bureau.category")}
            options={SCORE_CATEGORIES.map((c) => ({ value: c, label: `${t(`score.${c}`)} (≤ ${SCORE_MAX[c]})` }))}
            placeholder={t("bureau.choose")}
            required
          />
          <TextField field={scoreFields.points} type="number" min={0} max={30} label={t("bureau.points")} required />
          <TextField field={scoreFields.note} label={t("bureau.scoreNote")} maxLength={1000} required />
          <button type="submit" className="btn-primary self-end" disabled={busy}>
            {t("bureau.saveScore")}
          </button>
        </Form>
      </section>
    </div>
  );
}
