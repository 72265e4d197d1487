// Login: credentials checked with the same work and answer whether or not the account exists,
// and failed attempts throttled per account and source (app/auth/login-throttle.server.ts).
import { randomBytes } from "node:crypto";
import { prisma } from "../db/db.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { checkLoginThrottle, recordLoginAttempt, type LoginSource } from "./login-throttle.server.ts";
import { createSession } from "./session.server.ts";
import type { Locale } from "../i18n/i18n.ts";

let dummyHash: Promise<string> | undefined;
/** A real argon2 hash of a random password: verifying against it costs what a real check costs. */
function getDummyHash() {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64url"));
  return dummyHash;
}

export type LoginOutcome =
  /** locale: the language the person chose, null if they never chose (their browser's applies) */
  | { status: "ok"; userId: string; locale: string | null; sessionId: string }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks the credentials. The same work is done whether or not the email exists (a dummy hash is
 * verified), and the same answer is given, so the response does not reveal which accounts exist.
 * A source that has to wait (app/auth/login-throttle.server.ts) is refused before its password
 * is looked at, so even the right password does not get through from it meanwhile.
 */
export async function logIn(
  email: string,
  password: string,
  meta: { userAgent?: string | null; source: LoginSource; readingLocale?: Locale },
): Promise<LoginOutcome> {
  const throttle = await checkLoginThrottle(email, meta.source);
  if (!throttle.allowed) return { status: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, locale: true, localeChosen: true, password: { select: { hash: true } } },
  });
  const ok = await verifyPassword(password, user?.password?.hash ?? (await getDummyHash()));
  if (!user || !user.password || !ok) {
    await recordLoginAttempt(email, false, meta.source);
    return { status: "invalid" };
  }
  await recordLoginAttempt(email, true, meta.source);
  const session = await createSession(user.id, meta.userAgent);
  if (user.localeChosen) return { status: "ok", userId: user.id, locale: user.locale, sessionId: session.id };
  // Never chose: mail and notifications follow the language the person reads the site in.
  if (meta.readingLocale && meta.readingLocale !== user.locale) {
    await prisma.user.update({ where: { id: user.id }, data: { locale: meta.readingLocale } });
  }
  return { status: "ok", userId: user.id, locale: null, sessionId: session.id };
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
