// Signup: a new user with a new organization, or asking to join an existing one.
import { DEFAULT_LOCALE, type Locale } from "../i18n/i18n.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { requestMembership } from "../organizations/membership.server.ts";
import { verifiedNamesake } from "../organizations/names.server.ts";
import {
  auditOrganizationCreated,
  createOrganization,
  FieldErrors,
  isUniqueViolation,
  userAuditFields,
} from "./account-common.server.ts";
import { TERMS_VERSION } from "../legal/versions.ts";
import { hashPassword } from "./password.server.ts";
import type { SignupInput } from "./schemas.ts";
import { createSession } from "./session.server.ts";

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

export async function signUp(
  input: SignupInput,
  meta: { userAgent?: string | null; locale?: Locale } = {},
): Promise<SignupOutcome> {
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
          // A look-alike of a verified organization's name would borrow its standing: only staff
          // create one (docs/decisions/0019-organization-trust.md).
          if (await verifiedNamesake(input.org.name, tx)) {
            throw new FieldErrors({ "org.name": ["errors.orgNameTaken"] });
          }
          // Audited below, once the user who created it exists.
          createdOrg = await createOrganization(tx, input.org, {
            verified: false,
            actorId: null,
            via: "signup",
            audit: false,
          });
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
          // The schema refuses a signup without acceptance; record what was accepted and when.
          termsAcceptedAt: new Date(),
          termsVersion: TERMS_VERSION,
          // the language the person signed up in: mail and notifications follow it
          locale: meta.locale ?? DEFAULT_LOCALE,
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
