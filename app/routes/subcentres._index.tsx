// /subcentres: the city centre and its sub-centres (industry clusters, counties, Bay Area and
// university centres) with this year's registered contracts — public.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { getUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { exactSum, fenTotal } from "../domain/money.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { listSubcentres } from "../subcentres/subcentres.server.ts";
import { regionNamesIn } from "../domain/regions.server.ts";
import type { Route } from "./+types/subcentres._index";
import { useLabels } from "./listings+shared/labels.tsx";
import { KindLabel } from "./network+shared/subcentre-bits.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const t = serverT(localeFromRequest(request, viewer?.locale));
  const year = currentShanghaiYear();
  const [list, sums] = await Promise.all([
    listSubcentres(),
    prisma.$queryRaw<Array<{ id: string; count: number; amount: unknown }>>`
      SELECT "subcentreId" AS id, count(*)::int AS count, sum("contractAmountFen") AS amount
      FROM "Contract" WHERE status = 'registered' AND "registeredYear" = ${year} AND "subcentreId" IS NOT NULL
      GROUP BY "subcentreId"`,
  ]);
  const byId = new Map(sums.map((s) => [s.id, { count: s.count, amountFen: fenTotal(exactSum(s.amount)) }]));
  return {
    meta: `${t("network:subcentres.title")} · ${t("siteName")}`,
    year,
    items: list.items.map((s) => ({ ...s, figures: byId.get(s.id) ?? { count: 0, amountFen: 0 } })),
    regionNames: regionNamesIn(list.items),
  };
}

export default function Subcentres({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const l = useLabels();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("subcentres.title")}</h1>
        <p className="mt-1 text-slate-700">{t("subcentres.intro")}</p>
      </header>
      {d.items.length === 0 ? <p className="card">{t("subcentres.none")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {d.items.map((s) => (
          <li key={s.id} className="card flex flex-col gap-1">
            <h2 className="text-base font-semibold">
              <Link to={`/subcentres/${s.id}`}>{s.name}</Link>
            </h2>
            <p className="text-sm text-slate-700">
              <KindLabel kind={s.kind} /> · {l.region(s.regionCode)}
            </p>
            {s.operatorOrg ? (
              <p className="text-sm text-slate-700">
                {t("subcentres.operator")}
                {l.colon}
                {s.operatorOrg.name}
              </p>
            ) : null}
            <p className="text-sm">
              {t("subcentres.cardFigures", {
                orgs: s.affiliatedOrganizations,
                year: d.year,
                count: s.figures.count,
                amount: l.money(Number(s.figures.amountFen)),
              })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
