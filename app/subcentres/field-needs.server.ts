// Needs collected on a site visit (代企业录入需求): staff of a sub-centre enter a need for a
// company affiliated with it; the need stays a draft awaiting the company's confirmation and is
// reviewed only after a member of the company confirms it (docs/decisions/0028).
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { AWAITING_COMPANY, needData } from "../listings/needs.server.ts";
import type { NeedCreateInput } from "../listings/schemas.ts";
import { needInclude } from "../listings/serialize.server.ts";
import {
  isOwnerMember,
  canRead,
  lockListing,
  notFoundListing,
  recordSubmit,
  statusChange,
  LISTING_TX_OPTIONS,
} from "../listings/workflow.server.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { staffSubcentreId } from "./scope.server.ts";

type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;

function bad(field: string, message: string): never {
  throw errors.invalid(`输入无效：${field} — ${message}`, { [field]: message });
}

/** Only this sub-centre's own staff enter needs in its name (the bureau acts through its own pages). */
async function requireOwnStaff(actor: Actor, subcentreId: string) {
  const exists = await prisma.subcentre.findUnique({ where: { id: subcentreId }, select: { id: true } });
  if (!exists) throw errors.notFound("分中心");
  if ((await staffSubcentreId(actor)) !== subcentreId) {
    throw errors.forbidden(
      "只有该分中心的工作人员可以代企业录入需求 / Only this sub-centre's staff can enter a need for a company",
    );
  }
}

/** The organizations affiliated with the sub-centre, for the staff form's choice. */
export async function affiliatedCompanies(subcentreId: string) {
  return prisma.organization.findMany({
    where: { subcentreId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 500,
  });
}

export async function createNeedForCompany(
  actor: Actor,
  subcentreId: string,
  input: Omit<NeedCreateInput, "submit"> & { organizationId: string },
) {
  await requireOwnStaff(actor, subcentreId);
  const { organizationId, ...content } = input;
  const org = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, subcentreId: true },
  });
  if (!org) bad("organizationId", "单位不存在 / Unknown organization");
  if (org.subcentreId !== subcentreId) {
    bad("organizationId", "该单位未归属本分中心 / The organization is not affiliated with this sub-centre");
  }
  return prisma.$transaction(async (tx) => {
    const data = needData(content);
    const row = await tx.need.create({
      data: {
        title: content.title,
        description: content.description,
        field: content.field,
        ...data,
        keywords: content.keywords ?? [],
        budgetFen: data.budgetFen ?? null,
        organizationId,
        createdById: actor.id,
        subcentreId,
        status: "draft",
        confirmationStatus: AWAITING_COMPANY,
      },
      include: needInclude,
    });
    await notifyOrganization(tx, organizationId, {
      kind: "need.awaiting_confirmation",
      title: {
        zh: `分中心为贵单位录入了技术需求「${row.title}」，请确认`,
        en: `A sub-centre entered the need "${row.title}" for you: please confirm it`,
      },
      body: {
        zh: "分中心工作人员根据走访记录代为录入。确认（可先修改）后进入审核；未经确认不会公开。",
        en: "Sub-centre staff entered it from a site visit. Once you confirm it (edit it first if needed) it goes to review; it is never public unconfirmed.",
      },
      link: "/my/needs",
    });
    await recordAudit(tx, {
      entityType: "need",
      entityId: row.id,
      action: "create",
      actorId: actor.id,
      before: null,
      after: { ...data, organizationId, subcentreId, status: "draft", confirmationStatus: AWAITING_COMPANY },
    });
    return row;
  });
}

/** The needs this sub-centre entered that the companies have not confirmed yet (the desk's list). */
export async function awaitingConfirmation(subcentreId: string) {
  const rows = await prisma.need.findMany({
    where: { subcentreId, confirmationStatus: AWAITING_COMPANY },
    select: { id: true, title: true, createdAt: true, organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/**
 * A member of the company confirms the need entered for it: it goes to the normal review in the
 * same transaction. Confirming again returns the need unchanged.
 */
export async function confirmNeed(actor: Actor, id: string) {
  return prisma.$transaction(async (tx: Tx) => {
    await lockListing(tx, "need", id);
    const row = await tx.need.findUnique({ where: { id } });
    if (!row || !canRead(actor, row)) throw notFoundListing("need");
    if (!isOwnerMember(actor, row) || !can(actor, "update:need:own")) {
      throw errors.forbidden("只有该企业的成员可以确认 / Only a member of the company can confirm it");
    }
    if (row.confirmationStatus === "confirmed")
      return tx.need.findUniqueOrThrow({ where: { id }, include: needInclude });
    if (row.confirmationStatus !== AWAITING_COMPANY) {
      throw errors.conflict("该需求无需确认 / This need does not wait for a confirmation", "invalid_state");
    }
    await assertOrganizationVerified(tx, row.organizationId);
    const now = new Date();
    await tx.need.update({
      where: { id },
      data: {
        confirmationStatus: "confirmed",
        confirmedById: actor.id,
        confirmedAt: now,
        ...statusChange("submit", now),
      },
    });
    await recordAudit(tx, {
      entityType: "need",
      entityId: id,
      action: "confirm",
      actorId: actor.id,
      before: { confirmationStatus: row.confirmationStatus },
      after: { confirmationStatus: "confirmed", subcentreId: row.subcentreId },
    });
    await recordSubmit(tx, "need", id, actor, row.status, row.rejectionReason);
    return tx.need.findUniqueOrThrow({ where: { id }, include: needInclude });
  }, LISTING_TX_OPTIONS);
}

/** The needs sub-centres entered for this organization that wait for its confirmation (/my/needs). */
export async function awaitingForCompany(organizationId: string | null) {
  if (!organizationId) return [];
  const rows = await prisma.need.findMany({
    where: { organizationId, confirmationStatus: AWAITING_COMPANY },
    select: { id: true, title: true, createdAt: true, subcentre: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
