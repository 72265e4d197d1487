// The fairs and roadshows the user registered for that have not ended, with their check-in codes.
import { prisma } from "../db/db.server.ts";
import type { DashboardSection, DashboardUser } from "./types.ts";

async function load(user: DashboardUser) {
  const rows = await prisma.eventRegistration.findMany({
    where: { userId: user.id, event: { endsAt: { gte: new Date() } } },
    orderBy: { event: { startsAt: "asc" } },
    take: 5,
    select: {
      checkInCode: true,
      checkedInAt: true,
      event: { select: { id: true, title: true, kind: true, startsAt: true, venue: true, status: true } },
    },
  });
  return rows.map((r) => ({
    ...r.event,
    startsAt: r.event.startsAt.toISOString(),
    checkInCode: r.checkInCode,
    checkedIn: !!r.checkedInAt,
  }));
}
export type MyEventsData = Awaited<ReturnType<typeof load>>;

export const myEventsSection: DashboardSection<MyEventsData> = {
  order: 45,
  visible: () => true,
  load,
};
