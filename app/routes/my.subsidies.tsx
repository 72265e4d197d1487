// /my/subsidies — the organization's subsidy applications (奖补申请) and where they stand.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import type { Route } from "./+types/my.subsidies";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { formatFenExact } from "../domain/money.ts";
import { formatDateTime } from "../domain/time.ts";
import { myApplications } from "../subsidies/page.server.ts";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:mySubsidies") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { applications: await myApplications(user) };
}

export default function MySubsidies({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("subsidies");
  const { applications } = loaderData;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("my.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("my.intro")}</p>
      </div>
      {applications.length === 0 ? (
        <p className="card text-slate-700">{t("my.none")}</p>
      ) : (
        <ScrollRegion label={t("my.title")}>
          <table className="card w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col">{t("bureau.contract")}</th>
                <th scope="col">{t("programme")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col" className="text-right">
                  {t("amount")}
                </th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("bureau.appliedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id} className="border-t border-slate-100" data-testid={`my-application-${a.id}`}>
                  <td className="py-1">
                    <Link to={`/contracts/${a.contractId}#subsidies`}>{a.contract?.title}</Link>
                  </td>
                  <td className="py-1 font-mono">{a.programme}</td>
                  <td className="py-1">{t(`roles.${a.role}`)}</td>
                  <td className="py-1 text-right tabular-nums">{formatFenExact(a.amountFen, i18n.language)}</td>
                  <td className="py-1">
                    {t(`statuses.${a.status}`)}
                    {a.auto ? ` · ${t("auto")}` : ""}
                    {a.decisionNote ? ` — ${a.decisionNote}` : ""}
                  </td>
                  <td className="py-1">{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
