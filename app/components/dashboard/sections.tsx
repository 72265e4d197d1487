// The components of the dashboard's sections, by id (see app/dashboard/types.ts). Add yours here.
import type { ComponentType } from "react";
import type { DashboardData, SectionId } from "../../dashboard/sections.server.ts";
import type { SectionProps } from "../../dashboard/types.ts";
import { AdminSection } from "./admin.tsx";
import { MembershipSection } from "./membership.tsx";
import { MyContractsSection } from "./my-contracts.tsx";
import { MyEventsSection } from "./my-events.tsx";
import { MyNeedsSection, MyResultsSection } from "./my-listings.tsx";
import { MyOffersSection } from "./my-offers.tsx";
import { NotificationsSection } from "./notifications.tsx";
import { ReviewQueueSection } from "./review-queue.tsx";

const sectionComponents: { [K in SectionId]: ComponentType<SectionProps<DashboardData[K]>> } = {
  membership: MembershipSection,
  myEvents: MyEventsSection,
  notifications: NotificationsSection,
  myResults: MyResultsSection,
  myNeeds: MyNeedsSection,
  myOffers: MyOffersSection,
  myContracts: MyContractsSection,
  reviewQueue: ReviewQueueSection,
  admin: AdminSection,
};

/** One section as the loader paired it: the id chooses the component that knows its data. */
export function DashboardSectionView<K extends SectionId>({
  id,
  data,
  locale,
}: {
  id: K;
  data: DashboardData[K];
  locale: string;
}) {
  const Section = sectionComponents[id] as ComponentType<SectionProps<DashboardData[K]>>;
  return <Section data={data} locale={locale} />;
}
