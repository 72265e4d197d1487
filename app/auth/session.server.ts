// Sessions live in the database; the cookie only carries the signed session id.
import { createCookie, redirect } from "react-router";
import { prisma } from "../db/db.server.ts";
import type { Role } from "../domain/catalog.ts";
import { can, type Permission } from "./permissions.ts";
import { getEnv } from "../env.server.ts";

export const SESSION_DAYS = 30;

function sessionSecret() {
  // start.ts fills SESSION_SECRET from DATA_DIR/session-secret when it is not configured.
  return getEnv().SESSION_SECRET ?? "dev-only-session-secret-change-me";
}

export const sessionCookie = createCookie("gz_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().NODE_ENV === "production" && getEnv().INSECURE_COOKIES !== "1",
  maxAge: SESSION_DAYS * 24 * 3600,
  get secrets() {
    return [sessionSecret()];
  },
});

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  localeChosen: true,
  organizationId: true,
  organization: { select: { id: true, name: true, kind: true, regionCode: true, verifiedAt: true } },
} as const;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * The language the person chose (header button, account page), null if they never chose: then
   * pages follow the browser's Accept-Language (docs/decisions/0024-languages-and-urls.md).
   */
  locale: string | null;
  organizationId: string | null;
  organization: { id: string; name: string; kind: string; regionCode: string; verifiedAt: Date | null } | null;
};

export async function getSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await getSessionId(request);
  if (!sessionId) return null;
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: userSelect } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  const { localeChosen, ...user } = session.user;
  return { ...user, locale: localeChosen ? user.locale : null } as SessionUser;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export async function requireUserWith(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) {
    throw new Response("无权访问 / Forbidden", { status: 403 });
  }
  return user;
}

export async function createSession(userId: string, userAgent?: string | null) {
  return prisma.session.create({
    data: {
      userId,
      userAgent: userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
    },
  });
}

export async function commitSession(sessionId: string) {
  return sessionCookie.serialize(sessionId);
}

export async function destroySessionHeader(request: Request) {
  const sessionId = await getSessionId(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  return sessionCookie.serialize("", { maxAge: 0 });
}
