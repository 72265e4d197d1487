import { prisma } from "../db/db.server.ts";
import { formId } from "../components/form-intent.ts";
import type { DashboardSection } from "./types.ts";

async function load(user: { id: string }) {
  const [unread, items] = await Promise.all([
    prisma.notification.count({ where: { userId: user.id, readAt: null } }),
    prisma.notification.findMany({
      where: { userId: user.id },
      orderBy: [{ readAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
      take: 15,
      select: {
        id: true,
        kind: true,
        title: true,
        titleEn: true,
        body: true,
        bodyEn: true,
        link: true,
        readAt: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    unread,
    items: items.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
  };
}
export type NotificationsData = Awaited<ReturnType<typeof load>>;

export const notificationsSection: DashboardSection<NotificationsData> = {
  order: 50,
  visible: () => true,
  load,
  actions: {
    // Only the user's own notifications: the userId condition makes other ids a no-op. The button
    // carries only the notification's id.
    "notifications.read": (user, form) =>
      prisma.notification.updateMany({
        where: { id: formId(form, "id") ?? "", userId: user.id, readAt: null },
        data: { readAt: new Date() },
      }),
    "notifications.readAll": (user) =>
      prisma.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } }),
  },
};
