// Accounts: signup (with its organization), login with a per-account lockout, password change
// and reset, sessions, staff accounts and roles. Route actions and the CLI call these; they do
// the validation that needs the database and report it as field errors (keys of the `auth`
// i18n namespace, like the schemas' messages).
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { Role } from "../domain/catalog.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { serverT, normalizeLocale } from "../i18n/i18n.ts";
import { queueMail } from "../mail/mail.server.ts";
import { requestMembership } from "../organizations/membership.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import {
  ORGANIZATION_ROLES,
  organizationInputSchema,
  type CliUserCreateInput,
  type OrganizationInput,
  type SignupInput,
} from "./schemas.ts";
import { createSession } from "./session.server.ts";

/** Validation that needed the database: field path → message keys. */
export class FieldErrors extends Error {
  constructor(public fields: Record<string, string[]>) {
    super(Object.values(fields).flat().join("; "));
  }
}

function isUniqueViolation(error: unknown, field?: string) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!field) return true;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  // The pg adapter reports the violated fields in different shapes; fall back to the message.
  return JSON.stringify(target ?? error.message).includes(field);
}

const userAuditFields = { id: true, email: true, name: true, role: true, organizationId: true } as const;

// ------------------------------------------------------------------ organizations

export async function searchOrganizations(query: string, take = 10) {
  const q = query.trim();
  if (q.length < 2) return [];
  return prisma.organization.findMany({
    where: { name: { contains: q, mode: "insensitive" } },
    select: { id: true, name: true, kind: true, regionCode: true, verifiedAt: true },
    orderBy: [{ verifiedAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
    take,
  });
}

async function createOrganization(
  tx: Tx,
  org: OrganizationInput,
  opts: { verified: boolean; actorId: string | null; via: string; audit?: boolean },
) {
  const created = await tx.organization.create({
    data: {
      name: org.name,
      kind: org.kind,
      creditCode: org.creditCode,
      regionCode: org.regionCode,
      zone: org.zone ?? null,
      verifiedAt: opts.verified ? new Date() : null,
    },
  });
  if (opts.audit !== false) await auditOrganizationCreated(tx, created, opts.actorId, opts.via);
  return created;
}

function auditOrganizationCreated(tx: Tx, org: { id: string }, actorId: string | null, via: string) {
  return recordAudit(tx, { entityType: "organization", entityId: org.id, action: "create", actorId, after: { ...org, via } });
}

// ------------------------------------------------------------------ signup

export type SignupOutcome = {
  userId: string;
  sessionId: string;
  organization: { id: string; name: string; verified: boolean };
  /**
   * the organization already existed (picked, or its credit code was already registered): the
   * user asked to join it and belongs to no organization until a member or staff approves
   */
  joinedExisting: boolean;
};

export async function signUp(input: SignupInput, meta: { userAgent?: string | null } = {}): Promise<SignupOutcome> {
  const passwordHash = await hashPassword(input.password);
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new FieldErrors({ email: ["errors.emailTaken"] });
      }
      let organization: { id: string; name: string; verifiedAt: Date | null };
      let joinedExisting = false;
      let createdOrg: Awaited<ReturnType<typeof createOrganization>> | null = null;
      if (input.orgMode === "existing") {
        const found = await tx.organization.findUnique({
          where: { id: input.organizationId },
          select: { id: true, name: true, verifiedAt: true },
        });
        if (!found) throw new FieldErrors({ organizationId: ["errors.organizationNotFound"] });
        organization = found;
        joinedExisting = true;
      } else {
        const existing = await tx.organization.findUnique({
          where: { creditCode: input.org.creditCode },
          select: { id: true, name: true, verifiedAt: true },
        });
        if (existing) {
          organization = existing;
          joinedExisting = true;
        } else {
          // Audited below, once the user who created it exists.
          createdOrg = await createOrganization(tx, input.org, { verified: false, actorId: null, via: "signup", audit: false });
          organization = createdOrg;
        }
      }
      // An organization that already exists is only asked to be joined: its name and credit
      // code are public, so knowing them proves nothing (app/organizations/membership.server.ts).
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          organizationId: joinedExisting ? null : organization.id,
          password: { create: { hash: passwordHash } },
        },
        select: userAuditFields,
      });
      if (createdOrg) await auditOrganizationCreated(tx, createdOrg, user.id, "signup");
      await recordAudit(tx, { entityType: "user", entityId: user.id, action: "signup", actorId: user.id, after: user });
      if (joinedExisting) await requestMembership(tx, user, organization);
      return { user, organization, joinedExisting };
    });

  let outcome;
  try {
    outcome = await attempt();
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new FieldErrors({ email: ["errors.emailTaken"] });
    // Someone registered the same credit code at the same moment: join theirs.
    if (isUniqueViolation(error, "creditCode")) outcome = await attempt();
    else throw error;
  }
  const session = await createSession(outcome.user.id, meta.userAgent);
  return {
    userId: outcome.user.id,
    sessionId: session.id,
    organization: {
      id: outcome.organization.id,
      name: outcome.organization.name,
      verified: !!outcome.organization.verifiedAt,
    },
    joinedExisting: outcome.joinedExisting,
  };
}

// ------------------------------------------------------------------ login and lockout

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

