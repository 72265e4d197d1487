// The check-in desk's two lists: the registrations a lookup found (each with its own check-in
// button, so a participant without their code is checked in by picking them) and the whole
// attendance table.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { formatDateTime } from "../../domain/time.ts";
import { useLocalizedHref } from "../link.tsx";
import { ColumnHeads, ScrollRegion } from "../scroll-region.tsx";
import { UnverifiedBadge } from "../unverified-badge.tsx";

export type DeskRegistration = {
  id: string;
  phone: string;
  registeredAt: string;
  checkedInAt: string | null;
  user: { name: string; email: string; organization: { name: string; verified?: boolean } | null };
};

export function LookupResults({ q, found, busy }: { q: string; found: DeskRegistration[]; busy: boolean }) {
  const { t } = useTranslation("events");
  if (found.length === 0) return <p className="text-slate-700">{t("desk.lookupNone", { q })}</p>;
  return (
    <div>
      <p className="text-sm text-slate-700">{t("desk.lookupResults", { count: found.length })}</p>
      <ul className="mt-2 divide-y divide-slate-100" data-testid="lookup-results">
        {found.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="min-w-0">
              <p className="font-medium">{r.user.name}</p>
              <p className="break-all text-sm text-slate-600">
                {[r.user.organization?.name, r.phone, r.user.email].filter(Boolean).join(" · ")}
              </p>
            </div>
            {r.checkedInAt ? (
              <span className="text-sm text-green-800">{t("checkedInAt", { at: formatDateTime(r.checkedInAt) })}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="registrationId" value={r.id} />
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("desk.checkInThis", { name: r.user.name })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AttendanceTable({
  eventId,
  registrations,
  title,
}: {
  eventId: string;
  registrations: DeskRegistration[];
  title: string;
}) {
  const { t } = useTranslation("events");
  const localized = useLocalizedHref();
  return (
    <section aria-labelledby="attendance" className="card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="attendance" className="text-lg font-semibold">
          {title}
        </h2>
        {registrations.length ? (
          <a href={localized(`/events/${eventId}/attendees.csv`)} className="text-sm underline" download>
            {t("exportCsv")}
          </a>
        ) : null}
      </div>
      {registrations.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("noRegistrations")}</p>
      ) : (
        <ScrollRegion label={title} className="mt-3">
          <table className="w-full text-left text-sm">
            <ColumnHeads
              columns={[t("participant"), t("organization"), t("desk.phone"), t("registeredAt"), t("status")]}
            />
            <tbody>
              {registrations.map((r) => (
                <tr key={r.id} className="border-b border-slate-100">
                  <td className="py-2 pr-3">
                    {r.user.name}
                    <span className="block break-all text-slate-600">{r.user.email}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {r.user.organization?.name ?? "—"}
                    <UnverifiedBadge verified={r.user.organization?.verified} />
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{r.phone || "—"}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(r.registeredAt)}</td>
                  <td className="py-2 whitespace-nowrap">
                    {r.checkedInAt ? formatDateTime(r.checkedInAt) : t("notYet")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
