// The day-before reminder: every registration of a published event starting within 24 hours gets
// one in-app notification and one mail (through the outbox) with its check-in code. Each
// registration is claimed by setting remindedAt first, so two processes never send it twice.
import { prisma } from "../db/db.server.ts";
import { queueMail } from "../mail/mail.server.ts";
import { publicLink } from "../mail/public-url.server.ts";
import { serverBilingual, serverT } from "../i18n/i18n.ts";
import { formatDateTime } from "../domain/time.ts";

const WINDOW_MS = 24 * 3_600_000;

export async function sendEventReminders(now = new Date()) {
  const due = await prisma.eventRegistration.findMany({
    where: {
      remindedAt: null,
      event: { status: "published", startsAt: { gt: now, lte: new Date(now.getTime() + WINDOW_MS) } },
    },
    take: 500,
    select: {
      id: true,
      checkInCode: true,
      user: { select: { id: true, email: true } },
      event: { select: { id: true, title: true, startsAt: true, venue: true } },
    },
  });
  let sent = 0;
  for (const r of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.eventRegistration.updateMany({
        where: { id: r.id, remindedAt: null },
        data: { remindedAt: now },
      });
      if (claimed.count === 0) return;
      const values = {
        title: r.event.title,
        at: formatDateTime(r.event.startsAt),
        venue: r.event.venue,
        code: r.checkInCode,
      };
      const link = publicLink(`/events/${r.event.id}`);
      await tx.notification.create({
        data: {
          userId: r.user.id,
          kind: "event_reminder",
          title: serverBilingual("events:reminder.title", values),
          body: serverBilingual("events:reminder.body", values),
          link: `/events/${r.event.id}`,
        },
      });
      await queueMail(
        {
          to: r.user.email,
          kind: "event_reminder",
          subject: serverBilingual("events:reminder.title", values),
          text: `${serverT("zh-CN")("events:reminder.body", values)}\n${link}\n\n${serverT("en")("events:reminder.body", values)}\n${link}\n`,
        },
        tx,
      );
      sent += 1;
    });
  }
  return { sent };
}
