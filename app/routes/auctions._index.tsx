// /auctions — lots on the market: bidding now, announced, listings and notices, and the closed
// ones; staff also see the lots waiting for review, members their organization's drafts.
import { useTranslation } from "react-i18next";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/auctions._index";
import { isMarketStaff, listAuctions } from "../auctions/lots.server.ts";
import { can } from "../auth/permissions.ts";
import { getUser } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { formatDateTime } from "../domain/time.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { AUCTION_STATUSES } from "../auctions/schemas.ts";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const raw = new URL(request.url).searchParams.get("status") ?? "";
  const status = (AUCTION_STATUSES as readonly string[]).includes(raw) ? raw : undefined;
  const list = await listAuctions({ status, page: 1, pageSize: 50 }, viewer);
  return {
    meta: `${serverT(locale)("auctions:title")} · ${serverT(locale)("siteName")}`,
    list,
    status: status ?? "",
    staff: isMarketStaff(viewer),
    member: !!viewer?.organizationId,
    canSell: !!viewer?.organizationId && can(viewer, "create:auction:own"),
  };
}

const FILTERS = ["", "bidding", "announced", "sold", "unsold", "pending_review", "draft"] as const;

export default function AuctionsPage({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auctions");
  const { t: tl } = useTranslation("lots");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="page-title">{t("title")}</h1>
        {d.canSell ? (
          <Link className="btn-secondary" to="/my/lots">
            {tl("myTitle")}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <nav aria-label={t("filters")} className="flex flex-wrap gap-2 text-sm">
        {FILTERS.filter((f) => (f === "pending_review" || f === "draft" ? d.staff || d.member : true)).map((f) => (
          <Link
            key={f}
            to={f ? `/auctions?status=${f}` : "/auctions"}
            aria-current={d.status === f ? "page" : undefined}
            className={d.status === f ? "font-semibold underline" : ""}
          >
            {f ? t(`statuses.${f}`) : t("all")}
          </Link>
        ))}
      </nav>
      {d.list.items.length === 0 ? (
        <p className="card text-sm">{t("none")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {d.list.items.map((a) => (
            <li key={a.id} className="card space-y-1">
              <p className="flex flex-wrap gap-2 text-sm">
                <span className="badge bg-brand-50 text-brand-800">{t(`modes.${a.mode}`)}</span>
                <span className="badge bg-slate-100 text-slate-800">{t(`statuses.${a.status}`)}</span>
              </p>
              <h2 className="font-semibold">
                <Link to={`/auctions/${a.id}`}>{a.result.title}</Link>
              </h2>
              <p className="text-sm text-slate-700">{a.seller.name}</p>
              <p className="text-sm">
                {a.currentPriceFen !== null
                  ? `${t("currentPrice")}: ${formatFen(a.currentPriceFen, i18n.language)}`
                  : `${t("startPrice")}: ${formatFen(a.startPriceFen, i18n.language)}`}
                {a.endsAt ? ` · ${t("endsAt")}: ${formatDateTime(a.endsAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