async function recordAttempt(email: string, success: boolean, ip?: string | null) {
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

// ------------------------------------------------------------------ password change and reset

export async function changePassword(
  user: { id: string; email: string },
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
) {
  if (await isLockedOut(user.email)) throw new FieldErrors({ currentPassword: ["errors.locked"] });
  const record = await prisma.password.findUnique({ where: { userId: user.id } });
  if (!record || !(await verifyPassword(currentPassword, record.hash))) {
    // A stolen session must not become a way to guess the password without limit.
    await recordAttempt(user.email, false);
    throw new FieldErrors({ currentPassword: ["errors.currentPasswordWrong"] });
  }
  const hash = await hashPassword(newPassword);
  const ended = await prisma.$transaction(async (tx) => {
    await tx.password.update({ where: { userId: user.id }, data: { hash } });
    const { count } = await tx.session.deleteMany({
      where: { userId: user.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    });
    await recordAudit(tx, { entityType: "user", entityId: user.id, action: "password_change", actorId: user.id });
    return count;
  });
  return { endedSessions: ended };
}

export const RESET_TTL_MS = 60 * 60 * 1000;

function hashResetToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** The base of links in mail: PUBLIC_URL when configured, else the origin the request came to. */
export function publicBaseUrl(request: Request) {
  const configured = process.env.PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return new URL(request.url).origin;
}

/**
 * Queues a reset mail when the account exists; does nothing visible otherwise (the caller shows
 * the same message either way). Returns the plain token for tests and the CLI; never show it.
 */
export async function requestPasswordReset(email: string, baseUrl: string): Promise<string | null> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, locale: true } });
  if (!user) {
    // Roughly the cost of the write below, so timing says little.
    await prisma.passwordReset.count({ where: { tokenHash: hashResetToken(email) } });
    return null;
  }
  const token = randomBytes(32).toString("base64url");
  const link = `${baseUrl}/reset-password?token=${encodeURIComponent(token)}`;
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

/** One-time and expiring; ends every session of the account and lifts a lockout. */
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
    await tx.session.deleteMany({ where: { userId } });
    // Other outstanding reset links of this account die with this one.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.loginAttempt.create({ data: { email: reset.user.email, success: true } });
    await recordAudit(tx, { entityType: "user", entityId: userId, action: "password_reset", actorId: userId });
    return { userId, email: reset.user.email };
  });
}

// ------------------------------------------------------------------ sessions

export async function endOtherSessions(userId: string, keepSessionId: string | null) {
  const { count } = await prisma.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return count;
}

// ------------------------------------------------------------------ staff accounts, CLI, roles

/**
 * Creates a user (any role) with a password, and for researcher/company/broker its organization:
 * matched by credit code, else by exact name, else created — verified, since staff or an operator
 * created it. Used by the CLI and by /admin/users.
 */
export async function createUserAccount(input: CliUserCreateInput, opts: { actorId: string | null; via: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new FieldErrors({ email: ["errors.emailTaken"] });
      }
      let organization: { id: string; name: string } | null = null;
      let organizationCreated = false;
      const org = input.org;
      if (org && (org.creditCode || org.name)) {
        if (org.creditCode) {
          organization = await tx.organization.findUnique({ where: { creditCode: org.creditCode }, select: { id: true, name: true } });
        }
        if (!organization && org.name) {
          const byName = await tx.organization.findMany({ where: { name: org.name }, select: { id: true, name: true }, take: 2 });
          if (byName.length > 1 && !org.creditCode) throw new FieldErrors({ "org.name": ["errors.organizationAmbiguous"] });
          if (byName.length === 1 && !org.creditCode) organization = byName[0]!;
        }
        if (!organization) {
          const parsed = organizationInputSchema.safeParse(org);
          if (!parsed.success) {
            const fields: Record<string, string[]> = {};
            for (const issue of parsed.error.issues) (fields[["org", ...issue.path].join(".")] ??= []).push(issue.message);
            throw new FieldErrors(fields);
          }
          organization = await createOrganization(tx, parsed.data, { verified: true, actorId: opts.actorId, via: opts.via });
          organizationCreated = true;
        }
      }
      if (ORGANIZATION_ROLES.includes(input.role) && !organization) {
        throw new FieldErrors({ "org.name": ["errors.roleNeedsOrganization"] });
      }
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name ?? input.email.split("@")[0]!,
          role: input.role,
          organizationId: organization?.id ?? null,
          password: { create: { hash: passwordHash } },
        },
        select: userAuditFields,
      });
      await recordAudit(tx, { entityType: "user", entityId: user.id, action: "create", actorId: opts.actorId, after: { ...user, via: opts.via } });
      return { user, organization, organizationCreated };
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new FieldErrors({ email: ["errors.emailTaken"] });
    if (isUniqueViolation(error, "creditCode")) throw new FieldErrors({ "org.creditCode": ["errors.generic"] });
    throw error;
  }
}

export async function changeUserRole(actor: { id: string }, userId: string, role: Role) {
  if (actor.id === userId) throw new FieldErrors({ role: ["errors.ownRole"] });
  return prisma.$transaction(async (tx) => {
    // Serialise role changes so two admins demoting each other cannot leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('user-roles'))`;
    const before = await tx.user.findUnique({ where: { id: userId }, select: userAuditFields });
    if (!before) throw new FieldErrors({ userId: ["errors.userNotFound"] });
    if (before.role === role) return before;
    if (ORGANIZATION_ROLES.includes(role) && !before.organizationId) {
      throw new FieldErrors({ role: ["errors.roleNeedsOrganization"] });
    }
    if (before.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new FieldErrors({ role: ["errors.lastAdmin"] });
    }
    const after = await tx.user.update({ where: { id: userId }, data: { role }, select: userAuditFields });
    await recordAudit(tx, {
      entityType: "user",
      entityId: userId,
      action: "role_change",
      actorId: actor.id,
      before: { role: before.role },
      after: { role: after.role },
    });
    return after;
  });
}

// ------------------------------------------------------------------ housekeeping

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
