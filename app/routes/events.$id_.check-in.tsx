// /events/:id/check-in: the bureau's desk at the door — type the participant's code, scan their
// QR code (a scanner that types, or the camera where the browser can read QR codes), or find them
// by name or phone (a GET form, so it works without JavaScript) and check them in from the list.
// Outside the event's days the desk asks for a reason (docs/decisions/0027-event-check-in.md).
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/events.$id_.check-in";
import { ApiError } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { AttendanceTable, LookupResults } from "../components/events/desk-lists.tsx";
import { QrScanner } from "../components/events/qr-scanner.tsx";
import { FieldErrors, Notice, RequiredMark, TextArea } from "../components/forms.tsx";
import { replyFor } from "../components/sent-form.ts";
import { Link, useLinkLocale } from "../components/link.tsx";
import { shanghaiDayString } from "../domain/time.ts";
import { checkIn, eventDays, listRegistrations } from "../events/check-in.server.ts";
import { getEvent } from "../events/events.server.ts";
import { deskFormSchema, type DeskFormFields } from "../events/form-schemas.ts";
import { checkInReference, checkInSchema } from "../events/schemas.ts";
import { LNG_PARAM, localeFromRequest, serverT } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const locale = localeFromRequest(request, user.locale);
  const event = await getEvent(params.id, user).catch((e) => pageError(e, locale));
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const [registrations, found] = await Promise.all([
    listRegistrations(user, params.id),
    q ? listRegistrations(user, params.id, q) : null,
  ]);
  return {
    meta: `${serverT(locale)("events:checkInTitle", { title: event.title })} · ${serverT(locale)("siteName")}`,
    event: { id: event.id, title: event.title, startsAt: event.startsAt },
    registrations,
    q,
    found,
  };
}

type Problem = "notFound" | "cancelled" | "codeFormat" | "reasonRequired" | "failed";
type Reference = { code?: string; token?: string; registrationId?: string };
type ActionResult = {
  /** the code form's refusal, each message under its field */
  reply: SubmissionResult<string[]> | null;
  problem: Problem | null;
  notToday: { reference: Reference; days: string; today: string } | null;
  done: { name: string; at: string; already: boolean; override: boolean } | null;
};
const answer = (r: Partial<ActionResult>, status = 200) =>
  data<ActionResult>({ reply: null, problem: null, notToday: null, done: null, ...r }, { status });

