// Leads (线索备案): a broker records which buyer and seller organizations they introduced. The
// first live lead on a pair wins (filing takes a transaction-scoped advisory lock on the pair, so
// two brokers filing at once cannot both win); the lead is an audit event, so its time is in the
// hash chain. Both parties are told who introduced them and see the lead in their list.
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { leadExpiresAt, pairKey, windowStart } from "./attribution.server.ts";
import { SAME_ORG_TWICE, type LeadCreateInput, type LeadStatus } from "./schemas.ts";

const orgSelect = { select: { id: true, name: true } } as const;
export const leadInclude = {
  broker: { select: { id: true, name: true } },
  brokerOrg: orgSelect,
  buyerOrg: orgSelect,
  sellerOrg: orgSelect,
} satisfies Prisma.LeadInclude;
type LeadRow = Prisma.LeadGetPayload<{ include: typeof leadInclude }>;

export function leadStatus(l: { status: string; createdAt: Date }, now = new Date()): LeadStatus {
  if (l.status === "waived") return "waived";
  return l.createdAt < windowStart(now) ? "expired" : "live";
}

export function leadJson(l: LeadRow) {
  return {
    id: l.id,
    brokerId: l.brokerUserId,
    brokerUserId: l.brokerUserId,
    brokerOrgId: l.brokerOrgId,
    broker: { id: l.broker.id, name: l.broker.name, org: l.brokerOrg },
    buyerOrgId: l.buyerOrgId,
    sellerOrgId: l.sellerOrgId,
    buyerOrg: l.buyerOrg,
    sellerOrg: l.sellerOrg,
    needId: l.needId,
    resultId: l.resultId,
    note: l.note,
    status: leadStatus(l),
    createdAt: l.createdAt.toISOString(),
    expiresAt: leadExpiresAt(l.createdAt).toISOString(),
    waivedAt: l.waivedAt?.toISOString() ?? null,
  };
}

function bad(field: string, message: string): never {
  throw errors.invalid(`输入无效：${field} — ${message}`, { [field]: message });
}

