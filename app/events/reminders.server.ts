// The day-before reminder: every registration of a published event starting within 24 hours gets
// one in-app notification and one mail (through the outbox) with its check-in code and, in the
// mail's HTML part, the registration's QR code (a PNG data URL: no attachment store). Each
// registration is claimed by setting remindedAt first, so two processes never send it twice.
import { prisma } from "../db/db.server.ts";
import { queueMail } from "../mail/mail.server.ts";
import { publicLink } from "../mail/public-url.server.ts";
import { knownLocale, serverT, type Locale } from "../i18n/i18n.ts";
import { notificationText } from "../notifications/messages.server.ts";
import { formatDateTime } from "../domain/time.ts";
import { checkInQr } from "./check-in.server.ts";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

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
      checkInToken: true,
      user: { select: { id: true, email: true, locale: true } },
      event: { select: { id: true, title: true, startsAt: true, venue: true } },
    },
  });
  let sent = 0;
  for (const r of due) {
    // built before the transaction: no CPU work while it holds the row
    const qr = await checkInQr(r.checkInToken, "png");
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
      const locale = knownLocale(r.user.locale) ?? "zh-CN";
      const link = publicLink(`/events/${r.event.id}`, locale);
      await tx.notification.create({
        data: {
          userId: r.user.id,
          kind: "event_reminder",
          ...notificationText({ key: "events:reminder.title", values }, { key: "events:reminder.body", values }),
          link: `/events/${r.event.id}`,
        },
      });
      // the mail in the recipient's language (docs/decisions/0024-languages-and-urls.md)
      const t = serverT(locale);
      await queueMail(
        {
          to: r.user.email,
          kind: "event_reminder",
          subject: t("events:reminder.title", values),
          text: `${t("events:reminder.body", values)}\n${link}\n`,
          html: reminderHtml(values, link, qr, locale),
        },
        tx,
      );
      sent += 1;
    });
  }
  return { sent };
}

function reminderHtml(values: Record<string, string>, link: string, qr: string, locale: Locale) {
  const t = serverT(locale);
  return (
    `<!doctype html><html lang="${locale}"><body>` +
    `<p>${escapeHtml(t("events:reminder.body", values))}</p><p>${escapeHtml(t("events:reminder.qr"))}</p>` +
    `<p><img src="${qr}" width="240" height="240" alt="${escapeHtml(t("events:qrAlt", values))}"></p>` +
    `<p style="font-family:monospace;font-size:20px;letter-spacing:4px">${escapeHtml(values.code ?? "")}</p>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`
  );
}
