// The page of /results/:id and /needs/:id (one component for both; the per-kind differences are
// in DETAIL_KIND): the listing, its pictures and documents, and the matches of the other kind.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ListingFiles } from "../../components/listing-files.tsx";
import { MatchList } from "../../components/match-list.tsx";
import type { FileJson } from "../../files/serialize.ts";
import type { ListingActionData } from "../../listings/page-actions.server.ts";
import type { DetailData } from "../../listings/pages.server.ts";
import { DetailPage } from "./detail-page.tsx";

/** What differs between a result's page and a need's. */
const DETAIL_KIND = {
  // needs this result could answer; a proposal answers a need
  result: { matchKind: "need", offerLabel: "detail.makeProposal" },
  // results that could solve this need; an offer is made on a result
  need: { matchKind: "result", offerLabel: "detail.makeOffer" },
} as const;

type MatchItems = Parameters<typeof MatchList>[0]["items"];

export function ListingDetail({
  data,
  actionData,
}: {
  data: DetailData & { matches: MatchItems | null; files: FileJson[] };
  actionData: unknown;
}) {
  const { t } = useTranslation("listings");
  const kind = DETAIL_KIND[data.kind];
  const matches: ReactNode = data.matches ? (
    <div>
      <MatchList
        items={data.matches}
        kind={kind.matchKind}
        offerLabel={data.role.canOfferOnMatches ? t(kind.offerLabel) : undefined}
      />
    </div>
  ) : null;
  return (
    <DetailPage
      data={data}
      actionData={actionData as ListingActionData | undefined}
      matches={matches}
      files={<ListingFiles files={data.files} />}
    />
  );
}
