// /events/:id: a fair or roadshow — what it presents, who may register, the viewer's check-in
// code, and what came of it online. POST intents: register, unregister (participants), cancel
// (bureau staff).
import { useTranslation } from "react-i18next";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/events.$id";
import { orReply, refused } from "../components/form-reply.server.ts";
import { getUser, requireUser } from "../auth/session.server.ts";
import { replyFor } from "../components/sent-form.ts";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { formatFen } from "../domain/money.ts";
import { cancelEvent, cancelRegistration, getEvent, isEventStaff, registerForEvent } from "../events/events.server.ts";
import { checkInQr } from "../events/check-in.server.ts";
import { eventPageFormSchema, type EventPageFormFields } from "../events/form-schemas.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import { EventFacts, ShowcaseList } from "./events+shared/event-parts.tsx";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const event = await getEvent(params.id, viewer).catch((e) => pageError(e, locale));
  const token = event.myRegistration?.checkInToken;
  return {
    meta: `${event.title} · ${serverT(locale)("siteName")}`,
    event,
    regionNames: regionNamesIn(event),
    // the QR code carries the registration's token, nothing personal (docs/decisions/0027)
    qr: token ? await checkInQr(token) : null,
    // /events/new sends the organiser here once the event is published
    published: new URL(request.url).searchParams.get("published") === "1",
    signedIn: !!viewer,
    staff: isEventStaff(viewer),
    over: new Date(event.endsAt) < new Date(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: eventPageFormSchema });
  if (submission.status !== "success") return refused(submission);
  const v = submission.value;
  const r = await orReply(submission, locale, async () => {
    if (v.intent === "register") await registerForEvent(user, params.id, { phone: v.phone });
    else if (v.intent === "unregister") await cancelRegistration(user, params.id);
    else await cancelEvent(user, params.id, v.reason);
  });
  return r.ok ? { done: v.intent } : r.reply;
}

type PageReply = SubmissionResult<string[]> | { done: string } | undefined;
const refusal = (reply: PageReply) => (reply && "initialValue" in reply ? reply : undefined);

