// Organizations: staff create them (verified at once), staff verify self-registered ones, and
// anyone can search them by name and read their public profile.
import { ApiError, errors, requirePermission } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Prisma } from "../db/db.server.ts";
import { can } from "../auth/permissions.ts";
import { assertNameAvailable, assertNameFreeForVerification } from "./names.server.ts";
import { type OrganizationCreateInput, type OrganizationProfileInput } from "./schemas.ts";

type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;

export const organizationSelect = {
  id: true,
  name: true,
  kind: true,
  creditCode: true,
  regionCode: true,
  zone: true,
  description: true,
  website: true,
  verifiedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.OrganizationSelect;

export type OrganizationRow = Prisma.OrganizationGetPayload<{ select: typeof organizationSelect }>;

export function organizationJson(o: OrganizationRow) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    creditCode: o.creditCode,
    regionCode: o.regionCode,
    zone: o.zone,
    description: o.description,
    website: o.website,
    verified: !!o.verifiedAt,
    verifiedAt: o.verifiedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function duplicateCreditCode() {
  return new ApiError(
    409,
    "duplicate",
    "该统一社会信用代码的机构已存在 / An organization with this credit code already exists",
    {
      creditCode: "该统一社会信用代码已被使用 / This credit code is already registered",
    },
  );
}

/** Created by bureau/admin staff, so verified at once. A duplicate credit code is a 409. */
export async function createOrganization(actor: Actor, input: OrganizationCreateInput): Promise<OrganizationRow> {
  requirePermission(actor as SessionUser, "create:organization:any");
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.organization.findUnique({
        where: { creditCode: input.creditCode },
        select: { id: true },
      });
      if (existing) throw duplicateCreditCode();
      const now = new Date();
      const org = await tx.organization.create({
        data: {
          name: input.name,
          kind: input.kind,
          creditCode: input.creditCode,
          regionCode: input.regionCode,
          zone: input.zone ?? null,
          description: input.description ?? "",
          website: input.website || null,
          verifiedAt: now,
          verifiedById: actor.id,
        },
        select: organizationSelect,
      });
      await recordAudit(tx, {
        entityType: "organization",
        entityId: org.id,
        action: "create",
        actorId: actor.id,
        before: null,
        after: { ...input, verifiedAt: now },
      });
      return org;
    });
  } catch (error) {
    // two staff creating the same organization at once: the unique index decides
    if ((error as { code?: string }).code === "P2002") throw duplicateCreditCode();
    throw error;
  }
}

export function mayEditOrganization(actor: Actor | null, id: string) {
  if (!actor) return false;
  return (
    (!!actor.organizationId && actor.organizationId === id && can(actor, "update:organization:own")) ||
    can(actor, "update:organization:any")
  );
}

export function assertMayEditOrganization(actor: Actor, id: string) {
  if (!mayEditOrganization(actor, id)) {
    throw errors.forbidden("只有本机构成员可以编辑机构资料 / Only members of an organization can edit its profile");
  }
}

/**
 * Members edit their organization's description and website (admins any organization's), and its
 * name until the bureau verifies it: a look-alike of a verified organization's name is a 409
 * (docs/decisions/0019-organization-trust.md). A field left out is kept; "" clears it. Audited
 * with the fields that changed.
 */
export async function updateOrganizationProfile(
  actor: Actor,
  id: string,
  input: OrganizationProfileInput,
): Promise<OrganizationRow> {
  assertMayEditOrganization(actor, id);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Organization" WHERE id = ${id} FOR UPDATE`;
    if (!rows.length) throw errors.notFound("机构");
    const before = await tx.organization.findUniqueOrThrow({ where: { id }, select: organizationSelect });
    const next = {
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      website: input.website === undefined ? before.website : input.website || null,
    };
    if (next.name !== before.name) {
      const admin = can(actor, "update:organization:any");
      if (before.verifiedAt && !admin) {
        const message =
          "已认证机构的名称只能由管理员更改，请联系科技局 / A verified organization's name is changed by an administrator: contact the bureau";
        throw errors.invalid(message, { name: message });
      }
      if (!admin) await assertNameAvailable(next.name, tx, id);
    }
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== before[k]);
    if (!changed.length) return before;
    const updated = await tx.organization.update({ where: { id }, data: next, select: organizationSelect });
    await recordAudit(tx, {
      entityType: "organization",
      entityId: id,
      action: "update",
      actorId: actor.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return updated;
  });
}

