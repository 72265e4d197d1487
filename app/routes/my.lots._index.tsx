// /my/lots — the organization's lots (交易项目) with their status, and its published results that
// can be put on sale. Members who sell (researcher, broker) and market staff; others get a 403.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/my.lots._index";
import { myLotsData } from "../auctions/lot-form.server.ts";
import { requireUser } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { formatDateTime } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  return {
    ...(await myLotsData(user, locale)),
    meta: `${serverT(locale)("lots:myTitle")} · ${serverT(locale)("siteName")}`,
  };
}

export default function MyLots({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("lots");
  const { t: ta } = useTranslation("auctions");
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="page-title">{t("myTitle")}</h1>
        <Link className="btn-primary" to="/auctions/new">
          {t("newLot")}
        </Link>
      </div>
      <p className="text-sm text-slate-700">{t("myIntro")}</p>
      {d.lots.length === 0 ? (
        <p className="card text-sm">{t("none")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="my-lots">
          {d.lots.map((a) => (
            <li key={a.id} className="card space-y-1">
              <p className="flex flex-wrap gap-2 text-sm">
                <span className="badge bg-brand-50 text-brand-800">{ta(`modes.${a.mode}`)}</span>
                <span className="badge bg-slate-100 text-slate-800">{ta(`statuses.${a.status}`)}</span>
              </p>
              <h2 className="font-semibold">
                <Link to={`/auctions/${a.id}`}>{a.result.title}</Link>
              </h2>
              <p className="text-sm">
                {a.currentPriceFen !== null
                  ? `${ta("currentPrice")}: ${formatFen(a.currentPriceFen, i18n.language)}`
                  : `${ta("startPrice")}: ${formatFen(a.startPriceFen, i18n.language)}`}
                {a.endsAt ? ` · ${ta("endsAt")}: ${formatDateTime(a.endsAt)}` : ""}
              </p>
              <p className="text-xs text-slate-700">
                {t("created")}: {formatDateTime(a.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {d.results.length ? (
        <section className="card space-y-2" aria-labelledby="sell-heading">
          <h2 id="sell-heading" className="font-semibold">
            {t("pickResult")}
          </h2>
          <ul className="space-y-1 text-sm">
            {d.results.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>{r.title}</span>
                <Link className="underline" to={`/auctions/new?resultId=${r.id}`}>
                  {t("sellResult")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