/** One of the page's forms, with the action's reply only when it was the form sent. */
function useEventForm(intent: string, reply: PageReply) {
  const busy = useNavigation().state !== "idle";
  return useForm<EventPageFormFields>({
    id: `${intent}-form`,
    lastResult: busy ? null : replyFor(reply, { intent }),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventPageFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

export default function EventPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("events");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const reply = actionData as PageReply;
  const [registerForm, registerFields] = useEventForm("register", reply);
  const [cancelForm, cancelFields] = useEventForm("cancel", reply);
  const e = d.event;
  const full = e.capacity !== null && e.registered >= e.capacity;
  const open = e.status === "published" && !d.over;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/events">← {t("back")}</Link>
      </p>
      <header className="card space-y-3">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${e.kind}`)}</span>
          {e.status === "cancelled" ? <span className="badge bg-red-100 text-red-900">{t("cancelled")}</span> : null}
        </p>
        <h1 className="page-title">{e.title}</h1>
        <EventFacts e={e}>
          {e.organizer ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("organizer")}</dt>
              <dd>
                {e.organizer.name}
                <UnverifiedBadge verified={e.organizer.verified} />
              </dd>
            </div>
          ) : null}
        </EventFacts>
        {e.description ? <p className="whitespace-pre-line text-slate-800">{e.description}</p> : null}
      </header>

      {d.published && !actionData ? <Notice tone="success">{t("published")}</Notice> : null}
      {/* the event's or the caller's refusal (full, closed, not allowed), whichever form was sent */}
      <FormErrors errors={busy ? undefined : (refusal(reply)?.error?.[""] ?? undefined)} />
      {reply && "done" in reply && reply.done === "cancel" ? <Notice tone="success">{t("cancelDone")}</Notice> : null}

      <section aria-labelledby="event-registration" className="card space-y-3">
        <h2 id="event-registration" className="text-lg font-semibold">
          {t("register")}
        </h2>
        {e.status === "cancelled" ? (
          <p>{t("eventCancelled")}</p>
        ) : e.myRegistration ? (
          <div className="space-y-2">
            <p>{t("registered")}</p>
            <p>
              {t("yourCode")}
              <strong className="font-mono text-2xl tracking-widest" data-testid="check-in-code">
                {e.myRegistration.checkInCode}
              </strong>
            </p>
            {d.qr && !e.myRegistration.checkedInAt ? (
              <figure className="space-y-1">
                <img
                  src={d.qr}
                  width={192}
                  height={192}
                  alt={t("qrAlt", { title: e.title })}
                  className="rounded-md border border-slate-200 bg-white"
                  data-testid="check-in-qr"
                />
                <figcaption className="text-sm text-slate-700">{t("qrHint")}</figcaption>
              </figure>
            ) : null}
            {e.myRegistration.checkedInAt ? (
              <p className="text-green-800">{t("checkedInAt", { at: formatDateTime(e.myRegistration.checkedInAt) })}</p>
            ) : open ? (
              <Form method="post">
                <button type="submit" name="intent" value="unregister" className="btn-secondary" disabled={busy}>
                  {t("cancelRegistration")}
                </button>
              </Form>
            ) : null}
            <p className="text-sm text-slate-700">{t("offerHint")}</p>
          </div>
        ) : !open ? (
          <p>{t("over")}</p>
        ) : full ? (
          <p>{t("full")}</p>
        ) : d.signedIn ? (
          <Form method="post" {...getFormProps(registerForm)} className="space-y-2">
            <p className="text-sm text-slate-700">{t("registerHint")}</p>
            <TextField
              field={registerFields.phone}
              label={t("phone")}
              hint={t("phoneHint")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={30}
              className="max-w-xs"
            />
            <button type="submit" name="intent" value="register" className="btn-primary" disabled={busy}>
              {t("register")}
            </button>
          </Form>
        ) : (
          <Link to={`/login?redirectTo=${encodeURIComponent(`/events/${e.id}`)}`} className="btn-primary">
            {t("loginToRegister")}
          </Link>
        )}
      </section>

      <section aria-labelledby="event-showcases" className="card space-y-3">
        <h2 id="event-showcases" className="text-lg font-semibold">
          {t("showcases")}
        </h2>
        {e.results.length === 0 && e.needs.length === 0 ? <p className="text-slate-700">{t("noShowcases")}</p> : null}
        <ShowcaseList
          title={t("showResults")}
          items={e.results}
          path="/results/"
          offerPath={e.myRegistration ? (id) => `/offers/new?resultId=${id}&eventId=${e.id}` : null}
          offerLabel={t("startOffer")}
        />
        <ShowcaseList
          title={t("showNeeds")}
          items={e.needs}
          path="/needs/"
          offerPath={e.myRegistration ? (id) => `/offers/new?needId=${id}&eventId=${e.id}` : null}
          offerLabel={t("startProposal")}
        />
      </section>

      <section aria-labelledby="event-outcomes" className="card">
        <h2 id="event-outcomes" className="text-lg font-semibold">
          {t("outcomes")}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 text-center sm:grid-cols-4">
          {[
            [t("outcomeOffers"), String(e.outcomes.offers)],
            [t("outcomeAccepted"), String(e.outcomes.acceptedOffers)],
            [t("outcomeContracts"), String(e.outcomes.registeredContracts)],
            [t("outcomeAmount"), formatFen(e.outcomes.contractAmountFen, i18n.language)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="text-xl font-bold text-brand-800">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {d.staff ? (
        <section aria-labelledby="event-staff" className="card space-y-3">
          <h2 id="event-staff" className="text-lg font-semibold">
            {t("checkIn")}
          </h2>
          <p>
            <Link to={`/events/${e.id}/check-in`} className="btn-primary">
              {t("checkInDesk")}
            </Link>
          </p>
          {e.status === "published" ? (
            <Form method="post" {...getFormProps(cancelForm)} className="flex flex-wrap items-start gap-3">
              <TextField
                field={cancelFields.reason}
                label={t("cancelReason")}
                maxLength={500}
                className="min-w-64 flex-1"
                required
              />
              <button type="submit" name="intent" value="cancel" className="btn-secondary mt-6" disabled={busy}>
                {t("cancelEvent")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
