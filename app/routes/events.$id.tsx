// /events/:id: a fair or roadshow — what it presents, who may register, the viewer's check-in
// code, and what came of it online. POST intents: register, unregister (participants), cancel
// (bureau staff).
import { useTranslation } from "react-i18next";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/events.$id";
import { ApiError, userMessage } from "../api/api.server.ts";
import { getUser, requireUser } from "../auth/session.server.ts";
import { Notice } from "../components/forms.tsx";
import { formatFen } from "../domain/money.ts";
import { cancelEvent, cancelRegistration, getEvent, isEventStaff, registerForEvent } from "../events/events.server.ts";
import { checkInQr } from "../events/check-in.server.ts";
import { eventCancelSchema, registrationSchema } from "../events/schemas.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
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
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "register") {
      const parsed = registrationSchema.safeParse({ phone: String(form.get("phone") ?? "") });
      if (!parsed.success)
        return data({ intent, error: pickMessage(parsed.error.issues[0]!.message, locale) }, { status: 400 });
      await registerForEvent(user, params.id, { phone: parsed.data.phone });
    } else if (intent === "unregister") await cancelRegistration(user, params.id);
    else if (intent === "cancel") {
      const parsed = eventCancelSchema.safeParse({ reason: String(form.get("reason") ?? "") });
      if (!parsed.success)
        return data({ intent, error: pickMessage(parsed.error.issues[0]!.message, locale) }, { status: 400 });
      await cancelEvent(user, params.id, parsed.data.reason);
    } else return data({ intent, error: "Unknown intent" }, { status: 400 });
  } catch (error) {
    if (error instanceof ApiError) return data({ intent, error: userMessage(error, locale) }, { status: error.status });
    throw error;
  }
  return { intent, error: null };
}

export default function EventPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("events");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
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
      {actionData?.error ? <Notice tone="warning">{actionData.error}</Notice> : null}
      {actionData && !actionData.error && actionData.intent === "cancel" ? (
        <Notice tone="success">{t("cancelDone")}</Notice>
      ) : null}

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
          <Form method="post" className="space-y-2">
            <p className="text-sm text-slate-700">{t("registerHint")}</p>
            <div className="max-w-xs">
              <label htmlFor="registration-phone" className="block text-sm">
                {t("phone")}
              </label>
              <input
                id="registration-phone"
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                className="input mt-1"
                maxLength={30}
                aria-describedby="registration-phone-hint"
              />
              <p id="registration-phone-hint" className="mt-1 text-xs text-slate-600">
                {t("phoneHint")}
              </p>
            </div>
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
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <div className="min-w-64 flex-1">
                <label htmlFor="cancel-reason" className="block text-sm">
                  {t("cancelReason")}
                </label>
                <input id="cancel-reason" name="reason" className="input mt-1" maxLength={500} required />
              </div>
              <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy}>
                {t("cancelEvent")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