/** What the override form needs: the reference it resends, the event's days and today. */
async function notTodayOf(eventId: string, reference: Reference): Promise<ActionResult["notToday"]> {
  const event = await getEvent(eventId, null);
  const { first, last } = eventDays({ startsAt: new Date(event.startsAt), endsAt: new Date(event.endsAt) });
  const days = first === last ? first : `${first} – ${last}`;
  return { reference, days, today: shanghaiDayString(new Date()) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  // an empty or malformed code is refused under the field; what the backend refuses is one
  // problem's message (events:desk.errors)
  const submission = parseWithZod(await request.formData(), { schema: deskFormSchema });
  if (submission.status !== "success") {
    // an override sent without its reason keeps its form, with the reason asked for under it
    const sent = submission.payload as DeskFormFields;
    const reference: Reference = sent.registrationId
      ? { registrationId: sent.registrationId }
      : checkInReference(sent.code ?? "");
    const notToday = sent.override ? await notTodayOf(params.id, reference) : null;
    return answer({ reply: submission.reply(), notToday }, 400);
  }
  const { registrationId, code, override, reason } = submission.value;
  const reference: Reference = registrationId ? { registrationId } : checkInReference(code ?? "");
  const parsed = checkInSchema.safeParse({
    ...reference,
    ...(override ? { override: { reason: reason ?? "" } } : {}),
  });
  if (!parsed.success) {
    const onReason = parsed.error.issues.some((i) => i.path[0] === "override");
    return answer({ problem: onReason ? "reasonRequired" : "codeFormat" }, 400);
  }
  try {
    const done = await checkIn(user, params.id, parsed.data);
    return answer({
      done: { name: done.name, at: done.checkedInAt.toISOString(), already: done.already, override: done.override },
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "check_in_not_today") return answer({ notToday: await notTodayOf(params.id, reference) }, 409);
    const problem: Problem =
      error.code === "not_found" ? "notFound" : error.code === "invalid_state" ? "cancelled" : "failed";
    return answer({ problem }, error.status);
  }
}

export default function CheckInDesk({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const checkedIn = d.registrations.filter((r) => r.checkedInAt).length;
  const done = actionData?.done;
  // a GET form replaces the query string: keep the page's language in it (docs/decisions/0024)
  const lng = useLinkLocale();
  const [form, fields] = useForm<DeskFormFields>({
    id: "check-in-form",
    lastResult: busy ? null : replyFor(actionData?.reply, { override: null }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deskFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [overrideForm, overrideFields] = useForm<DeskFormFields>({
    id: "override-form",
    lastResult: busy ? null : (replyFor(actionData?.reply, { override: "1" }) ?? null),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deskFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const { key: codeKey, ...codeProps } = getInputProps(fields.code, {
    type: "text",
    ariaDescribedBy: "check-in-code-hint",
  });
  return (
    <section className="space-y-4" aria-labelledby="check-in-title">
      <p className="text-sm">
        <Link to={`/events/${d.event.id}`}>← {d.event.title}</Link>
      </p>
      <h1 id="check-in-title" className="page-title">
        {t("checkInTitle", { title: d.event.title })}
      </h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-3" key={done?.at ?? "desk"}>
        <div>
          <label htmlFor={fields.code.id} className="block text-sm font-medium">
            {t("desk.scanOrType")}
            <RequiredMark required />
          </label>
          <p id="check-in-code-hint" className="text-xs text-slate-600">
            {t("desk.scanOrTypeHint")}
          </p>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <input
              key={codeKey}
              {...codeProps}
              className="input w-full max-w-xs font-mono tracking-widest"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              autoFocus
              maxLength={64}
              required
              aria-required
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("checkInSubmit")}
            </button>
          </div>
          <FieldErrors field={fields.code} />
        </div>
        <QrScanner inputId={fields.code.id} />
      </Form>

      <div aria-live="polite" className="space-y-2">
        {actionData?.problem ? <Notice tone="warning">{t(`desk.errors.${actionData.problem}`)}</Notice> : null}
        {done ? (
          <Notice tone="success">
            {done.already
              ? t("alreadyCheckedIn", { name: done.name, at: formatDateTime(done.at) })
              : done.override
                ? t("desk.overrideDone", { name: done.name })
                : t("checkedIn", { name: done.name })}
          </Notice>
        ) : null}
      </div>

      {actionData?.notToday ? (
        <Form
          method="post"
          {...getFormProps(overrideForm)}
          className="card space-y-3 border-amber-300"
          aria-labelledby="override-title"
        >
          <p id="override-title" className="font-medium text-amber-900" role="alert">
            {t("desk.notToday", { today: actionData.notToday.today, days: actionData.notToday.days })}
          </p>
          {Object.entries(actionData.notToday.reference).map(([name, value]) =>
            value ? <input key={name} type="hidden" name={name === "token" ? "code" : name} value={value} /> : null,
          )}
          <input type="hidden" name="override" value="1" />
          <TextArea
            field={overrideFields.reason}
            label={t("desk.overrideReason")}
            hint={t("desk.overrideReasonHint")}
            rows={2}
            maxLength={500}
            required
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("desk.overrideSubmit")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="lookup-title" className="card space-y-3">
        <h2 id="lookup-title" className="text-lg font-semibold">
          {t("desk.lookup")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
          {lng ? <input type="hidden" name={LNG_PARAM} value={lng} /> : null}
          <div className="min-w-0 flex-1 sm:max-w-sm">
            <label htmlFor="lookup-q" className="block text-sm">
              {t("desk.lookupLabel")}
            </label>
            <input id="lookup-q" name="q" type="search" className="input mt-1" defaultValue={d.q} maxLength={100} />
          </div>
          <button type="submit" className="btn-secondary">
            {t("desk.lookupSubmit")}
          </button>
        </Form>
        {d.found ? <LookupResults q={d.q} found={d.found} busy={busy} /> : null}
      </section>

      <AttendanceTable
        eventId={d.event.id}
        registrations={d.registrations}
        title={t("attendance", { checkedIn, registered: d.registrations.length })}
      />
    </section>
  );
}
