// Broker profiles and the public broker directory. A profile belongs to one user (its id is the
// user's id) and names the one broker organization the broker practises for; bureau staff verify
// it. A change of level, certificate or organization asks for verification again. Every change is
// an audit event in the same transaction.
import { errors } from "../api/api.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { CERT_REQUIRED, type BrokerCreateInput, type BrokerPatchInput } from "./schemas.ts";
import { brokerRecords, type BrokerRecord } from "./stats.server.ts";

export const brokerInclude = {
  user: { select: { id: true, name: true } },
  brokerOrg: { select: { id: true, name: true, kind: true, regionCode: true } },
} satisfies Prisma.BrokerProfileInclude;
type BrokerRow = Prisma.BrokerProfileGetPayload<{ include: typeof brokerInclude }>;

const EMPTY_RECORD: BrokerRecord = {
  leads: 0,
  convertedLeads: 0,
  conversionBp: 0,
  deals: 0,
  registeredContracts: 0,
  registeredAmountFen: 0,
  commissionAgreedFen: 0,
};

export function brokerJson(b: BrokerRow, record: BrokerRecord = EMPTY_RECORD) {
  return {
    id: b.userId,
    userId: b.userId,
    name: b.user.name,
    level: b.level,
    certificateNumber: b.certificateNumber,
    fields: b.fields,
    regions: b.regions,
    bio: b.bio,
    brokerOrgId: b.brokerOrgId,
    brokerOrg: b.brokerOrg,
    verified: !!b.verifiedAt,
    verifiedAt: b.verifiedAt?.toISOString() ?? null,
    record,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

function auditFields(b: Prisma.BrokerProfileGetPayload<object>) {
  const { createdAt: _c, updatedAt: _u, ...rest } = b;
  return rest;
}

/**
 * The organization a broker practises for: the caller's own, or a verified broker organization
 * (kind agency) named explicitly.
 */
async function checkBrokerOrg(orgId: string, user: { organizationId: string | null }) {
  if (orgId === user.organizationId) return;
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { kind: true, verifiedAt: true } });
  if (!org || org.kind !== "agency" || !org.verifiedAt) {
    const message =
      "经纪机构须为本单位或已认证的服务机构 / brokerOrgId must be your organization or a verified broker organization";
    throw errors.invalid(`输入无效：brokerOrgId — ${message}`, { brokerOrgId: message });
  }
}

export async function createBrokerProfile(input: BrokerCreateInput, user: SessionUser) {
  if (!can(user, "create:broker:own"))
    throw errors.forbidden("只有技术经纪人可以建立经纪人档案 / Only brokers have a broker profile");
  const brokerOrgId = input.brokerOrgId ?? user.organizationId;
  if (!brokerOrgId) {
    const message = "须先加入一个经纪机构 / Join a broker organization first";
    throw errors.invalid(`输入无效：brokerOrgId — ${message}`, { brokerOrgId: message });
  }
  await checkBrokerOrg(brokerOrgId, user);
  const created = await prisma.$transaction(async (tx) => {
    const existing = await tx.brokerProfile.findUnique({ where: { userId: user.id }, select: { userId: true } });
    if (existing)
      throw errors.conflict("已有经纪人档案，请修改 / You already have a broker profile: PATCH it", "duplicate");
    const b = await tx.brokerProfile.create({
      data: {
        userId: user.id,
        level: input.level,
        certificateNumber: input.certificateNumber || null,
        fields: input.fields,
        regions: input.regions,
        bio: input.bio ?? "",
        brokerOrgId,
      },
      include: brokerInclude,
    });
    await recordAudit(tx, {
      entityType: "broker",
      entityId: user.id,
      action: "create",
      actorId: user.id,
      before: null,
      after: auditFields(b),
    });
    return b;
  });
  return brokerJson(created);
}

async function loadProfile(id: string) {
  const b = await prisma.brokerProfile.findUnique({ where: { userId: id }, include: brokerInclude });
  if (!b) throw errors.notFound("经纪人");
  return b;
}

