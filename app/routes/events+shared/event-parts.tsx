// Pieces of an event shown on both the list (/events) and its page (/events/:id): the facts (when,
// where, how many registered) and, on the page, the results and needs it showcases.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../components/link.tsx";
import { formatDateTime } from "../../domain/time.ts";
import { useLabels } from "../listings+shared/labels.tsx";

type EventFactsOf = {
  startsAt: string;
  endsAt: string;
  venue: string;
  regionCode: string;
  capacity: number | null;
  registered: number;
};

/** When, where and how many; `endTimeOnly` shows the end as a time (the list's cards: fairs last a day). */
export function EventFacts({
  e,
  endTimeOnly,
  children,
}: {
  e: EventFactsOf;
  endTimeOnly?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation("events");
  const l = useLabels();
  const ends = formatDateTime(e.endsAt);
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      <div className="flex gap-2">
        <dt className="shrink-0 text-slate-600">{t("when")}</dt>
        <dd>
          {formatDateTime(e.startsAt)} – {endTimeOnly ? ends.slice(11) : ends}
        </dd>
      </div>
      <div className="flex gap-2">
        <dt className="shrink-0 text-slate-600">{t("venue")}</dt>
        <dd>
          {e.venue} · {l.region(e.regionCode)}
        </dd>
      </div>
      <div className="flex gap-2">
        <dt className="text-slate-600">{t("capacity")}</dt>
        <dd>
          {e.capacity === null
            ? t("registeredCount", { registered: e.registered })
            : t("capacityOf", { registered: e.registered, capacity: e.capacity })}
        </dd>
      </div>
      {children}
    </dl>
  );
}

/** The results or the needs an event showcases; a participant may start an offer from each. */
export function ShowcaseList({
  title,
  items,
  path,
  offerPath,
  offerLabel,
}: {
  title: string;
  items: Array<{ id: string; title: string; organization: string }>;
  /** the listing's page, e.g. `/results/` */
  path: string;
  /** the offer form for one of them, null for someone not registered */
  offerPath: ((id: string) => string) | null;
  offerLabel: string;
}) {
  if (!items.length) return null;
  return (
    <div>
      <h3 className="font-medium">{title}</h3>
      <ul className="mt-2 space-y-2">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2">
            <span>
              {/* underlined: beside plain text, colour alone would not mark it as a link (WCAG 1.4.1) */}
              <Link to={`${path}${item.id}`} className="underline">
                {item.title}
              </Link>{" "}
              <span className="text-sm text-slate-600">· {item.organization}</span>
            </span>
            {offerPath ? (
              <Link to={offerPath(item.id)} className="text-sm">
                {offerLabel}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
