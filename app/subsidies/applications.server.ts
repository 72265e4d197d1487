// Subsidy applications (奖补申请): who sees a contract's subsidies, the eligibility endpoint, an
// organization applying, and the lists. Decisions and disbursement: decisions.server.ts;
// 免申即享 and clawback: auto.server.ts. docs/decisions/0021-subsidies.md.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { canReadContract } from "../contracts/access.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { Prisma, type SubsidyApplication } from "../generated/prisma/client.ts";
import { staffSubcentreId } from "../subcentres/scope.server.ts";
import {
  contractEligibility,
  contractFactsSelect,
  eligibilityFor,
  eligibilityJson,
  type ContractFacts,
  type EligibilityItem,
} from "./eligibility.server.ts";
import type { ApplicationCreateInput, ApplicationListQuery } from "./schemas.ts";

export function applicationJson(a: SubsidyApplication) {
  return {
    id: a.id,
    programme: a.programmeCode,
    programmeId: a.programmeId,
    contractId: a.contractId,
    role: a.role,
    orgId: a.orgId,
    basisFen: Number(a.basisFen),
    rateBp: a.rateBp,
    amountFen: Number(a.amountFen),
    cappedBy: a.cappedBy,
    status: a.status,
    auto: a.auto,
    appliedById: a.appliedById,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decidedById: a.decidedById,
    decisionNote: a.decisionNote,
    disbursedAt: a.disbursedAt?.toISOString() ?? null,
    bankReference: a.bankReference,
    reviewReason: a.reviewReason,
    reviewFlaggedAt: a.reviewFlaggedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type ApplicationJson = ReturnType<typeof applicationJson>;

/** Column values for audit before/after. */
export function applicationAudit(a: SubsidyApplication) {
  const { createdAt: _c, updatedAt: _u, ...rest } = a;
  return rest;
}

/** Bureau/admin see every contract's subsidies; a sub-centre's staff those of contracts it brought. */
async function canSeeSubsidies(c: ContractFacts & { createdById?: string | null }, user: SessionUser) {
  if (can(user, "manage:subsidy:any")) return true;
  if (canReadContract(c, user)) return true;
  const own = await staffSubcentreId(user);
  return !!own && c.subcentreId === own;
}

/** The contract's facts for the subsidy rules, if the caller may see its subsidies; else 404. */
export async function visibleContractFacts(contractId: string, user: SessionUser, db: Tx | typeof prisma = prisma) {
  const c = await db.contract.findUnique({
    where: { id: contractId },
    select: { ...contractFactsSelect, createdById: true },
  });
  if (!c || !(await canSeeSubsidies(c, user))) throw errors.notFound("合同");
  return c;
}

/** GET /api/v1/subsidies/eligibility?contractId= */
export async function getEligibility(contractId: string, user: SessionUser) {
  const c = await visibleContractFacts(contractId, user);
  const items = await contractEligibility(c);
  return { contractId, items: items.map(eligibilityJson) };
}

/** Whether the user applies for this role's organization (a member with the apply permission). */
export function canApplyFor(user: SessionUser, orgId: string | null) {
  return !!orgId && user.organizationId === orgId && can(user, "apply:subsidy:own");
}

function notEligible(item: EligibilityItem) {
  const why = item.reasons.filter((r) => r.blocking).map((r) => r.message);
  return errors.conflict(
    `不符合奖补条件：${why.join("；") || "金额为 0 / the amount is 0"}`,
    why.length === 1 && item.reasons.find((r) => r.blocking)?.code === "already_applied"
      ? "already_applied"
      : "not_eligible",
  );
}

/**
 * Inserts an application for an eligible item; a second one for the same contract, programme and
 * role hits the unique index and is a 409 `already_applied`, however close together they come.
 */
export async function insertApplication(
  tx: Tx,
  c: ContractFacts,
  item: EligibilityItem,
  opts: { userId: string | null; auto: boolean },
) {
  try {
    const created = await tx.subsidyApplication.create({
      data: {
        programmeId: item.programmeId,
        programmeCode: item.programme,
        contractId: c.id,
        role: item.role,
        orgId: item.orgId,
        basisFen: item.basisFen,
        rateBp: item.rateBp,
        amountFen: item.amountFen,
        cappedBy: item.cappedBy,
        auto: opts.auto,
        appliedById: opts.userId,
      },
    });
    await recordAudit(tx, {
      entityType: "subsidy_application",
      entityId: created.id,
      action: opts.auto ? "auto_apply" : "apply",
      actorId: opts.userId,
      after: applicationAudit(created),
    });
    return created;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw errors.conflict(
        "该合同在此项目下已为该角色申请过奖补 / This contract already has an application for this programme and role",
        "already_applied",
      );
    throw error;
  }
}

/** POST /api/v1/subsidies/applications — a member of the role's organization applies. */
export async function applyForSubsidy(input: ApplicationCreateInput, user: SessionUser) {
  const c = await visibleContractFacts(input.contractId, user);
  const { programme, item } = await eligibilityFor(c, input.programme, input.role);
  if (!programme)
    throw errors.invalid(
      "该合同登记日没有此奖补项目 / No version of this programme covers the contract's registration day",
      {
        programme: "未知项目或不适用于该合同 / unknown programme, or none in force on the contract's registration day",
      },
    );
  if (!item) {
    const rule = programme.rules.find((r) => r.role === input.role);
    throw errors.invalid("该项目不补助此角色 / The programme has no subsidy for this role on this contract", {
      role: rule
        ? "该合同没有此角色的单位 / the contract has no organization in this role"
        : "该项目不补助此角色 / the programme has no rule for this role",
    });
  }
  if (!canApplyFor(user, item.orgId))
    throw errors.forbidden(
      "只有该角色所在单位的成员可以申请 / Only members of the organization in this role may apply",
    );
  if (!item.eligible) throw notEligible(item);
  const created = await prisma.$transaction((tx) => insertApplication(tx, c, item, { userId: user.id, auto: false }));
  return { application: applicationJson(created), eligibility: eligibilityJson(item) };
}

/** Which applications the caller may list: all (bureau), their sub-centre's, or their organization's. */
async function scopeWhere(user: SessionUser): Promise<Prisma.SubsidyApplicationWhereInput> {
  if (can(user, "manage:subsidy:any")) return {};
  const own = await staffSubcentreId(user);
  if (own) return { contract: { subcentreId: own } };
  if (user.organizationId) return { orgId: user.organizationId };
  return { id: "" };
}

export function applicationFilterWhere(query: ApplicationListQuery): Prisma.SubsidyApplicationWhereInput {
  return {
    ...(query.programme ? { programmeCode: query.programme } : {}),
    ...(query.year ? { programme: { year: query.year } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.orgId ? { orgId: query.orgId } : {}),
    ...(query.contractId ? { contractId: query.contractId } : {}),
  };
}

/** GET /api/v1/subsidies/applications */
export async function listApplications(query: ApplicationListQuery, user: SessionUser) {
  const where = { AND: [await scopeWhere(user), applicationFilterWhere(query)] };
  const rows = await prisma.subsidyApplication.findMany({
    where,
    include: {
      org: { select: { id: true, name: true } },
      contract: { select: { id: true, title: true, registrationNumber: true, registeredAt: true, subcentreId: true } },
    },
    orderBy: [{ createdAt: "desc" }],
    take: 500,
  });
  return {
    items: rows.map((a) => ({
      ...applicationJson(a),
      org: a.org,
      contract: {
        id: a.contract.id,
        title: a.contract.title,
        registrationNumber: a.contract.registrationNumber,
        registeredAt: a.contract.registeredAt?.toISOString() ?? null,
        subcentreId: a.contract.subcentreId,
      },
    })),
  };
}

/** The application if the caller may see it (its organization, its sub-centre's staff, the bureau). */
export async function visibleApplication(id: string, user: SessionUser) {
  const where = { AND: [await scopeWhere(user), { id }] };
  const a = await prisma.subsidyApplication.findFirst({ where });
  if (!a) throw errors.notFound("奖补申请");
  return a;
}
