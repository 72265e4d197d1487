// /offers — my organization's offers and proposals, sent and received, with their status and
// whose turn it is.
import { useTranslation } from "react-i18next";
import { UnverifiedBadge } from "../components/unverified-badge.tsx";
import { Form } from "react-router";
import { Link } from "../components/link.tsx";
import type { Route } from "./+types/offers._index";
import { metaTitle } from "../i18n/meta.ts";
import { requireUser } from "../auth/session.server.ts";
import { formatFen } from "../domain/money.ts";
import { localeFromRequest } from "../i18n/i18n.ts";
import { listOffers } from "../offers/offers.server.ts";
import { OFFER_STATUSES, offerListQuerySchema } from "../offers/schemas.ts";
import { OfferStatusBadge } from "../components/contracts/badges.tsx";
import { Notice } from "../components/forms.tsx";
import { Pager } from "../components/contracts/pager.tsx";
import { orErrorPage } from "../components/error-page.server.ts";
import { formatDateTime } from "../domain/time.ts";
import { FigureHeads, ScrollRegion } from "../components/scroll-region.tsx";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: metaTitle(matches, "titles:offers") }];
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  for (const key of ["status", "side"]) if (!params[key]) delete params[key];
  const parsed = offerListQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : { page: 1, pageSize: 20 };
  const list = await orErrorPage(locale, () => listOffers(user, query));
  return { list, query, myOrgId: user.organizationId };
}

export default function Offers({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("contracts");
  const { list, query, myOrgId } = loaderData;
  return (
    <section>
      <h1 className="page-title">{t("offers:listTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("offers:listIntro")}</p>
      {!myOrgId ? (
        <div className="mt-4">
          <Notice tone="warning">{t("common.noOrganization")}</Notice>
        </div>
      ) : null}

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("common.filter")}>
        <div>
          <label htmlFor="side" className="block text-sm">
            {t("offers:sideLabel")}
          </label>
          <select id="side" name="side" defaultValue={"side" in query ? (query.side ?? "") : ""} className="input mt-1">
            <option value="">{t("offers:sideAll")}</option>
            <option value="made">{t("offers:sideMade")}</option>
            <option value="received">{t("offers:sideReceived")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm">
            {t("offers:statusLabel")}
          </label>
          <select
            id="status"
            name="status"
            defaultValue={"status" in query ? (query.status ?? "") : ""}
            className="input mt-1"
          >
            <option value="">{t("common.all")}</option>
            {OFFER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`offers:status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("common.filter")}
        </button>
      </Form>

      {list.items.length === 0 ? (
        <div className="mt-6 card">
          <p>{t("offers:empty")}</p>
          <p className="mt-3 flex gap-3">
            <Link to="/results" className="btn-secondary">
              {t("offers:browseResults")}
            </Link>
            <Link to="/needs" className="btn-secondary">
              {t("offers:browseNeeds")}
            </Link>
          </p>
        </div>
      ) : (
        <ScrollRegion label={t("offers:listTitle")} className="mt-4">
          <table className="w-full min-w-[48rem] border-collapse bg-white text-sm">
            <caption className="sr-only">{t("offers:listTitle")}</caption>
            <FigureHeads
              columns={[
                t("offers:colListing"),
                t("offers:colKind"),
                t("offers:colCounterpart"),
                { label: t("offers:colAmount"), numeric: true },
                t("offers:colStatus"),
                t("offers:colNext"),
                t("offers:colUpdated"),
              ]}
            />
            <tbody>
              {list.items.map((o) => {
                const counterpart = o.fromOrg.id === myOrgId ? o.toOrg : o.fromOrg;
                const mine = o.status === "open" && o.awaitingOrgId === myOrgId;
                return (
                  <tr key={o.id} className="border-t border-slate-200">
                    <th scope="row" className="p-2 text-left font-normal">
                      <Link to={`/offers/${o.id}`}>{o.listing?.title ?? o.id}</Link>
                    </th>
                    <td className="p-2">
                      {t(`offers:kind.${o.kind}`)} ·{" "}
                      {o.fromOrg.id === myOrgId ? t("offers:sideMade") : t("offers:sideReceived")}
                    </td>
                    <td className="p-2">
                      {counterpart.name}
                      <UnverifiedBadge verified={counterpart.verified} />
                    </td>
                    <td className="p-2 text-right tabular-nums">{formatFen(o.amountFen, i18n.language)}</td>
                    <td className="p-2">
                      <OfferStatusBadge status={o.status} />
                    </td>
                    <td className="p-2">
                      {o.status !== "open" ? (
                        "—"
                      ) : mine ? (
                        <span className="badge bg-amber-100 font-semibold text-amber-900">
                          {t("offers:awaitingYou")}
                        </span>
                      ) : (
                        t("offers:awaitingThem")
                      )}
                    </td>
                    <td className="p-2 whitespace-nowrap">
                      <time dateTime={o.updatedAt}>{formatDateTime(o.updatedAt)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} />
    </section>
  );
}
