// Admins: the way to users and the outbox.
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import type { DashboardSection } from "./types.ts";

async function load() {
  const [users, pendingMail] = await Promise.all([
    prisma.user.count(),
    prisma.outboxMail.count({ where: { status: "pending" } }),
  ]);
  return { users, pendingMail };
}
export type AdminData = Awaited<ReturnType<typeof load>>;

export const adminSection: DashboardSection<AdminData> = {
  order: 90,
  visible: (user) => can(user, "manage:user:any"),
  load,
};
