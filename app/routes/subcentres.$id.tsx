// /subcentres/:id: a sub-centre's public page — name, kind, region, operator, affiliated
// organizations and the year's figures (needs collected, results, matches, offers, registered
// contracts and amounts, paid, its share of the city, progress against its target, Bay Area share).
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { getUser } from "../auth/session.server.ts";
import { orErrorPage } from "../components/error-page.server.ts";
import { prisma } from "../db/db.server.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { yearQuerySchema } from "../subcentres/schemas.ts";
import { subcentreStats } from "../subcentres/stats.server.ts";
import { getSubcentre } from "../subcentres/subcentres.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/subcentres.$id";
import { YearSelect } from "./bureau+shared/nav.tsx";
import { useLabels } from "./listings+shared/labels.tsx";
import { Figures, KindLabel } from "./network+shared/subcentre-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const sc = await orErrorPage(locale, () => getSubcentre(params.id));
  const parsed = yearQuerySchema.safeParse({ year: new URL(request.url).searchParams.get("year") || undefined });
  const thisYear = currentShanghaiYear();
  const year = parsed.success ? (parsed.data.year ?? thisYear) : thisYear;
  const [stats, affiliates] = await Promise.all([
    subcentreStats(params.id, year),
    prisma.organization.findMany({
      where: { subcentreId: params.id },
      select: { id: true, name: true, kind: true, regionCode: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return {
    meta: `${sc.name} · ${serverT(locale)("network:subcentres.title")}`,
    sc,
    stats,
    affiliates,
    regionNames: regionNamesIn([sc, affiliates]),
    year,
    years: Array.from({ length: 5 }, (_, i) => thisYear - i),
  };
}

export default function SubcentrePage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  const sc = d.sc;
  return (
    <article className="max-w-5xl space-y-4">
      <p className="text-sm">
        <Link to="/subcentres">← {t("subcentres.title")}</Link>
      </p>
      <header className="card space-y-2">
        <h1 className="page-title">{sc.name}</h1>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("subcentres.kind")}</dt>
            <dd>
              <KindLabel kind={sc.kind} />
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("subcentres.region")}</dt>
            <dd>{l.region(sc.regionCode)}</dd>
          </div>
          {sc.operatorOrg ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("subcentres.operator")}</dt>
              <dd>
                <Link to={`/organizations/${sc.operatorOrg.id}`}>{sc.operatorOrg.name}</Link>
              </dd>
            </div>
          ) : null}
          {sc.parent ? (
            <div className="flex gap-2">
              <dt className="text-slate-600">{t("subcentres.parent")}</dt>
              <dd>
                <Link to={`/subcentres/${sc.parent.id}`}>{sc.parent.name}</Link>
              </dd>
            </div>
          ) : null}
        </dl>
        {sc.description ? <p className="whitespace-pre-line text-slate-800">{sc.description}</p> : null}
      </header>
      <section className="card space-y-3" aria-labelledby="figures-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="figures-heading" className="text-lg font-semibold">
            {t("figures.title", { year: d.year })}
          </h2>
          <YearSelect year={d.year} years={d.years} />
        </div>
        <Figures stats={d.stats} />
      </section>
      <section className="card space-y-2" aria-labelledby="orgs-heading">
        <h2 id="orgs-heading" className="text-lg font-semibold">
          {t("subcentres.affiliates", { count: sc.affiliatedOrganizations })}
        </h2>
        {d.affiliates.length === 0 ? <p className="text-sm">{t("subcentres.noAffiliates")}</p> : null}
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {d.affiliates.map((o) => (
            <li key={o.id}>
              <Link to={`/organizations/${o.id}`} className="underline">
                {o.name}
              </Link>{" "}
              <span className="text-slate-600">
                · {l.orgKind(o.kind)} · {l.region(o.regionCode)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
