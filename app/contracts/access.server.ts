// Who may read, edit, submit and review a contract, and the WHERE of every list that shows
// contracts (rows, totals, exports, filtered statistics), so the two never disagree.
import { errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { BAY_AREA_PREFIXES, isRolledUpRegion } from "../domain/regions.ts";
import { contractInclude } from "./contract-json.server.ts";
import type { ContractFilters, ContractStatus } from "./schemas.ts";

export const EDITABLE_STATUSES: ContractStatus[] = ["draft", "returned"];

export function isStaff(user: SessionUser) {
  return can(user, "read:contract:any");
}

type PartyIds = {
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  createdById?: string | null;
  createdByOrgId?: string | null;
};

export function contractSides(c: PartyIds, user: SessionUser) {
  const org = user.organizationId;
  return {
    seller: !!org && c.sellerOrgId === org,
    buyer: !!org && c.buyerOrgId === org,
    broker: !!org && c.brokerOrgId === org,
  };
}

export function canReadContract(c: PartyIds, user: SessionUser) {
  const s = contractSides(c, user);
  return isStaff(user) || s.seller || s.buyer || s.broker || (!!c.createdById && c.createdById === user.id);
}

export function contractPermissions(c: PartyIds & { status: string }, user: SessionUser) {
  const s = contractSides(c, user);
  const party = s.seller || s.buyer || s.broker;
  const editable = EDITABLE_STATUSES.includes(c.status as ContractStatus);
  return {
    canEdit: editable && (can(user, "create:contract:any") || (party && can(user, "create:contract:own"))),
    canSubmit:
      editable && (can(user, "review:contract:any") || ((s.seller || s.broker) && can(user, "create:contract:own"))),
    canReview: c.status === "submitted" && can(user, "review:contract:any"),
    canAmend: c.status === "registered" && can(user, "amend:contract:any"),
    canCancel: c.status === "registered" && can(user, "amend:contract:any"),
    // a draft belongs to whoever entered it and their organization
    canDelete:
      c.status === "draft" &&
      (c.createdById === user.id ||
        (!!user.organizationId && c.createdByOrgId === user.organizationId && can(user, "create:contract:own"))),
  };
}

export async function loadVisible(id: string, user: SessionUser, tx: Tx | typeof prisma = prisma) {
  const c = await tx.contract.findUnique({ where: { id }, include: contractInclude });
  if (!c || !canReadContract(c, user)) throw errors.notFound("合同");
  return c;
}

export function wrongState(status: string, action: { zh: string; en: string }) {
  return errors.conflict(
    `合同当前状态为「${status}」，不能${action.zh} / The contract is ${status}: it cannot be ${action.en}`,
    "invalid_state",
  );
}

const none = (v: string | undefined) => (v === "none" ? null : v);

/**
 * A region key of the statistics: a province rolled up (110000: every code of Beijing; 440000:
 * Guangdong outside the Bay Area) or one region's own code. See statRegion() in app/domain/regions.ts.
 */
function regionWhere(column: "sellerRegion" | "buyerRegion", key: string): Prisma.ContractWhereInput {
  if (!isRolledUpRegion(key)) return { [column]: none(key) };
  const province = key.slice(0, 2);
  const excluded = BAY_AREA_PREFIXES.filter((p) => p.startsWith(province));
  return {
    AND: [{ [column]: { startsWith: province } }, ...excluded.map((p) => ({ NOT: { [column]: { startsWith: p } } }))],
  };
}

/**
 * The WHERE of the contracts list, of exports and of filtered statistics. The keys are those of
 * the dashboard's groups ("none" = no value), so every figure drills down to its contracts.
 * Non-staff see only contracts their organization is a party or broker to.
 */
export function contractWhere(filters: ContractFilters, user: SessionUser | null): Prisma.ContractWhereInput {
  const and: Prisma.ContractWhereInput[] = [];
  if (filters.status) and.push({ status: { in: filters.status.split(",") } });
  if (filters.year !== undefined) and.push({ registeredYear: filters.year });
  if (filters.month !== undefined) and.push({ registeredMonth: filters.month });
  if (filters.type) and.push({ type: filters.type });
  if (filters.sellerRegion) and.push(regionWhere("sellerRegion", filters.sellerRegion));
  if (filters.buyerRegion) and.push(regionWhere("buyerRegion", filters.buyerRegion));
  if (filters.zone) and.push({ sellerZone: none(filters.zone) });
  if (filters.field) and.push({ field: none(filters.field) });
  if (filters.sellerKind) and.push({ sellerKind: none(filters.sellerKind) });
  if (filters.buyerKind) and.push({ buyerKind: none(filters.buyerKind) });
  if (filters.bayArea) and.push({ bayArea: filters.bayArea === "yes" });
  if (filters.subcentre) and.push({ subcentreId: none(filters.subcentre) });
  if (filters.sellerOrgId) and.push({ sellerOrgId: filters.sellerOrgId });
  if (filters.buyerOrgId) and.push({ buyerOrgId: filters.buyerOrgId });
  if (filters.q) {
    and.push({
      OR: [{ title: { contains: filters.q, mode: "insensitive" } }, { registrationNumber: { startsWith: filters.q } }],
    });
  }
  if (user && !isStaff(user)) {
    const org = user.organizationId;
    and.push(
      org
        ? { OR: [{ sellerOrgId: org }, { buyerOrgId: org }, { brokerOrgId: org }, { createdById: user.id }] }
        : { createdById: user.id },
    );
  }
  return and.length ? { AND: and } : {};
}

function likeEscape(value: string) {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * The same filters as contractWhere() as a raw SQL condition, for the set-based sums (the list's
 * totals, filtered statistics) that the covering index "Contract_stats_cover_idx" answers with an
 * index-only scan.
 */
export function contractSqlWhere(filters: ContractFilters, user: SessionUser | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const eq = (column: string, value: string | undefined) => {
    if (!value) return;
    parts.push(
      value === "none"
        ? Prisma.sql`${Prisma.raw(`"${column}"`)} IS NULL`
        : Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`,
    );
  };
  if (filters.status) parts.push(Prisma.sql`status IN (${Prisma.join(filters.status.split(","))})`);
  if (filters.year !== undefined) parts.push(Prisma.sql`"registeredYear" = ${filters.year}`);
  if (filters.month !== undefined) parts.push(Prisma.sql`"registeredMonth" = ${filters.month}`);
  eq("type", filters.type);
  for (const column of ["sellerRegion", "buyerRegion"] as const) {
    const key = filters[column];
    if (key && isRolledUpRegion(key)) parts.push(Prisma.sql`stat_region(${Prisma.raw(`"${column}"`)}) = ${key}`);
    else eq(column, key);
  }
  eq("sellerZone", filters.zone);
  eq("field", filters.field);
  eq("sellerKind", filters.sellerKind);
  eq("buyerKind", filters.buyerKind);
  if (filters.bayArea) parts.push(Prisma.sql`"bayArea" = ${filters.bayArea === "yes"}`);
  eq("subcentreId", filters.subcentre);
  if (filters.sellerOrgId) parts.push(Prisma.sql`"sellerOrgId" = ${filters.sellerOrgId}`);
  if (filters.buyerOrgId) parts.push(Prisma.sql`"buyerOrgId" = ${filters.buyerOrgId}`);
  if (filters.q) {
    const q = likeEscape(filters.q);
    parts.push(Prisma.sql`(title ILIKE ${`%${q}%`} OR "registrationNumber" LIKE ${`${q}%`})`);
  }
  if (user && !isStaff(user)) {
    const org = user.organizationId;
    parts.push(
      org
        ? Prisma.sql`("sellerOrgId" = ${org} OR "buyerOrgId" = ${org} OR "brokerOrgId" = ${org} OR "createdById" = ${user.id})`
        : Prisma.sql`"createdById" = ${user.id}`,
    );
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export const contractListOrder: Prisma.ContractOrderByWithRelationInput[] = [
  { registeredAt: { sort: "desc", nulls: "last" } },
  { createdAt: "desc" },
  { id: "desc" },
];
