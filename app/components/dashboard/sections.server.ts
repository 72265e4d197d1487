// The server halves of the dashboard's sections. Add yours here (see types.ts).
import { adminSection } from "./admin.server.ts";
import { membershipSection } from "./membership.server.ts";
import { myEventsSection } from "./my-events.server.ts";
import { myNeedsSection, myResultsSection } from "./my-listings.server.ts";
import { myContractsSection } from "./my-contracts.server.ts";
import { myOffersSection } from "./my-offers.server.ts";
import { notificationsSection } from "./notifications.server.ts";
import { reviewQueueSection } from "./review-queue.server.ts";
import type { DashboardSection } from "./types.ts";

export const dashboardSections: DashboardSection<any>[] = [
  membershipSection,
  reviewQueueSection,
  notificationsSection,
  myResultsSection,
  myNeedsSection,
  myOffersSection,
  myContractsSection,
  myEventsSection,
  adminSection,
];
