// /needs/:id: published for everyone; the owning organization and reviewers also see it in other
// states, with a status banner, its history and their actions. Others get a 404.
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/needs.$id";
import { getUser, requireUser } from "../auth/session.server.ts";
import { localeFromRequest, serverT } from "../i18n/i18n.ts";
import { detailData, detailMatches } from "../listings/pages.server.ts";
import { listingAction, type ListingActionData } from "../listings/page-actions.server.ts";
import { DetailPage } from "./listings+shared/detail-page.tsx";
import { MatchList } from "../components/match-list.tsx";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.meta ?? "" }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const locale = localeFromRequest(request, viewer?.locale);
  const [detail, matches] = await Promise.all([
    detailData("need", params.id, viewer, locale),
    detailMatches("need", params.id),
  ]);
  return { ...detail, matches, meta: `${detail.item.title} · ${serverT(locale)("siteName")}` };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  return listingAction(user, await request.formData(), locale, { kind: "need", id: params.id });
}

export default function NeedDetail({ loaderData, actionData }: Route.ComponentProps) {
  // The search feature's matches: results this need could be solved by, with score and reasons.
  const { t } = useTranslation("listings");
  const matches = loaderData.matches ? (
    <div>
      <MatchList
        items={loaderData.matches}
        kind="result"
        offerLabel={loaderData.role.canOfferOnMatches ? t("detail.makeOffer") : undefined}
      />
    </div>
  ) : null;
  return <DetailPage data={loaderData} actionData={actionData as ListingActionData | undefined} matches={matches} />;
}
