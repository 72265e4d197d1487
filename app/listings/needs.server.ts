// 技术需求: create, edit, submit, review, withdraw, read. Rules in workflow.server.ts.
import { ApiError } from "../api/api.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { matchAlertsAfterCommit } from "../../search/alerts.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { prisma, type Prisma } from "../db/db.server.ts";
import type { NeedContent, NeedCreateInput, NeedUpdateInput, ReviewInput } from "./schemas.ts";
import { needInclude } from "./serialize.server.ts";
import {
  assertWrite,
  canRead,
  editTransition,
  lockListing,
  notFoundListing,
  organizationForNewListing,
  recordSubmit,
  statusChange,
  LISTING_TX_OPTIONS,
  transitionListing,
  type Actor,
} from "./workflow.server.ts";

export type NeedRow = Prisma.NeedGetPayload<{ include: typeof needInclude }>;

/** A need sub-centre staff entered for a company, until a member of the company confirms it (docs/decisions/0028). */
export const AWAITING_COMPANY = "awaiting_company_confirmation";

/** 409 when such a need is submitted before the company confirmed it (confirming submits it). */
function assertNotAwaitingCompany(row: { confirmationStatus: string | null } | null) {
  if (row?.confirmationStatus === AWAITING_COMPANY) {
    throw new ApiError(
      409,
      AWAITING_COMPANY,
      "该需求由分中心代录，须先由企业确认 / A sub-centre entered this need: the company confirms it first",
    );
  }
}

/** "YYYY-MM-DD" → the Date a @db.Date column stores (midnight UTC of that calendar day). */
function dateColumn(value: string | null) {
  return value === null ? null : new Date(`${value}T00:00:00.000Z`);
}

/** Content fields → columns (fen as BigInt, deadline as a date column, contact flattened); only the fields given. */
export function needData(c: NeedContent) {
  const data: {
    title?: string;
    description?: string;
    targetIndicators?: string;
    keywords?: string[];
    field?: string;
    budgetFen?: bigint | null;
    deadline?: Date | null;
    cooperationMode?: string | null;
    contactName?: string;
    contactPhone?: string;
    contactEmail?: string;
  } = {};
  if (c.title !== undefined) data.title = c.title;
  if (c.description !== undefined) data.description = c.description;
  if (c.targetIndicators !== undefined) data.targetIndicators = c.targetIndicators;
  if (c.keywords !== undefined) data.keywords = c.keywords;
  if (c.field !== undefined) data.field = c.field;
  if (c.budgetFen !== undefined) data.budgetFen = c.budgetFen === null ? null : BigInt(c.budgetFen);
  if (c.deadline !== undefined) data.deadline = dateColumn(c.deadline);
  if (c.cooperationMode !== undefined) data.cooperationMode = c.cooperationMode;
  if (c.contact?.name !== undefined) data.contactName = c.contact.name;
  if (c.contact?.phone !== undefined) data.contactPhone = c.contact.phone;
  if (c.contact?.email !== undefined) data.contactEmail = c.contact.email;
  return data;
}

export async function createNeed(actor: Actor, input: NeedCreateInput): Promise<NeedRow> {
  const { submit, organizationId: requestedOrg, ...content } = input;
  const organizationId = await organizationForNewListing("need", actor, requestedOrg);
  return prisma.$transaction(async (tx) => {
    if (submit) await assertOrganizationVerified(tx, organizationId);
    const data = needData(content);
    const now = new Date();
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
        status: submit ? "pending_review" : "draft",
        submittedAt: submit ? now : null,
      },
      include: needInclude,
    });
    await recordAudit(tx, {
      entityType: "need",
      entityId: row.id,
      action: "create",
      actorId: actor.id,
      before: null,
      after: { ...data, organizationId, status: "draft" },
    });
    if (submit) await recordSubmit(tx, "need", row.id, actor, "draft");
    return row;
  });
}

export async function updateNeed(actor: Actor, id: string, input: NeedUpdateInput): Promise<NeedRow> {
  const { submit, ...content } = input;
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, "need", id);
    const row = await tx.need.findUnique({ where: { id } });
    if (!row) throw notFoundListing("need");
    assertWrite("need", actor, row);
    const data = needData(content);
    const { before, after } = changedFields(row as unknown as Record<string, unknown>, data);
    const changed = Object.keys(after).length > 0;
    const toReview = editTransition("need", row.status, changed, !!submit);
    if (toReview) assertNotAwaitingCompany(row);
    if (toReview) await assertOrganizationVerified(tx, row.organizationId);
    if (changed || toReview) {
      await tx.need.update({
        where: { id },
        data: { ...data, ...(toReview ? statusChange("submit", new Date()) : {}) },
      });
    }
    if (changed) {
      await recordAudit(tx, { entityType: "need", entityId: id, action: "update", actorId: actor.id, before, after });
    }
    if (toReview) await recordSubmit(tx, "need", id, actor, row.status, row.rejectionReason);
    return tx.need.findUniqueOrThrow({ where: { id }, include: needInclude });
  });
}

async function transition(actor: Actor, id: string, run: Parameters<typeof transitionListing>[4], reason?: string) {
  const row = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      await transitionListing(tx, "need", id, actor, run, reason);
      // after the access checks (a stranger still gets a 404); the throw rolls the submit back
      if (run === "submit")
        assertNotAwaitingCompany(await tx.need.findUnique({ where: { id }, select: { confirmationStatus: true } }));
      return tx.need.findUniqueOrThrow({ where: { id }, include: needInclude });
    }, LISTING_TX_OPTIONS),
  );
  if (run === "approve") matchAlertsAfterCommit("need", id);
  return row;
}

export const submitNeed = (actor: Actor, id: string) => transition(actor, id, "submit");
export const withdrawNeed = (actor: Actor, id: string, reason?: string) => transition(actor, id, "withdraw", reason);
export const reviewNeed = (actor: Actor, id: string, input: ReviewInput) =>
  transition(actor, id, input.decision, input.decision === "reject" ? input.reason : undefined);

/** The need as `viewer` may see it; a 404 when it does not exist or is not theirs to see. */
export async function getNeedFor(viewer: Actor | null, id: string): Promise<NeedRow> {
  const row = await prisma.need.findUnique({ where: { id }, include: needInclude });
  if (!row || !canRead(viewer, row)) throw notFoundListing("need");
  return row;
}
