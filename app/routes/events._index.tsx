// /events: matchmaking fairs and roadshows, upcoming first, then the past ones (?when=past).
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/events._index";
import { getUser } from "../auth/session.server.ts";
import { isEventStaff, listEvents, type EventJson } from "../events/events.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { EventFacts } from "./events+shared/event-parts.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "对接活动" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const url = new URL(request.url);
  const when = url.searchParams.get("when") === "past" ? ("past" as const) : ("upcoming" as const);
  const page = Math.max(1, Math.min(1_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const t = serverT(localeFromRequest(request, viewer?.locale));
  const list = await listEvents({ when, page, pageSize: 20 });
  return {
    meta: `${t("events:title")} · ${t("siteName")}`,
    when,
    staff: isEventStaff(viewer),
    ...list,
    regionNames: regionNamesIn(list.items),
  };
}

function EventCard({ e }: { e: EventJson }) {
  const { t } = useTranslation("events");
  return (
    <li className="card space-y-2">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${e.kind}`)}</span>
        {e.status === "cancelled" ? <span className="badge bg-red-100 text-red-900">{t("cancelled")}</span> : null}
      </p>
      <h2 className="text-lg font-semibold">
        <Link to={`/events/${e.id}`}>{e.title}</Link>
      </h2>
      <EventFacts e={e} endTimeOnly />
    </li>
  );
}

export default function Events({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  return (
    <section className="space-y-4" aria-labelledby="events-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="events-title" className="page-title">
            {t("title")}
          </h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("intro")}</p>
        </div>
        {d.staff ? (
          <Link to="/events/new" className="btn-primary">
            {t("create")}
          </Link>
        ) : null}
      </div>
      <nav aria-label={t("title")} className="flex gap-4 text-sm">
        <Link
          to="/events"
          aria-current={d.when === "upcoming" ? "page" : undefined}
          className={d.when === "upcoming" ? "font-semibold" : ""}
        >
          {t("upcoming")}
        </Link>
        <Link
          to="/events?when=past"
          aria-current={d.when === "past" ? "page" : undefined}
          className={d.when === "past" ? "font-semibold" : ""}
        >
          {t("past")}
        </Link>
      </nav>
      {d.items.length === 0 ? (
        <p className="card text-slate-700">{t("none")}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {d.items.map((e) => (
            <EventCard key={e.id} e={e} />
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t("common:pagination.page", { page: d.page, pages })} className="flex gap-3 text-sm">
          {d.page > 1 ? (
            <Link to={`/events?when=${d.when}&page=${d.page - 1}`}>{t("common:pagination.previous")}</Link>
          ) : null}
          <span>{t("common:pagination.page", { page: d.page, pages })}</span>
          {d.page < pages ? (
            <Link to={`/events?when=${d.when}&page=${d.page + 1}`}>{t("common:pagination.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
