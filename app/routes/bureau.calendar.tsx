// /bureau/calendar — the working-day calendar behind trading deadlines (the winner confirms within
// 5 working days): market staff list a year's public holidays and the weekend days worked instead
// (调休), or remove an entry. Weekdays are working days and weekends are not unless listed here
// (app/auctions/calendar.server.ts). Every change is audited there.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/bureau.calendar";
import { Link } from "../components/link.tsx";
import { listCalendar, removeCalendarDay, setCalendarDay, workingDeadline } from "../auctions/calendar.server.ts";
import { calendarFormSchema, type CalendarFormFields } from "../auctions/calendar-form-schemas.ts";
import { RULES } from "../auctions/schemas.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { refused } from "../components/form-reply.server.ts";
import { allErrors, replyFor } from "../components/sent-form.ts";
import { FormErrors, SelectField, TextField } from "../components/forms.tsx";
import { currentShanghaiYear, dateFromDay, formatDateTime, formatLongDay } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

function yearOf(request: Request) {
  const y = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : currentShanghaiYear();
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:auction:any");
  const locale = localeFromRequest(request, user.locale);
  const year = yearOf(request);
  const now = new Date();
  const [days, deadline] = await Promise.all([
    listCalendar(`${year}-01-01`, `${year}-12-31`),
    workingDeadline(now, RULES.confirmWorkingDays),
  ]);
  return {
    meta: `${serverT(locale)("lots:calendar.title")} · ${serverT(locale)("siteName")}`,
    year,
    days,
    // what a lot sold now would get as its confirmation deadline
    exampleDeadline: deadline.toISOString(),
    confirmWorkingDays: RULES.confirmWorkingDays,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:auction:any");
  const submission = parseWithZod(await request.formData(), { schema: calendarFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  if (v.intent === "remove") {
    await removeCalendarDay(user, v.date);
    return redirect(`/bureau/calendar?year=${yearOf(request)}&done=removed`);
  }
  await setCalendarDay(user, v.day);
  return redirect(`/bureau/calendar?year=${dateFromDay(v.day.date).getUTCFullYear()}&done=saved`);
}

export default function BureauCalendar({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("lots");
  const busy = useNavigation().state === "submitting";
  const reply = busy ? undefined : actionData;
  const [form, fields] = useForm<CalendarFormFields>({
    id: "calendar-day",
    lastResult: replyFor(reply, { intent: "set" }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // a removal carries only its day: a refusal (a tampered date) shows over the list
  const removeErrors = allErrors(replyFor(reply, { intent: "remove" }));
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t("calendar.title")}</h1>
      <p className="text-sm text-slate-700">{t("calendar.intro")}</p>
      <p className="card text-sm" data-testid="example-deadline">
        {t("calendar.example", { days: d.confirmWorkingDays, at: formatDateTime(d.exampleDeadline) })}
      </p>
      {d.done ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t(d.done === "removed" ? "calendar.removed" : "calendar.saved")}
        </p>
      ) : null}
      <FormErrors errors={removeErrors} />

      <nav aria-label={t("calendar.years")} className="flex flex-wrap gap-2 text-sm">
        {[d.year - 1, d.year, d.year + 1].map((y) => (
          <Link key={y} to={`/bureau/calendar?year=${y}`} aria-current={y === d.year ? "page" : undefined}>
            {y}
          </Link>
        ))}
      </nav>

      <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-4 sm:items-end">
        <h2 className="font-semibold sm:col-span-4">{t("calendar.add")}</h2>
        <div className="sm:col-span-4">
          <FormErrors id={form.errorId} errors={form.errors} />
        </div>
        <TextField field={fields.date} label={t("calendar.date")} type="date" required />
        <SelectField
          field={fields.working}
          label={t("calendar.kind")}
          options={[
            { value: "false", label: t("calendar.holiday") },
            { value: "true", label: t("calendar.workday") },
          ]}
          required
        />
        <TextField field={fields.note} label={t("calendar.note")} maxLength={200} />
        <button className="btn-primary" name="intent" value="set" disabled={busy}>
          {t("calendar.save")}
        </button>
      </Form>

      <div className="card overflow-x-auto">
        <h2 className="font-semibold">{t("calendar.listed", { year: d.year })}</h2>
        {d.days.length === 0 ? (
          <p className="text-sm text-slate-700">{t("calendar.none")}</p>
        ) : (
          <table className="mt-2 w-full text-sm" data-testid="calendar-days">
            <thead>
              <tr className="text-left">
                <th scope="col">{t("calendar.date")}</th>
                <th scope="col">{t("calendar.kind")}</th>
                <th scope="col">{t("calendar.note")}</th>
                <th scope="col">
                  <span className="sr-only">{t("calendar.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.days.map((day) => (
                <tr key={day.date}>
                  <td>{formatLongDay(day.date, i18n.language)}</td>
                  <td>{day.working ? t("calendar.workday") : t("calendar.holiday")}</td>
                  <td>{day.note}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="date" value={day.date} />
                      <button
                        className="btn-secondary"
                        name="intent"
                        value="remove"
                        disabled={busy}
                        aria-label={`${t("calendar.remove")} ${day.date}`}
                      >
                        {t("calendar.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
