// Outgoing mail goes through the OutboxMail table: queued in the same transaction as whatever
// caused it, delivered by the background worker through SMTP when SMTP_URL is set, otherwise
// written as .eml files under DATA_DIR/mail (admins read them at /admin/mail).
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { prisma, type Tx } from "../db/db.server.ts";
import { resolveDataDir } from "../db/embedded-postgres.server.ts";

export type MailInput = { to: string; subject: string; text: string; html?: string; kind: string };

export async function queueMail(mail: MailInput, tx: Tx | typeof prisma = prisma) {
  return tx.outboxMail.create({ data: { ...mail, html: mail.html ?? null } });
}

export function mailFolder() {
  return path.join(resolveDataDir(), "mail");
}

let transport: nodemailer.Transporter | null | undefined;
function smtp() {
  if (transport === undefined) transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

function toEml(mail: { id: string; to: string; subject: string; text: string; createdAt: Date }, from: string) {
  const subject = `=?UTF-8?B?${Buffer.from(mail.subject).toString("base64")}?=`;
  return [
    `From: ${from}`,
    `To: ${mail.to}`,
    `Subject: ${subject}`,
    `Date: ${mail.createdAt.toUTCString()}`,
    `Message-ID: <${mail.id}@gz-tech-market.local>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    mail.text,
  ].join("\r\n");
}

/** Delivers pending mail; safe to run concurrently (rows are claimed with SKIP LOCKED). */
export async function deliverPendingMail(limit = 20) {
  const from = process.env.MAIL_FROM ?? "赣州科技大市场 <noreply@localhost>";
  let delivered = 0;
  for (let i = 0; i < limit; i++) {
    const done = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "OutboxMail" WHERE status = 'pending' AND attempts < 5
        ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const id = rows[0]?.id;
      if (!id) return false;
      const mail = await tx.outboxMail.findUniqueOrThrow({ where: { id } });
      try {
        const transporter = smtp();
        if (transporter) {
          await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
          await tx.outboxMail.update({ where: { id }, data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 } } });
        } else {
          fs.mkdirSync(mailFolder(), { recursive: true });
          fs.writeFileSync(path.join(mailFolder(), `${mail.id}.eml`), toEml(mail, from));
          await tx.outboxMail.update({ where: { id }, data: { status: "written", sentAt: new Date(), attempts: { increment: 1 } } });
        }
      } catch (error) {
        await tx.outboxMail.update({
          where: { id },
          data: { attempts: { increment: 1 }, error: String(error).slice(0, 500), status: mail.attempts >= 4 ? "failed" : "pending" },
        });
      }
      return true;
    });
    if (!done) break;
    delivered++;
  }
  return delivered;
}
