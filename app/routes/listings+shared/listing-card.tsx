// One listing in a list: title (highlighted when searched), organization, badges, money, text.
import { Link } from "../../components/link.tsx";
import type { ListingCard as Card } from "../../listings/pages.server.ts";
import { StatusBadge, useLabels } from "./labels.tsx";
import { formatDay } from "../../domain/time.ts";

export function ListingCard({
  item,
  headingLevel = 3,
  showStatus = false,
}: {
  item: Card;
  headingLevel?: 2 | 3;
  showStatus?: boolean;
}) {
  const l = useLabels();
  const href = `/${item.kind === "result" ? "results" : "needs"}/${item.id}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card flex h-full flex-col gap-2">
      <Heading className="text-base font-semibold leading-snug">
        {/* highlight HTML comes from the search engine, which escapes everything but <mark> */}
        {item.titleHtml ? (
          <Link to={href} data-user-content dangerouslySetInnerHTML={{ __html: item.titleHtml }} />
        ) : (
          <Link to={href} data-user-content>
            {item.title}
          </Link>
        )}
      </Heading>
      <p className="text-sm text-slate-700">
        <Link
          to={`/organizations/${item.organization.id}`}
          className="text-slate-700 underline decoration-slate-400"
          data-user-content
        >
          {item.organization.name}
        </Link>
        <span aria-hidden="true"> · </span>
        {l.region(item.organization.regionCode)}
      </p>
      <p className="flex flex-wrap gap-1">
        {showStatus ? <StatusBadge status={item.status} /> : null}
        <span className="badge bg-brand-50 text-brand-800">{l.field(item.field)}</span>
        {item.maturity ? <span className="badge bg-slate-100 text-slate-800">{l.maturity(item.maturity)}</span> : null}
        {item.modes.map((m) => (
          <span key={m} className="badge bg-slate-100 text-slate-800">
            {l.mode(m)}
          </span>
        ))}
      </p>
      {item.snippetHtml ? (
        <p
          className="text-sm text-slate-700"
          data-user-content
          dangerouslySetInnerHTML={{ __html: item.snippetHtml }}
        />
      ) : (
        <p className="text-sm text-slate-700" data-user-content>
          {item.text}
        </p>
      )}
      <p className="mt-auto flex flex-wrap items-baseline justify-between gap-2 pt-1 text-sm">
        <span className="font-semibold text-accent-600">
          {item.kind === "result" ? l.t("list.price") : l.t("list.budget")}
          {l.colon}
          {l.money(item.moneyFen)}
        </span>
        <span className="text-slate-600">
          {item.deadline ? l.t("list.deadline", { date: item.deadline }) : null}
          {item.deadline && item.publishedAt ? " · " : null}
          {item.publishedAt ? l.t("list.published", { date: formatDay(item.publishedAt) }) : null}
        </span>
      </p>
    </article>
  );
}
