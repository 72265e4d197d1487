// /bureau/subsidies — the year's subsidy programmes (奖补项目): budget, committed, disbursed,
// remaining and the mode of each; a programme's page decides applications.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/bureau.subsidies._index";
import { metaTitle } from "../i18n/meta.ts";
import { requireUserWith } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { currentShanghaiYear } from "../domain/time.ts";
import { yearSchema } from "../stats/schemas.ts";
import { prisma } from "../db/db.server.ts";
import { programmeSummary } from "../subsidies/summary.server.ts";
import { yearOptions } from "./bureau+shared/dashboard.server.ts";
import { YearSelect } from "./bureau+shared/nav.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:subsidies") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUserWith(request, "manage:subsidy:any");
  const parsed = yearSchema.safeParse(new URL(request.url).searchParams.get("year") || undefined);
  const year = parsed.success && parsed.data ? parsed.data : currentShanghaiYear();
  const codes = await prisma.subsidyProgramme.findMany({
    where: { year },
    select: { code: true },
    distinct: ["code"],
    orderBy: { code: "asc" },
  });
  const programmes = await Promise.all(codes.map((c) => programmeSummary(c.code, year, user)));
  return { year, years: yearOptions(currentShanghaiYear()), programmes };
}

export default function BureauSubsidies({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("subsidies");
  const lang = i18n.language;
  const { year, years, programmes } = loaderData;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title">{t("bureau.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("bureau.intro")}</p>
        </div>
        <YearSelect year={year} years={years} />
      </div>
      {programmes.length === 0 ? (
        <p className="card text-slate-700">{t("bureau.none")}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {programmes.map((s) => (
            <li key={s.programme.code} className="card space-y-2" data-testid={`programme-${s.programme.code}`}>
              <h2 className="text-lg font-semibold">
                <Link to={`/bureau/subsidies/${s.programme.code}?year=${year}`}>
                  {lang.startsWith("en") ? s.programme.name.en : s.programme.name.zh}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                {t("bureau.mode")}: {t(`bureau.modes.${s.programme.mode}`)} · {t("bureau.validity")}:{" "}
                {s.programme.validFrom} – {s.programme.validUntil}
              </p>
              <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                {(
                  [
                    ["budget", s.budgetFen],
                    ["committed", s.committedFen],
                    ["disbursed", s.disbursedFen],
                    ["remaining", s.remainingFen],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-slate-600">{t(`bureau.${k}`)}</dt>
                    <dd className="font-semibold tabular-nums">{formatFen(Number(v), lang)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
