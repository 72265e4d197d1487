// Tells the people of an organization that something happened on an offer or contract: one
// Notification row per user (both languages) and one queued mail in the user's language, in the
// caller's transaction.
import type { Tx } from "../db/db.server.ts";
import { queueMail } from "../mail/mail.server.ts";
import { publicLink } from "../mail/public-url.server.ts";
import { inLocale, notificationText, type Bilingual } from "../notifications/messages.server.ts";

export type { Bilingual };

export async function notifyOrganization(
  tx: Tx,
  orgId: string,
  message: { kind: string; title: Bilingual; body: Bilingual; link: string },
  options: { excludeUserId?: string } = {},
) {
  const users = await tx.user.findMany({
    where: { organizationId: orgId, ...(options.excludeUserId ? { id: { not: options.excludeUserId } } : {}) },
    select: { id: true, email: true, locale: true },
    take: 50,
  });
  if (users.length === 0) return 0;
  const pick = (t: Bilingual, locale: string) => inLocale(t, locale);
  // both languages stored: each reader sees the one they read in (app/notifications/text.ts)
  const text = notificationText(message.title, message.body);
  await tx.notification.createMany({
    data: users.map((u) => ({ userId: u.id, kind: message.kind, ...text, link: message.link })),
  });
  for (const u of users) {
    await queueMail(
      {
        to: u.email,
        subject: pick(message.title, u.locale),
        text: `${pick(message.body, u.locale)}\n\n${publicLink(message.link, u.locale)}`,
        kind: message.kind,
      },
      tx,
    );
  }
  return users.length;
}
