// Staff accounts: users of any role created by an operator (CLI) or an admin (/admin/users),
// and role changes.
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Role } from "../domain/catalog.ts";
import { createOrganization, FieldErrors, isUniqueViolation, userAuditFields } from "./account-common.server.ts";
import { ambiguousNameMessage, organizationsNamedLike, pickNamed } from "../organizations/names.server.ts";
import { hashPassword } from "./password.server.ts";
import { ORGANIZATION_ROLES, organizationInputSchema, type CliUserCreateInput } from "./schemas.ts";

/**
 * Creates a user (any role) with a password, and for researcher/company/broker its organization:
 * matched by credit code, else by name (look-alikes too, the verified one first), else created — verified, since staff or an operator
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
          organization = await tx.organization.findUnique({
            where: { creditCode: org.creditCode },
            select: { id: true, name: true },
          });
        }
        if (!organization && org.name && !org.creditCode) {
          // by name: the verified look-alike wins (docs/decisions/0019-organization-trust.md)
          const match = pickNamed(await organizationsNamedLike(org.name, tx));
          if (match.kind === "ambiguous")
            throw new FieldErrors({ "org.name": [ambiguousNameMessage(org.name, match.candidates)] });
          if (match.kind === "found") organization = { id: match.org.id, name: match.org.name };
        }
        if (!organization) {
          const parsed = organizationInputSchema.safeParse(org);
          if (!parsed.success) {
            const fields: Record<string, string[]> = {};
            for (const issue of parsed.error.issues)
              (fields[["org", ...issue.path].join(".")] ??= []).push(issue.message);
            throw new FieldErrors(fields);
          }
          organization = await createOrganization(tx, parsed.data, {
            verified: true,
            actorId: opts.actorId,
            via: opts.via,
          });
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
      await recordAudit(tx, {
        entityType: "user",
        entityId: user.id,
        action: "create",
        actorId: opts.actorId,
        after: { ...user, via: opts.via },
      });
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
