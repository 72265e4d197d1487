// /results/:id: published for everyone; the owning organization and reviewers also see it in other
// states, with a status banner, its history and their actions. Others get a 404.
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/results.$id";
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
    detailData("result", params.id, viewer, locale),
    detailMatches("result", params.id),
  ]);
  return { ...detail, matches, meta: `${detail.item.title} · ${serverT(locale)("siteName")}` };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = localeFromRequest(request, user.locale);
  return listingAction(user, await request.formData(), locale, { kind: "result", id: params.id });
}

export default function ResultDetail({ loaderData, actionData }: Route.ComponentProps) {
  // The search feature's matches: needs this result could answer, with score and reasons.
  const { t } = useTranslation("listings");
  const matches = loaderData.matches ? (
    <div>
      <MatchList
        items={loaderData.matches}
        kind="need"
        offerLabel={loaderData.role.canOfferOnMatches ? t("detail.makeProposal") : undefined}
      />
    </div>
  ) : null;
  return <DetailPage data={loaderData} actionData={actionData as ListingActionData | undefined} matches={matches} />;
}
