// The server halves of the dashboard's sections, by id (see types.ts). Add yours here; its
// component goes under the same id in app/components/dashboard/sections.tsx.
import { adminSection } from "./admin.server.ts";
import { membershipSection } from "./membership.server.ts";
import { myContractsSection } from "./my-contracts.server.ts";
import { myEventsSection } from "./my-events.server.ts";
import { myNeedsSection, myResultsSection } from "./my-listings.server.ts";
import { myOffersSection } from "./my-offers.server.ts";
import { notificationsSection } from "./notifications.server.ts";
import { reviewQueueSection } from "./review-queue.server.ts";
import type { DashboardSection } from "./types.ts";

const sections = {
  membership: membershipSection,
  reviewQueue: reviewQueueSection,
  notifications: notificationsSection,
  myResults: myResultsSection,
  myNeeds: myNeedsSection,
  myOffers: myOffersSection,
  myContracts: myContractsSection,
  myEvents: myEventsSection,
  admin: adminSection,
};

/** Each section's id and the data its component receives. */
export type DashboardData = {
  [K in keyof typeof sections]: (typeof sections)[K] extends DashboardSection<infer D> ? D : never;
};
export type SectionId = keyof DashboardData;

export function isSectionId(id: string): id is SectionId {
  return Object.hasOwn(sections, id);
}

export const dashboardSections: Array<DashboardSection<unknown> & { id: SectionId }> = Object.entries(sections).map(
  ([id, section]) => ({ ...section, id: id as SectionId }),
);
