// The contract as every contracts endpoint, page and export returns it, and the stored columns
// used for audit before/after.
import type { auditHistory } from "../audit/audit.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { dayFromDate } from "../domain/time.ts";

const partyOrgSelect = {
  select: { id: true, name: true, kind: true, regionCode: true, zone: true, creditCode: true, verifiedAt: true },
} as const;

export const contractInclude = {
  sellerOrg: partyOrgSelect,
  buyerOrg: partyOrgSelect,
  brokerOrg: partyOrgSelect,
  brokerUser: { select: { id: true, name: true } },
  result: { select: { id: true, title: true, field: true } },
  need: { select: { id: true, title: true, field: true } },
  // only confirmations of the current terms exist: a change of terms deletes the others (consent.server.ts)
  confirmations: {
    select: { party: true, orgId: true, userId: true, confirmedAt: true },
    orderBy: { confirmedAt: "asc" },
  },
} satisfies Prisma.ContractInclude;

export type ContractRow = Prisma.ContractGetPayload<{ include: typeof contractInclude }>;
type PartyOrg = NonNullable<ContractRow["brokerOrg"]>;

// `verified`: pages mark an unverified party (docs/decisions/0019-organization-trust.md)
function orgJson(o: PartyOrg) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    regionCode: o.regionCode,
    zone: o.zone,
    verified: o.verifiedAt !== null,
  };
}

const n = (v: bigint) => Number(v);

/** The contract as every endpoint returns it. */
export function contractJson(c: ContractRow) {
  return {
    id: c.id,
    type: c.type,
    subtype: c.subtype,
    title: c.title,
    status: c.status,
    seller: orgJson(c.sellerOrg),
    buyer: orgJson(c.buyerOrg),
    broker: c.brokerOrg ? orgJson(c.brokerOrg) : null,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId,
    subcentreId: c.subcentreId,
    brokerUserId: c.brokerUserId,
    brokerUser: c.brokerUser,
    leadId: c.leadId,
    commission:
      c.commissionRateBp === null && c.commissionAmountFen === null
        ? null
        : {
            rateBp: c.commissionRateBp,
            amountFen: c.commissionAmountFen === null ? null : Number(c.commissionAmountFen),
          },
    contractAmountFen: n(c.contractAmountFen),
    nonTechnicalCostsFen: n(c.nonTechnicalCostsFen),
    techTransactionAmountFen: n(c.techTransactionAmountFen),
    signedAt: dayFromDate(c.signedAt),
    validUntil: dayFromDate(c.validUntil),
    offerId: c.offerId,
    resultId: c.resultId,
    needId: c.needId,
    result: c.result ? { id: c.result.id, title: c.result.title } : null,
    need: c.need ? { id: c.need.id, title: c.need.title } : null,
    ipType: c.ipType,
    field: c.field,
    reviewNote: c.reviewNote,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    registrationNumber: c.registrationNumber,
    registrationPoint: c.registrationPoint,
    registeredAt: c.registeredAt?.toISOString() ?? null,
    registeredYear: c.registeredYear,
    registeredMonth: c.registeredMonth,
    sellerRegion: c.sellerRegion,
    buyerRegion: c.buyerRegion,
    sellerZone: c.sellerZone,
    sellerKind: c.sellerKind,
    buyerKind: c.buyerKind,
    bayArea: c.bayArea,
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
    cancelReason: c.cancelReason,
    version: c.version,
    imported: c.imported,
    createdById: c.createdById,
    // the parties' consent (docs/decisions/0018): who confirmed the current terms, and when
    confirmations: c.confirmations.map((k) => ({
      party: k.party as "buyer" | "seller",
      orgId: k.orgId,
      userId: k.userId,
      confirmedAt: k.confirmedAt.toISOString(),
    })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ContractJson = ReturnType<typeof contractJson>;

/** The stored columns, for audit before/after. */
export function auditFields(c: Prisma.ContractGetPayload<object>) {
  const { createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

export function auditEventJson(e: Awaited<ReturnType<typeof auditHistory>>[number]) {
  return {
    seq: String(e.seq),
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    actorId: e.actorId,
    before: e.before,
    after: e.after,
    createdAt: e.createdAt.toISOString(),
    hash: e.hash,
  };
}

export function anomalyFlagJson(f: Prisma.AnomalyFlagGetPayload<object>) {
  return {
    id: f.id,
    contractId: f.contractId,
    kind: f.kind,
    detail: f.detail,
    createdAt: f.createdAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    resolvedById: f.resolvedById,
    resolution: f.resolution,
  };
}