/** The broker edits their own profile; admins any. */
export async function updateBrokerProfile(id: string, input: BrokerPatchInput, user: SessionUser) {
  const b = await loadProfile(id);
  if (b.userId !== user.id && user.role !== "admin") throw errors.forbidden();
  const merged = { ...b, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof b;
  if (input.certificateNumber === null || input.certificateNumber === "") merged.certificateNumber = null;
  if (merged.level !== "junior" && !merged.certificateNumber) {
    throw errors.invalid(`输入无效：certificateNumber — ${CERT_REQUIRED}`, { certificateNumber: CERT_REQUIRED });
  }
  if (input.brokerOrgId && input.brokerOrgId !== b.brokerOrgId) {
    const owner = await prisma.user.findUniqueOrThrow({ where: { id: b.userId }, select: { organizationId: true } });
    await checkBrokerOrg(input.brokerOrgId, owner);
  }
  const data = {
    level: merged.level,
    certificateNumber: merged.certificateNumber,
    fields: merged.fields,
    regions: merged.regions,
    bio: merged.bio,
    brokerOrgId: merged.brokerOrgId,
  };
  // what the bureau verified changed: verification starts over
  const reverify =
    data.level !== b.level || data.certificateNumber !== b.certificateNumber || data.brokerOrgId !== b.brokerOrgId;
  const updated = await prisma.$transaction(async (tx) => {
    const after = await tx.brokerProfile.update({
      where: { userId: id },
      data: { ...data, ...(reverify ? { verifiedAt: null, verifiedById: null } : {}) },
      include: brokerInclude,
    });
    const diff = changedFields(
      auditFields(b) as Record<string, unknown>,
      auditFields(after) as Record<string, unknown>,
    );
    await recordAudit(tx, { entityType: "broker", entityId: id, action: "update", actorId: user.id, ...diff });
    return after;
  });
  return brokerJson(updated, (await brokerRecords([id])).get(id));
}

/** Bureau staff verify (or revoke) a profile. */
export async function verifyBrokerProfile(
  id: string,
  input: { decision: "verify" | "revoke"; note?: string },
  user: SessionUser,
) {
  if (!can(user, "verify:broker:any")) throw errors.forbidden();
  const b = await loadProfile(id);
  const verifiedAt = input.decision === "verify" ? new Date() : null;
  const updated = await prisma.$transaction(async (tx) => {
    const after = await tx.brokerProfile.update({
      where: { userId: id },
      data: { verifiedAt, verifiedById: verifiedAt ? user.id : null },
      include: brokerInclude,
    });
    await recordAudit(tx, {
      entityType: "broker",
      entityId: id,
      action: input.decision,
      actorId: user.id,
      before: { verifiedAt: b.verifiedAt },
      after: { verifiedAt, note: input.note ?? null },
    });
    return after;
  });
  return brokerJson(updated, (await brokerRecords([id])).get(id));
}

/**
 * The directory: verified brokers for everyone; bureau staff and admins may also list the
 * unverified (`verified=no|all`) to verify them.
 */
export async function listBrokers(
  query: {
    field?: string;
    region?: string;
    level?: string;
    verified?: "yes" | "no" | "all";
    page: number;
    pageSize: number;
  },
  user: SessionUser | null,
) {
  const staff = can(user, "verify:broker:any");
  const verified = staff ? (query.verified ?? "yes") : "yes";
  const where: Prisma.BrokerProfileWhereInput = {
    ...(verified === "yes" ? { verifiedAt: { not: null } } : verified === "no" ? { verifiedAt: null } : {}),
    ...(query.field ? { fields: { has: query.field } } : {}),
    ...(query.region ? { regions: { has: query.region } } : {}),
    ...(query.level ? { level: query.level } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.brokerProfile.findMany({
      where,
      include: brokerInclude,
      orderBy: [{ verifiedAt: { sort: "desc", nulls: "last" } }, { userId: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.brokerProfile.count({ where }),
  ]);
  const records = await brokerRecords(rows.map((r) => r.userId));
  return {
    items: rows.map((r) => brokerJson(r, records.get(r.userId))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One profile: public when verified; the broker and staff also see it before. */
export async function getBroker(id: string, user: SessionUser | null) {
  const b = await loadProfile(id);
  if (!b.verifiedAt && user?.id !== id && !can(user, "verify:broker:any")) throw errors.notFound("经纪人");
  return brokerJson(b, (await brokerRecords([id])).get(id));
}
