import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import type { MyEventsData } from "../../dashboard/my-events.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";
import { formatDateTime } from "../../domain/time.ts";

export function MyEventsSection({ data }: SectionProps<MyEventsData>) {
  const { t } = useTranslation("events");
  // only for those who registered: the events page invites everyone else
  if (data.length === 0) return null;
  return (
    <section aria-labelledby="dash-events" className="card">
      <h2 id="dash-events" className="text-lg font-semibold">
        {t("mine")}
      </h2>
      <ul className="mt-3 space-y-3">
        {data.map((e) => (
          <li key={e.id}>
            <Link to={`/events/${e.id}`} className="font-medium">
              {e.title}
            </Link>
            {e.status === "cancelled" ? (
              <span className="badge ml-2 bg-red-100 text-red-900">{t("cancelled")}</span>
            ) : null}
            <p className="text-sm text-slate-700">
              {t(`kinds.${e.kind}`)} · {formatDateTime(e.startsAt)} · {e.venue}
            </p>
            <p className="text-sm">
              {t("yourCode")}
              <span className="font-mono tracking-widest">{e.checkInCode}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
