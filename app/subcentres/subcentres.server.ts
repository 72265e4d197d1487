// Sub-centres (分中心): the bureau creates them, affiliates organizations, names their staff,
// sets their targets and delegates first-level listing review. Every change is an audit event in
// its transaction.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SubcentreCreateInput, SubcentrePatchInput } from "./schemas.ts";
import { isSubcentreManager, staffSubcentreId } from "./scope.server.ts";

export const subcentreInclude = {
  operatorOrg: { select: { id: true, name: true } },
  parent: { select: { id: true, name: true } },
  _count: { select: { affiliates: true, staff: true } },
} satisfies Prisma.SubcentreInclude;
type SubcentreRow = Prisma.SubcentreGetPayload<{ include: typeof subcentreInclude }>;

export function subcentreJson(s: SubcentreRow) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    regionCode: s.regionCode,
    operatorOrgId: s.operatorOrgId,
    operatorOrg: s.operatorOrg,
    parentId: s.parentId,
    parent: s.parent,
    description: s.description,
    delegatedReview: s.delegatedReview,
    affiliatedOrganizations: s._count.affiliates,
    staffCount: s._count.staff,
    createdAt: s.createdAt.toISOString(),
  };
}

function bad(field: string, message: string): never {
  throw errors.invalid(`输入无效：${field} — ${message}`, { [field]: message });
}

function requireManager(user: SessionUser) {
  if (!isSubcentreManager(user))
    throw errors.forbidden(
      "只有科技局工作人员和管理员可以管理分中心 / Only bureau staff and administrators manage sub-centres",
    );
}

export async function listSubcentres() {
  const rows = await prisma.subcentre.findMany({
    include: subcentreInclude,
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { kind: "asc" }, { name: "asc" }],
  });
  return { items: rows.map(subcentreJson) };
}

export async function getSubcentre(id: string) {
  const s = await prisma.subcentre.findUnique({ where: { id }, include: subcentreInclude });
  if (!s) throw errors.notFound("分中心");
  return subcentreJson(s);
}

async function checkRefs(input: { operatorOrgId?: string | null; parentId?: string | null }) {
  if (
    input.operatorOrgId &&
    !(await prisma.organization.findUnique({ where: { id: input.operatorOrgId }, select: { id: true } }))
  ) {
    bad("operatorOrgId", "单位不存在 / Unknown organization");
  }
  if (input.parentId && !(await prisma.subcentre.findUnique({ where: { id: input.parentId }, select: { id: true } }))) {
    bad("parentId", "上级分中心不存在 / Unknown parent sub-centre");
  }
}

export async function createSubcentre(input: SubcentreCreateInput, user: SessionUser) {
  requireManager(user);
  await checkRefs(input);
  // every other centre hangs under the city centre unless told otherwise
  const parentId =
    input.parentId ??
    (input.kind === "city_centre"
      ? null
      : ((await prisma.subcentre.findFirst({ where: { kind: "city_centre" }, select: { id: true } }))?.id ?? null));
  const created = await prisma.$transaction(async (tx) => {
    if (await tx.subcentre.findUnique({ where: { name: input.name }, select: { id: true } }))
      bad("name", "已有同名分中心 / A sub-centre of that name exists");
    const s = await tx.subcentre.create({
      data: {
        name: input.name,
        kind: input.kind,
        regionCode: input.regionCode,
        operatorOrgId: input.operatorOrgId ?? null,
        parentId,
        description: input.description ?? "",
        delegatedReview: input.delegatedReview ?? false,
      },
      include: subcentreInclude,
    });
    await recordAudit(tx, {
      entityType: "subcentre",
      entityId: s.id,
      action: "create",
      actorId: user.id,
      before: null,
      after: { ...subcentreJson(s) },
    });
    return s;
  });
  return subcentreJson(created);
}

export async function updateSubcentre(id: string, input: SubcentrePatchInput, user: SessionUser) {
  requireManager(user);
  const before = await prisma.subcentre.findUnique({ where: { id } });
  if (!before) throw errors.notFound("分中心");
  await checkRefs(input);
  const updated = await prisma.$transaction(async (tx) => {
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.operatorOrgId !== undefined ? { operatorOrgId: input.operatorOrgId } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.delegatedReview !== undefined ? { delegatedReview: input.delegatedReview } : {}),
    };
    const s = await tx.subcentre.update({ where: { id }, data, include: subcentreInclude });
    if (input.target) {
      const amountFen = BigInt(input.target.amountFen);
      await tx.subcentreTarget.upsert({
        where: { subcentreId_year: { subcentreId: id, year: input.target.year } },
        create: { subcentreId: id, year: input.target.year, amountFen, setById: user.id },
        update: { amountFen, setById: user.id },
      });
    }
    await recordAudit(tx, {
      entityType: "subcentre",
      entityId: id,
      action: "update",
      actorId: user.id,
      before: Object.fromEntries(Object.keys(data).map((k) => [k, before[k as keyof typeof before]])),
      after: { ...data, ...(input.target ? { target: input.target } : {}) },
    });
    return s;
  });
  return subcentreJson(updated);
}

/** Affiliates organizations with the sub-centre (moving them from any other). */
export async function affiliateOrganizations(id: string, organizationIds: string[], user: SessionUser) {
  requireManager(user);
  if (!(await prisma.subcentre.findUnique({ where: { id }, select: { id: true } }))) throw errors.notFound("分中心");
  const unique = [...new Set(organizationIds)];
  const orgs = await prisma.organization.findMany({
    where: { id: { in: unique } },
    select: { id: true, subcentreId: true },
  });
  if (orgs.length !== unique.length) bad("organizationIds", "含有不存在的单位 / Unknown organization in the list");
  await prisma.$transaction(async (tx) => {
    await tx.organization.updateMany({ where: { id: { in: unique } }, data: { subcentreId: id } });
    for (const o of orgs) {
      await recordAudit(tx, {
        entityType: "organization",
        entityId: o.id,
        action: "affiliate",
        actorId: user.id,
        before: { subcentreId: o.subcentreId },
        after: { subcentreId: id },
      });
    }
  });
  return { subcentreId: id, organizationIds: unique };
}

/** Names a user as the sub-centre's staff: role `subcentre`, scoped to this one sub-centre. */
export async function addStaff(id: string, userId: string, user: SessionUser) {
  requireManager(user);
  if (!(await prisma.subcentre.findUnique({ where: { id }, select: { id: true } }))) throw errors.notFound("分中心");
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
  if (!target) bad("userId", "用户不存在 / Unknown user");
  if (target.role === "admin" || target.role === "bureau")
    bad("userId", "科技局工作人员和管理员本已管理所有分中心 / Bureau staff and admins already manage every sub-centre");
  const previous = await staffSubcentreId({ id: userId, role: "subcentre" });
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role: "subcentre" } });
    await tx.subcentreStaff.upsert({
      where: { userId },
      create: { userId, subcentreId: id },
      update: { subcentreId: id },
    });
    await recordAudit(tx, {
      entityType: "user",
      entityId: userId,
      action: "subcentre_staff",
      actorId: user.id,
      before: { role: target.role, subcentreId: previous },
      after: { role: "subcentre", subcentreId: id },
    });
  });
  return { userId, subcentreId: id, role: "subcentre" as const };
}
