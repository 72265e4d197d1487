// Login: credentials checked with the same work and answer whether or not the account exists,
// and failed attempts throttled.
import { randomBytes } from "node:crypto";
import { prisma } from "../db/db.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { createSession } from "./session.server.ts";

export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

let dummyHash: Promise<string> | undefined;
/** A real argon2 hash of a random password: verifying against it costs what a real check costs. */
function getDummyHash() {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64url"));
  return dummyHash;
}

/** Failed logins for this email in the window, not counting those before a later success. */
export async function recentFailures(email: string, now = new Date()) {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return prisma.loginAttempt.count({
    where: { email, success: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
  });
}

export async function isLockedOut(email: string) {
  return (await recentFailures(email)) >= LOCKOUT_THRESHOLD;
}

export async function recordAttempt(email: string, success: boolean, ip?: string | null) {
  await prisma.loginAttempt.create({ data: { email, success, ip: ip?.slice(0, 64) ?? null } });
}

export type LoginOutcome =
  | { status: "ok"; userId: string; locale: string; sessionId: string }
  | { status: "invalid" }
  | { status: "locked" };

/**
 * Checks the credentials. The same work is done whether or not the email exists (a dummy hash is
 * verified), and the same answer is given, so the response does not reveal which accounts exist.
 * Every email, existing or not, is locked after LOCKOUT_THRESHOLD failures in the window.
 */
export async function logIn(
  email: string,
  password: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<LoginOutcome> {
  const [user, locked] = await Promise.all([
    prisma.user.findUnique({
      where: { email },
      select: { id: true, locale: true, password: { select: { hash: true } } },
    }),
    isLockedOut(email),
  ]);
  const ok = await verifyPassword(password, user?.password?.hash ?? (await getDummyHash()));
  if (locked) return { status: "locked" };
  if (!user || !user.password || !ok) {
    await recordAttempt(email, false, meta.ip);
    return (await isLockedOut(email)) ? { status: "locked" } : { status: "invalid" };
  }
  await recordAttempt(email, true, meta.ip);
  const session = await createSession(user.id, meta.userAgent);
  return { status: "ok", userId: user.id, locale: user.locale, sessionId: session.id };
}


/** Drops old login attempts, expired sessions and spent reset tokens (a background job). */
export async function pruneAuthRecords(now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const [attempts, sessions, resets] = await Promise.all([
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.passwordReset.deleteMany({ where: { expiresAt: { lt: dayAgo } } }),
  ]);
  return { attempts: attempts.count, sessions: sessions.count, resets: resets.count };
}
