// What the account modules share: database validation reported as field errors (keys of the
// `auth` i18n namespace, like the schemas' messages), unique-violation detection, the audited
// user fields, and organization creation (signup and staff accounts).
import { recordAudit } from "../audit/audit.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { OrganizationInput } from "./schemas.ts";

/** Validation that needed the database: field path → message keys. */
export class FieldErrors extends Error {
  constructor(public fields: Record<string, string[]>) {
    super(Object.values(fields).flat().join("; "));
  }
}

export function isUniqueViolation(error: unknown, field?: string) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!field) return true;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  // The pg adapter reports the violated fields in different shapes; fall back to the message.
  return JSON.stringify(target ?? error.message).includes(field);
}

export const userAuditFields = { id: true, email: true, name: true, role: true, organizationId: true } as const;

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

export async function createOrganization(
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

export function auditOrganizationCreated(tx: Tx, org: { id: string }, actorId: string | null, via: string) {
  return recordAudit(tx, {
    entityType: "organization",
    entityId: org.id,
    action: "create",
    actorId,
    after: { ...org, via },
  });
}
