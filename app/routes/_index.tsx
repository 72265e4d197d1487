// Home: live market figures, a search box, latest results and needs, and the industries.
import { Form } from "react-router";
import { Link } from "../components/link.tsx";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/_index";
import { getUser } from "../auth/session.server.ts";
import { can } from "../auth/permissions.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { homeData } from "../listings/home.server.ts";
import { listEvents } from "../events/events.server.ts";
import { useLabels } from "./listings+shared/labels.tsx";
import { ListingCard } from "./listings+shared/listing-card.tsx";
import { formatDateTime } from "../domain/time.ts";
import { useRootData } from "../components/root-data.ts";

// Each audience's first step: signed-out visitors are sent through sign-up by the target page.
const AUDIENCES = [
  { key: "company", to: "/my/needs/new" },
  { key: "researcher", to: "/my/results/new" },
  { key: "broker", to: "/needs" },
] as const;

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: data?.meta ?? "赣州科技大市场 · Ganzhou Technology Market" },
    { name: "description", content: data?.description ?? "" },
  ];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const t = serverT(localeFromRequest(request, user?.locale));
  const [home, events] = await Promise.all([homeData(), listEvents({ when: "upcoming", page: 1, pageSize: 3 })]);
  return {
    ...home,
    upcomingEvents: events.items.filter((e) => e.status === "published"),
    regionNames: regionNamesIn([home, events]),
    canPostResult: can(user, "create:result:own"),
    canPostNeed: can(user, "create:need:own"),
    meta: `${t("siteName")} · ${t("siteTagline")}`,
    description: t("listings:home.lead"),
  };
}