function shanghaiTime(d: Date) {
  return d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

/** Resolves the two parties from the need/result and the named organizations. */
async function resolveParties(input: LeadCreateInput) {
  const [need, result] = await Promise.all([
    input.needId
      ? prisma.need.findUnique({ where: { id: input.needId }, select: { organizationId: true, status: true } })
      : null,
    input.resultId
      ? prisma.result.findUnique({ where: { id: input.resultId }, select: { organizationId: true, status: true } })
      : null,
  ]);
  if (input.needId && (!need || need.status !== "published"))
    bad("needId", "技术需求不存在或未发布 / Unknown or unpublished need");
  if (input.resultId && (!result || result.status !== "published"))
    bad("resultId", "科技成果不存在或未发布 / Unknown or unpublished result");
  if (need && input.buyerOrgId && input.buyerOrgId !== need.organizationId)
    bad("buyerOrgId", "与需求的发布单位不一致 / Does not match the need's organization");
  if (result && input.sellerOrgId && input.sellerOrgId !== result.organizationId)
    bad("sellerOrgId", "与成果的发布单位不一致 / Does not match the result's organization");
  const buyerOrgId = input.buyerOrgId ?? need!.organizationId;
  const sellerOrgId = input.sellerOrgId ?? result!.organizationId;
  if (buyerOrgId === sellerOrgId) bad("sellerOrgId", SAME_ORG_TWICE);
  const orgs = await prisma.organization.findMany({
    where: { id: { in: [buyerOrgId, sellerOrgId] } },
    select: { id: true },
  });
  const known = new Set(orgs.map((o) => o.id));
  if (!known.has(buyerOrgId)) bad("buyerOrgId", "单位不存在 / Unknown organization");
  if (!known.has(sellerOrgId)) bad("sellerOrgId", "单位不存在 / Unknown organization");
  return { buyerOrgId, sellerOrgId };
}

export async function fileLead(input: LeadCreateInput, user: SessionUser, now = new Date()) {
  if (!can(user, "create:lead:own")) throw errors.forbidden("只有技术经纪人可以备案线索 / Only brokers file leads");
  const profile = await prisma.brokerProfile.findUnique({ where: { userId: user.id }, select: { brokerOrgId: true } });
  const brokerOrgId = profile?.brokerOrgId ?? user.organizationId;
  if (!brokerOrgId) throw errors.forbidden("须先加入一个经纪机构 / Join a broker organization first");
  // a lead is a claim on two other organizations' deal: not before the bureau verified the broker's
  await assertOrganizationVerified(prisma, brokerOrgId);
  const { buyerOrgId, sellerOrgId } = await resolveParties(input);
  const own = new Set([user.organizationId, brokerOrgId].filter(Boolean));
  if (own.has(buyerOrgId) || own.has(sellerOrgId)) {
    throw errors.forbidden("不能为本人所在单位备案线索 / A broker cannot file a lead involving their own organization");
  }
  const key = pairKey(buyerOrgId, sellerOrgId);
  const lead = await prisma.$transaction(async (tx) => {
    // one filer per pair at a time: the second waits here and then sees the first lead
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead:${key}`}, 0))`;
    const earlier = await tx.lead.findFirst({
      where: { pairKey: key, status: "live", createdAt: { gte: windowStart(now) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (earlier) {
      const at = earlier.createdAt.toISOString();
      throw new ApiError(
        409,
        "lead_exists",
        `这两家单位之间已有线索于 ${shanghaiTime(earlier.createdAt)}（北京时间）备案 / A lead on these two organizations was filed earlier, at ${at}`,
      );
    }
    const created = await tx.lead.create({
      data: {
        brokerUserId: user.id,
        brokerOrgId,
        buyerOrgId,
        sellerOrgId,
        needId: input.needId ?? null,
        resultId: input.resultId ?? null,
        note: input.note,
        pairKey: key,
        status: "live",
        createdAt: now,
      },
      include: leadInclude,
    });
    for (const [orgId, other] of [
      [buyerOrgId, created.sellerOrg.name],
      [sellerOrgId, created.buyerOrg.name],
    ] as const) {
      await notifyOrganization(tx, orgId, {
        kind: "lead.filed",
        title: {
          zh: `技术经纪人 ${user.name} 为贵单位与 ${other} 牵线`,
          en: `Broker ${user.name} introduced you to ${other}`,
        },
        body: {
          zh: `${created.brokerOrg.name} 的技术经纪人 ${user.name} 已备案这次对接。`,
          en: `${user.name} of ${created.brokerOrg.name} filed this introduction.`,
        },
        link: "/leads",
      });
    }
    // last: the audit insert holds the chain's lock until commit
    await recordAudit(tx, {
      entityType: "lead",
      entityId: created.id,
      action: "file",
      actorId: user.id,
      before: null,
      after: { ...created, broker: undefined, brokerOrg: undefined, buyerOrg: undefined, sellerOrg: undefined },
    });
    return created;
  });
  return leadJson(lead);
}

/** The broker's own leads; the leads naming the caller's organization; staff: all. */
export async function listLeads(
  query: { status?: LeadStatus; brokerId?: string; page: number; pageSize: number },
  user: SessionUser,
  now = new Date(),
) {
  const and: Prisma.LeadWhereInput[] = [];
  if (!can(user, "read:lead:any")) {
    const org = user.organizationId;
    and.push({ OR: [{ brokerUserId: user.id }, ...(org ? [{ buyerOrgId: org }, { sellerOrgId: org }] : [])] });
  }
  if (query.brokerId) and.push({ brokerUserId: query.brokerId });
  if (query.status === "waived") and.push({ status: "waived" });
  if (query.status === "live") and.push({ status: "live", createdAt: { gte: windowStart(now) } });
  if (query.status === "expired") and.push({ status: "live", createdAt: { lt: windowStart(now) } });
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    prisma.lead.findMany({
      where,
      include: leadInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.lead.count({ where }),
  ]);
  return { items: rows.map(leadJson), total, page: query.page, pageSize: query.pageSize };
}

/** The broker gives up the attribution: later offers and contracts between the two carry no broker. */
export async function waiveLead(id: string, user: SessionUser) {
  const lead = await prisma.lead.findUnique({ where: { id }, include: leadInclude });
  const visible =
    lead &&
    (lead.brokerUserId === user.id ||
      can(user, "read:lead:any") ||
      [lead.buyerOrgId, lead.sellerOrgId].includes(user.organizationId ?? ""));
  if (!lead || !visible) throw errors.notFound("线索");
  if (lead.brokerUserId !== user.id && user.role !== "admin")
    throw errors.forbidden("只有备案的经纪人可以放弃 / Only the broker who filed it can waive a lead");
  const updated = await prisma.$transaction(async (tx) => {
    const waivedAt = new Date();
    const changed = await tx.lead.updateMany({ where: { id, status: "live" }, data: { status: "waived", waivedAt } });
    if (changed.count !== 1) throw errors.conflict("该线索已放弃 / The lead is already waived", "invalid_state");
    await recordAudit(tx, {
      entityType: "lead",
      entityId: id,
      action: "waive",
      actorId: user.id,
      before: { status: "live" },
      after: { status: "waived", waivedAt },
    });
    return tx.lead.findUniqueOrThrow({ where: { id }, include: leadInclude });
  });
  return leadJson(updated);
}
