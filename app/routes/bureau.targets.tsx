// /bureau/targets — the year's 技术合同成交额 targets, for the city and optionally per county
// (setTarget, audited), with what each has reached so far.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/bureau.targets";
import { metaTitle } from "../i18n/meta.ts";
import { can } from "../auth/permissions.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { GANZHOU_COUNTIES, regionName } from "../domain/regions.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { targetFormSchema } from "../stats/form-schemas.ts";
import { contractStats, listTargets, setTarget } from "../stats/stats.server.ts";
import { localName } from "../domain/catalog.ts";
import { FormErrorSummary, Notice, SelectField } from "../components/forms.tsx";
import { MoneyField } from "../components/money-field.tsx";
import { orReply, refused } from "../components/form-reply.server.ts";
import { formatPercent } from "../components/contracts/format.ts";
import { yearFrom, yearOptions } from "./bureau+shared/dashboard.server.ts";
import { YearSelect } from "./bureau+shared/nav.tsx";
import { formatDateTime } from "../domain/time.ts";
import { FigureHeads, ScrollRegion } from "../components/scroll-region.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:bureauTargets", "titles:contractStats") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "read:stats:any");
  const year = yearFrom(request);
  const [targets, byCounty] = await Promise.all([listTargets(year), contractStats({ year, groupBy: "sellerRegion" })]);
  const reached = new Map(byCounty.groups.map((g) => [g.key, g.contractAmountFen]));
  return {
    year,
    years: yearOptions(year),
    canEdit: can(user, "update:target:any"),
    items: targets.items.map((t) => {
      const amount = t.regionCode ? (reached.get(t.regionCode) ?? 0) : byCounty.totals.contractAmountFen;
      return { ...t, reachedFen: amount, progress: t.amountFen > 0 ? amount / t.amountFen : null };
    }),
    saved: new URL(request.url).searchParams.get("done") === "saved",
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "update:target:any");
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: targetFormSchema });
  if (submission.status !== "success") return refused(submission);
  const { year, target } = submission.value;
  const r = await orReply(submission, locale, () => setTarget(year, target, user), { amountFen: "amount" });
  if (!r.ok) return r.reply;
  return redirect(`/bureau/targets?year=${year}&done=saved`);
}

export default function Targets({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const { year, years, items, canEdit, saved } = loaderData;
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "target-form",
    lastResult: busy ? null : actionData,
    defaultValue: { year: String(year), regionCode: "", amountUnit: "wan" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const regionOptions = [
    { value: "", label: t("bureau:targetCity") },
    ...Object.entries(GANZHOU_COUNTIES).map(([code, names]) => ({ value: code, label: localName(names, lang) })),
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">
            {t("bureau:targetsTitle")} · {year}
          </h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("bureau:targetsIntro")}</p>
        </div>
        <YearSelect year={year} years={years} />
      </div>
      {saved && !actionData ? <Notice tone="success">{t("bureau:targetSaved")}</Notice> : null}

      <section aria-labelledby="targets-h" className="card">
        <h2 id="targets-h" className="text-lg font-semibold">
          {t("bureau:targetsOfYear", { year })}
        </h2>
        {items.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("bureau:targetsNone")}</p>
        ) : (
          <ScrollRegion label={t("bureau:targetsOfYear", { year })} className="mt-3">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("bureau:targetsOfYear", { year })}</caption>
              <FigureHeads
                columns={[
                  t("bureau:targetRegion"),
                  { label: t("bureau:targetAmount"), numeric: true },
                  { label: t("bureau:targetCurrent"), numeric: true },
                  { label: t("bureau:colProgress"), numeric: true },
                  t("bureau:targetUpdatedAt"),
                ]}
              />
              <tbody>
                {items.map((row) => (
                  <tr key={row.regionCode} className="border-t border-slate-200">
                    <th scope="row" className="p-2 text-left font-normal">
                      {row.regionCode ? regionName(row.regionCode, lang) : t("bureau:targetCity")}
                    </th>
                    <td className="p-2 text-right tabular-nums">{formatFen(row.amountFen, lang)}</td>
                    <td className="p-2 text-right tabular-nums">{formatFen(row.reachedFen, lang)}</td>
                    <td className="p-2 text-right tabular-nums">{formatPercent(row.progress, lang)}</td>
                    <td className="p-2">{formatDateTime(row.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      {canEdit ? (
        <Form
          method="post"
          {...getFormProps(form)}
          className="card max-w-2xl space-y-4"
          aria-labelledby="target-form-h"
        >
          <h2 id="target-form-h" className="text-lg font-semibold">
            {t("bureau:setTarget")}
          </h2>
          <FormErrorSummary id={form.errorId} errors={form.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              field={fields.year}
              label={t("bureau:targetYear")}
              required
              options={years.map((y) => ({ value: String(y), label: String(y) }))}
            />
            <SelectField field={fields.regionCode} label={t("bureau:targetRegion")} options={regionOptions} />
          </div>
          <MoneyField field={fields.amount} unitField={fields.amountUnit} label={t("bureau:targetAmount")} required />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("bureau:targetSave")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