function Figure({ label, value, sub, href }: { label: string; value: string; sub?: string; href?: string }) {
  return (
    <div className="card">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-brand-800">
        {href ? (
          <Link to={href} className="text-brand-800">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
      {sub ? <dd className="text-xs text-slate-600">{sub}</dd> : null}
    </div>
  );
}

export default function Home({ loaderData: d }: Route.ComponentProps) {
  const l = useLabels();
  const { t } = l;
  const site = useRootData()?.site;
  const how = t("home.how", { returnObjects: true }) as unknown as string[];
  const n = (value: number) => new Intl.NumberFormat(l.locale === "en" ? "en" : "zh-CN").format(value);
  return (
    <div className="space-y-8">
      <section aria-labelledby="home-title" className="rounded-xl bg-brand-700 px-6 py-8 text-white sm:px-10">
        <h1 id="home-title" className="text-3xl font-bold">
          {t("home.title")}
        </h1>
        <p className="mt-2 max-w-3xl text-brand-50">{t("home.lead")}</p>
        <Form method="get" action="/results" role="search" className="mt-6 flex max-w-3xl flex-col gap-2 sm:flex-row">
          <label htmlFor="home-q" className="sr-only">
            {t("home.searchLabel")}
          </label>
          <input
            id="home-q"
            name="q"
            type="search"
            maxLength={200}
            placeholder={t("home.searchPlaceholder")}
            className="input flex-1 border-white"
          />
          <button
            type="submit"
            className="inline-flex items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50"
          >
            {t("home.searchResults")}
          </button>
          <button
            type="submit"
            formAction="/needs"
            className="inline-flex items-center justify-center rounded-md border border-white px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
          >
            {t("home.searchNeeds")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="audiences-title">
        <h2 id="audiences-title" className="text-xl font-semibold">
          {t("home.audiencesTitle")}
        </h2>
        <ul className="mt-3 grid gap-3 md:grid-cols-3">
          {AUDIENCES.map((a) => (
            <li key={a.key} className="card flex flex-col">
              <h3 className="text-lg font-semibold text-brand-800">{t(`home.audiences.${a.key}.title`)}</h3>
              <p className="mt-1 flex-1 text-slate-700">{t(`home.audiences.${a.key}.body`)}</p>
              <Link to={a.to} className="btn-primary mt-3 self-start">
                {t(`home.audiences.${a.key}.action`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title" className="text-xl font-semibold">
          {t("home.howTitle")}
        </h2>
        <ol className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
          {how.map((step, i) => (
            <li key={step} className="card flex items-center gap-2">
              <span
                aria-hidden="true"
                className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-bold text-white"
              >
                {i + 1}
              </span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title" className="text-xl font-semibold">
          {t("home.figuresTitle")}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
          <Figure label={t("home.figures.results")} value={n(d.figures.results)} href="/results" />
          <Figure label={t("home.figures.needs")} value={n(d.figures.needs)} href="/needs" />
          <Figure label={t("home.figures.organizations")} value={n(d.figures.organizations)} href="/organizations" />
          <Figure
            label={t("home.figures.bayArea")}
            value={n(d.figures.bayArea)}
            href="/organizations?regionCode=bay_area"
          />
          {d.figures.contractCount > 0 ? (
            <Figure
              label={t("home.figures.contractValue", { year: d.year })}
              value={l.money(d.figures.contractAmountFen)}
              sub={t("home.figures.contractCount", { count: d.figures.contractCount })}
              href="/market-stats"
            />
          ) : null}
        </dl>
      </section>

      {d.upcomingEvents.length ? (
        <section aria-labelledby="home-events">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="home-events" className="text-xl font-semibold">
              {t("events:upcoming")} · {t("events:title")}
            </h2>
            <Link to="/events" className="text-sm">
              {t("events:all")} →
            </Link>
          </div>
          <ul className="mt-3 grid gap-3 md:grid-cols-3">
            {d.upcomingEvents.map((e) => (
              <li key={e.id} className="card">
                <span className="badge bg-brand-50 text-brand-800">{t(`events:kinds.${e.kind}`)}</span>
                <Link to={`/events/${e.id}`} className="mt-2 block font-medium">
                  {e.title}
                </Link>
                <p className="mt-1 text-sm text-slate-700">
                  {formatDateTime(e.startsAt)} · {e.venue}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="industries-title">
        <h2 id="industries-title" className="text-xl font-semibold">
          {t("home.industriesTitle")}
        </h2>
        <ul className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {d.industries.map((i) => (
            <li key={i.field}>
              <Link
                to={`/results?field=${i.field}`}
                className="card block h-full no-underline hover:border-brand-600 hover:no-underline"
              >
                <span className="block font-medium text-brand-800">{l.field(i.field)}</span>
                <span className="text-sm text-slate-700">{t("home.industryCount", { count: i.count })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="latest-results">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="latest-results" className="text-xl font-semibold">
              {t("home.latestResults")}
            </h2>
            <Link to="/results" className="text-sm">
              {t("home.moreResults")} →
            </Link>
          </div>
          {d.latestResults.length === 0 ? <p className="card mt-3">{t("home.empty")}</p> : null}
          <ul className="mt-3 space-y-3">
            {d.latestResults.map((item) => (
              <li key={item.id}>
                <ListingCard item={item} />
              </li>
            ))}
          </ul>
          {d.canPostResult ? (
            <Link to="/my/results/new" className="btn-secondary mt-3">
              {t("home.postResult")}
            </Link>
          ) : null}
        </section>
        <section aria-labelledby="latest-needs">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="latest-needs" className="text-xl font-semibold">
              {t("home.latestNeeds")}
            </h2>
            <Link to="/needs" className="text-sm">
              {t("home.moreNeeds")} →
            </Link>
          </div>
          {d.latestNeeds.length === 0 ? <p className="card mt-3">{t("home.empty")}</p> : null}
          <ul className="mt-3 space-y-3">
            {d.latestNeeds.map((item) => (
              <li key={item.id}>
                <ListingCard item={item} />
              </li>
            ))}
          </ul>
          {d.canPostNeed ? (
            <Link to="/my/needs/new" className="btn-secondary mt-3">
              {t("home.postNeed")}
            </Link>
          ) : null}
        </section>
      </div>

      {site ? (
        <section aria-labelledby="home-contact" className="card">
          <h2 id="home-contact" className="text-xl font-semibold">
            {t("home.contactTitle")}
          </h2>
          <p className="mt-1 text-slate-700">{t("home.contactBody", { phone: site.phone, email: site.email })}</p>
        </section>
      ) : null}
    </div>
  );
}
