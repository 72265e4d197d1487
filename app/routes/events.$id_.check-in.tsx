// /events/:id/check-in: the bureau's desk at the door — type (or scan into the field) a
// participant's code; the list shows who registered and who came.
import { useTranslation } from "react-i18next";
import { useLocalizedHref } from "../components/link.tsx";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { data, Form, useNavigation } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/events.$id_.check-in";
import { ApiError } from "../api/api.server.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { Notice } from "../components/forms.tsx";
import { checkIn, getEvent, listRegistrations } from "../events/events.server.ts";
import { checkInSchema } from "../events/schemas.ts";
import { localeFromRequest, pickMessage, serverT } from "../i18n/i18n.ts";
import { pageError } from "../listings/pages.server.ts";
import { formatDateTime } from "../domain/time.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const locale = localeFromRequest(request, user.locale);
  const event = await getEvent(params.id, user).catch((e) => pageError(e, locale));
  const registrations = await listRegistrations(user, params.id);
  return {
    meta: `${serverT(locale)("events:checkInTitle", { title: event.title })} · ${serverT(locale)("siteName")}`,
    event: { id: event.id, title: event.title, startsAt: event.startsAt },
    registrations,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUserWith(request, "manage:event:any");
  const locale = localeFromRequest(request, user.locale);
  const parsed = checkInSchema.safeParse({ code: String((await request.formData()).get("code") ?? "") });
  if (!parsed.success)
    return data({ error: pickMessage(parsed.error.issues[0]!.message, locale), done: null }, { status: 400 });
  try {
    const done = await checkIn(user, params.id, parsed.data.code);
    return { error: null, done: { name: done.name, at: done.checkedInAt.toISOString(), already: done.already } };
  } catch (error) {
    if (error instanceof ApiError)
      return data({ error: pickMessage(error.message, locale), done: null }, { status: error.status });
    throw error;
  }
}

export default function CheckInDesk({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const navigation = useNavigation();
  const checkedIn = d.registrations.filter((r) => r.checkedInAt).length;
  const localized = useLocalizedHref();
  return (
    <section className="space-y-4" aria-labelledby="check-in-title">
      <p className="text-sm">
        <Link to={`/events/${d.event.id}`}>← {d.event.title}</Link>
      </p>
      <h1 id="check-in-title" className="page-title">
        {t("checkInTitle", { title: d.event.title })}
      </h1>
      <Form method="post" className="card flex flex-wrap items-end gap-3" key={actionData?.done?.at ?? "desk"}>
        <div>
          <label htmlFor="check-in-code" className="block text-sm">
            {t("checkInCode")}
          </label>
          <input
            id="check-in-code"
            name="code"
            className="input mt-1 w-48 font-mono uppercase tracking-widest"
            autoComplete="off"
            autoFocus
            maxLength={12}
            required
          />
        </div>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("checkInSubmit")}
        </button>
      </Form>
      <div aria-live="polite">
        {actionData?.error ? <Notice tone="warning">{actionData.error}</Notice> : null}
        {actionData?.done ? (
          <Notice tone="success">
            {actionData.done.already
              ? t("alreadyCheckedIn", { name: actionData.done.name, at: formatDateTime(actionData.done.at) })
              : t("checkedIn", { name: actionData.done.name })}
          </Notice>
        ) : null}
      </div>
      <section aria-labelledby="attendance" className="card overflow-x-auto">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="attendance" className="text-lg font-semibold">
            {t("attendance", { checkedIn, registered: d.registrations.length })}
          </h2>
          {d.registrations.length ? (
            <a href={localized(`/events/${d.event.id}/attendees.csv`)} className="text-sm" download>
              {t("exportCsv")}
            </a>
          ) : null}
        </div>
        {d.registrations.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("noRegistrations")}</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-2 pr-3">
                  {t("participant")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("organization")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("registeredAt")}
                </th>
                <th scope="col" className="py-2">
                  {t("status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.registrations.map((r) => (
                <tr key={r.id} className="border-b border-slate-100">
                  <td className="py-2 pr-3">
                    {r.user.name}
                    <span className="block break-all text-slate-600">{r.user.email}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {r.user.organization?.name ?? "—"}
                    <UnverifiedBadge verified={r.user.organization?.verified} />
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(r.registeredAt)}</td>
                  <td className="py-2 whitespace-nowrap">
                    {r.checkedInAt ? formatDateTime(r.checkedInAt) : t("notYet")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
