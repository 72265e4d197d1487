// Outgoing mail goes through the OutboxMail table: queued in the same transaction as whatever
// caused it, delivered after commit by the background worker through SMTP when SMTP_URL is set,
// otherwise written as .eml files under DATA_DIR/mail (admins read them at /admin/mail). Nothing
// talks to SMTP inside a database transaction.
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { prisma, type Tx } from "../db/db.server.ts";
import { resolveDataDir } from "../db/embedded-postgres.server.ts";
import { getEnv } from "../env.server.ts";

export type MailInput = { to: string; subject: string; text: string; html?: string; kind: string };

export async function queueMail(mail: MailInput, tx: Tx | typeof prisma = prisma) {
  return tx.outboxMail.create({ data: { ...mail, html: mail.html ?? null } });
}

export function mailFolder() {
  return path.join(resolveDataDir(), "mail");
}

let transport: Transporter | null | undefined;
/** Forgets the SMTP transport, so the next delivery reads SMTP_URL again (tests, configuration reload). */
export function resetMailTransport() {
  transport?.close();
  transport = undefined;
}
function smtp() {
  if (transport === undefined) {
    const url = getEnv().SMTP_URL;
    // the timeouts sit beside the url in one options object: a second argument would be message
    // defaults (headers of every mail), not transport options
    transport = url ? nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }) : null;
  }
  return transport;
}

// The .eml files are built by nodemailer itself (its stream transport), exactly as it would send
// them over SMTP: text and HTML as multipart/alternative, encoded headers and bodies.
let emlTransport: Transporter | undefined;
async function toEml(
  mail: { id: string; to: string; subject: string; text: string; html: string | null; createdAt: Date },
  from: string,
) {
  emlTransport ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await emlTransport.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    date: mail.createdAt,
    messageId: `<${mail.id}@gz-tech-market.local>`,
  });
  return info.message as Buffer;
}

/**
 * A claimed row stays claimed this long: a sender that died mid-send (process killed) leaves it
 * to be sent again after the lease, never while another sender may still be talking to SMTP.
 */
export const MAIL_CLAIM_LEASE_MS = 10 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

type Claimed = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
  createdAt: Date;
};

/**
 * Claims the oldest pending mail in one autocommitted statement (SKIP LOCKED: concurrent senders
 * take different rows). No transaction stays open while SMTP talks: a slow mail server holds no
 * database lock, and a timed-out transaction can no longer roll back a mail that was already sent
 * (which is how a retry used to send it twice).
 */
async function claimNext(now: Date): Promise<Claimed | undefined> {
  const staleBefore = new Date(now.getTime() - MAIL_CLAIM_LEASE_MS);
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboxMail" SET status = 'sending', "claimedAt" = ${now}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "OutboxMail"
      WHERE (status = 'pending' OR (status = 'sending' AND "claimedAt" < ${staleBefore})) AND attempts < 5
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "to", subject, text, html, attempts, "createdAt"`;
  return rows[0];
}

/** Delivers pending mail, each at most once per claim; safe to run from several processes. */
export async function deliverPendingMail(limit = 20) {
  const from = getEnv().MAIL_FROM;
  let delivered = 0;
  for (let i = 0; i < limit; i++) {
    const mail = await claimNext(new Date());
    if (!mail) break;
    try {
      const transporter = smtp();
      if (transporter) {
        // the outbox id as Message-ID: a receiving server can drop a duplicate after a crash
        await transporter.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
          messageId: `<${mail.id}@gz-tech-market.local>`,
        });
        await prisma.outboxMail.updateMany({
          where: { id: mail.id, status: "sending" },
          data: { status: "sent", sentAt: new Date() },
        });
      } else {
        fs.mkdirSync(mailFolder(), { recursive: true });
        fs.writeFileSync(path.join(mailFolder(), `${mail.id}.eml`), await toEml(mail, from));
        await prisma.outboxMail.updateMany({
          where: { id: mail.id, status: "sending" },
          data: { status: "written", sentAt: new Date() },
        });
      }
    } catch (error) {
      await prisma.outboxMail.updateMany({
        where: { id: mail.id, status: "sending" },
        data: { error: String(error).slice(0, 500), status: mail.attempts >= 5 ? "failed" : "pending" },
      });
    }
    delivered++;
  }
  return delivered;
}