/** Marks a self-registered organization as verified (bureau/admin). Already verified is a 409. */
export async function verifyOrganization(actor: Actor, id: string): Promise<OrganizationRow> {
  requirePermission(actor as SessionUser, "verify:organization:any");
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${id} FOR UPDATE`;
    const org = await tx.organization.findUnique({ where: { id }, select: organizationSelect });
    if (!org) throw errors.notFound("机构");
    if (org.verifiedAt)
      throw errors.conflict("该机构已通过认证 / The organization is already verified", "invalid_state");
    await assertNameFreeForVerification(tx, org);
    const now = new Date();
    const updated = await tx.organization.update({
      where: { id },
      data: { verifiedAt: now, verifiedById: actor.id },
      select: organizationSelect,
    });
    await recordAudit(tx, {
      entityType: "organization",
      entityId: id,
      action: "verify",
      actorId: actor.id,
      before: { verifiedAt: null },
      after: { verifiedAt: now },
    });
    return updated;
  });
}

export type OrganizationSearch = {
  q?: string;
  kind?: string;
  regionCode?: string[];
  verified?: boolean;
  page?: number;
  pageSize?: number;
};

/** Name search (substring, case-insensitive), verified organizations first, then by name. */
export async function searchOrganizations(params: OrganizationSearch) {
  const page = Math.max(1, params.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, params.pageSize ?? 50));
  const q = (params.q ?? "").trim().slice(0, 100);
  const where: Prisma.OrganizationWhereInput = {
    ...(q ? { name: { contains: q, mode: "insensitive" } } : {}),
    ...(params.kind ? { kind: params.kind as Prisma.OrganizationWhereInput["kind"] } : {}),
    ...(params.regionCode?.length ? { regionCode: { in: params.regionCode } } : {}),
    ...(params.verified === undefined ? {} : params.verified ? { verifiedAt: { not: null } } : { verifiedAt: null }),
  };
  const [rows, total] = await Promise.all([
    prisma.organization.findMany({
      where,
      select: {
        ...organizationSelect,
        _count: { select: { results: { where: { status: "published" } }, needs: { where: { status: "published" } } } },
      },
      orderBy: [{ verifiedAt: { sort: "asc", nulls: "last" } }, { name: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.organization.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}

export async function getOrganization(id: string) {
  const org = await prisma.organization.findUnique({ where: { id }, select: organizationSelect });
  if (!org) throw errors.notFound("机构");
  return org;
}

/** The public profile: the organization and its published listings, newest first. */
export async function organizationProfile(id: string, limit = 50) {
  const org = await getOrganization(id);
  const [results, needs, resultCount, needCount] = await Promise.all([
    prisma.result.findMany({
      where: { organizationId: id, status: "published" },
      orderBy: { publishedAt: "desc" },
      take: limit,
      select: { id: true, title: true, field: true, maturity: true, priceFen: true, publishedAt: true },
    }),
    prisma.need.findMany({
      where: { organizationId: id, status: "published" },
      orderBy: { publishedAt: "desc" },
      take: limit,
      select: { id: true, title: true, field: true, budgetFen: true, deadline: true, publishedAt: true },
    }),
    prisma.result.count({ where: { organizationId: id, status: "published" } }),
    prisma.need.count({ where: { organizationId: id, status: "published" } }),
  ]);
  // amounts as numbers and dates as text, as the profile page and the API both show them
  return {
    org,
    resultCount,
    needCount,
    results: results.map((r) => ({
      ...r,
      priceFen: r.priceFen === null ? null : Number(r.priceFen),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
    needs: needs.map((n) => ({
      ...n,
      budgetFen: n.budgetFen === null ? null : Number(n.budgetFen),
      deadline: n.deadline ? n.deadline.toISOString().slice(0, 10) : null,
      publishedAt: n.publishedAt?.toISOString() ?? null,
    })),
  };
}
