// Password change (signed in, knowing the current one) and reset (by a mailed one-time link).
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { serverT, normalizeLocale } from "../i18n/i18n.ts";
import { queueMail } from "../mail/mail.server.ts";
import { publicLink } from "../mail/public-url.server.ts";
import { FieldErrors } from "./account-common.server.ts";
import { checkLoginThrottle, recordLoginAttempt, sessionSource } from "./login-throttle.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";

/**
 * A changed password means the old one may be known to someone else, who may have used it to
 * mint API tokens: those die with it (tokens are not tied to a session, so keeping the current
 * session keeps none of them).
 */
async function revokeApiTokens(tx: Tx, userId: string) {
  const { count } = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Ends every other session and revokes every API token of the account; the current session stays. */
export async function changePassword(
  user: { id: string; email: string },
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
) {
  // A stolen session must not become a way to guess the password without limit.
  const source = sessionSource(keepSessionId);
  if (!(await checkLoginThrottle(user.email, source)).allowed)
    throw new FieldErrors({ currentPassword: ["errors.locked"] });
  const record = await prisma.password.findUnique({ where: { userId: user.id } });
  if (!record || !(await verifyPassword(currentPassword, record.hash))) {
    await recordLoginAttempt(user.email, false, source);
    throw new FieldErrors({ currentPassword: ["errors.currentPasswordWrong"] });
  }
  const hash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    await tx.password.update({ where: { userId: user.id }, data: { hash } });
    const { count: endedSessions } = await tx.session.deleteMany({
      where: { userId: user.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    });
    const revokedTokens = await revokeApiTokens(tx, user.id);
    await recordAudit(tx, {
      entityType: "user",
      entityId: user.id,
      action: "password_change",
      actorId: user.id,
      after: { endedSessions, revokedTokens },
    });
    return { endedSessions, revokedTokens };
  });
}

export const RESET_TTL_MS = 60 * 60 * 1000;

function hashResetToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Queues a reset mail when the account exists; does nothing visible otherwise (the caller shows
 * the same message either way). Returns the plain token for tests and the CLI; never show it.
 */
export async function requestPasswordReset(email: string): Promise<string | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, locale: true },
  });
  if (!user) {
    // Roughly the cost of the write below, so timing says little.
    await prisma.passwordReset.count({ where: { tokenHash: hashResetToken(email) } });
    return null;
  }
  const token = randomBytes(32).toString("base64url");
  const link = publicLink(`/reset-password?token=${encodeURIComponent(token)}`, user.locale);
  const t = serverT(normalizeLocale(user.locale));
  await prisma.$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    });
    await queueMail(
      {
        to: user.email,
        subject: t("auth:forgot.mailSubject"),
        text: t("auth:forgot.mailBody", { name: user.name, link }),
        kind: "password_reset",
      },
      tx,
    );
  });
  return token;
}

export async function isResetTokenUsable(token: string) {
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashResetToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return !!reset && !reset.usedAt && reset.expiresAt > new Date();
}

/** One-time and expiring; ends every session, revokes every API token of the account and lifts a lockout. */
export async function resetPassword(token: string, newPassword: string) {
  const hash = await hashPassword(newPassword);
  const tokenHash = hashResetToken(token);
  return prisma.$transaction(async (tx) => {
    // Claimed with a conditional update, so two concurrent uses cannot both succeed.
    const claimed = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new FieldErrors({ token: ["errors.resetInvalid"] });
    const reset = await tx.passwordReset.findUniqueOrThrow({
      where: { tokenHash },
      select: { user: { select: { id: true, email: true } } },
    });
    const userId = reset.user.id;
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    const { count: endedSessions } = await tx.session.deleteMany({ where: { userId } });
    const revokedTokens = await revokeApiTokens(tx, userId);
    // Other outstanding reset links of this account die with this one.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.loginAttempt.create({ data: { email: reset.user.email, success: true } });
    await recordAudit(tx, {
      entityType: "user",
      entityId: userId,
      action: "password_reset",
      actorId: userId,
      after: { endedSessions, revokedTokens },
    });
    return { userId, email: reset.user.email };
  });
}

export async function endOtherSessions(userId: string, keepSessionId: string | null) {
  const { count } = await prisma.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return count;
}
