// The components of the dashboard's sections, by id (see types.ts). Add yours here.
import type { ComponentType } from "react";
import { AdminSection } from "./admin.tsx";
import { MembershipSection } from "./membership.tsx";
import { MyEventsSection } from "./my-events.tsx";
import { MyNeedsSection, MyResultsSection } from "./my-listings.tsx";
import { MyContractsSection } from "./my-contracts.tsx";
import { MyOffersSection } from "./my-offers.tsx";
import { NotificationsSection } from "./notifications.tsx";
import { ReviewQueueSection } from "./review-queue.tsx";
import type { SectionProps } from "./types.ts";

export const sectionComponents: Record<string, ComponentType<SectionProps<any>>> = {
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
