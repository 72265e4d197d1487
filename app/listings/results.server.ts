// 科技成果: create, edit, submit, review, withdraw, read. Rules in workflow.server.ts.
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { matchAlertsAfterCommit } from "../../search/alerts.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { prisma, type Prisma } from "../db/db.server.ts";
import type { ResultContent, ResultCreateInput, ResultUpdateInput, ReviewInput } from "./schemas.ts";
import { resultInclude } from "./serialize.server.ts";
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

export type ResultRow = Prisma.ResultGetPayload<{ include: typeof resultInclude }>;

/** The columns a content object sets (only the keys it carries). */
/** Content fields → columns (fen as BigInt, contact flattened); only the fields given. */
export function resultData(c: ResultContent) {
  const data: {
    title?: string;
    summary?: string;
    keywords?: string[];
    field?: string;
    maturity?: string;
    transferModes?: string[];
    priceFen?: bigint | null;
    ipDescription?: string;
    patentNumbers?: string[];
    contactName?: string;
    contactPhone?: string;
    contactEmail?: string;
  } = {};
  if (c.title !== undefined) data.title = c.title;
  if (c.summary !== undefined) data.summary = c.summary;
  if (c.keywords !== undefined) data.keywords = c.keywords;
  if (c.field !== undefined) data.field = c.field;
  if (c.maturity !== undefined) data.maturity = c.maturity;
  if (c.transferModes !== undefined) data.transferModes = c.transferModes;
  if (c.priceFen !== undefined) data.priceFen = c.priceFen === null ? null : BigInt(c.priceFen);
  if (c.ipDescription !== undefined) data.ipDescription = c.ipDescription;
  if (c.patentNumbers !== undefined) data.patentNumbers = c.patentNumbers;
  if (c.contact?.name !== undefined) data.contactName = c.contact.name;
  if (c.contact?.phone !== undefined) data.contactPhone = c.contact.phone;
  if (c.contact?.email !== undefined) data.contactEmail = c.contact.email;
  return data;
}

export async function createResult(actor: Actor, input: ResultCreateInput): Promise<ResultRow> {
  const { submit, organizationId: requestedOrg, ...content } = input;
  const organizationId = await organizationForNewListing("result", actor, requestedOrg);
  return prisma.$transaction(async (tx) => {
    if (submit) await assertOrganizationVerified(tx, organizationId);
    const data = resultData(content);
    const now = new Date();
    const row = await tx.result.create({
      data: {
        title: content.title,
        summary: content.summary,
        field: content.field,
        maturity: content.maturity,
        transferModes: content.transferModes,
        ...data,
        keywords: content.keywords ?? [],
        patentNumbers: content.patentNumbers ?? [],
        priceFen: data.priceFen ?? null,
        organizationId,
        createdById: actor.id,
        status: submit ? "pending_review" : "draft",
        submittedAt: submit ? now : null,
      },
      include: resultInclude,
    });
    await recordAudit(tx, {
      entityType: "result",
      entityId: row.id,
      action: "create",
      actorId: actor.id,
      before: null,
      after: { ...data, organizationId, status: "draft" },
    });
    if (submit) await recordSubmit(tx, "result", row.id, actor, "draft");
    return row;
  });
}

export async function updateResult(actor: Actor, id: string, input: ResultUpdateInput): Promise<ResultRow> {
  const { submit, ...content } = input;
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, "result", id);
    const row = await tx.result.findUnique({ where: { id } });
    if (!row) throw notFoundListing("result");
    assertWrite("result", actor, row);
    const data = resultData(content);
    const { before, after } = changedFields(row as unknown as Record<string, unknown>, data);
    const changed = Object.keys(after).length > 0;
    const toReview = editTransition("result", row.status, changed, !!submit);
    if (toReview) await assertOrganizationVerified(tx, row.organizationId);
    if (changed || toReview) {
      await tx.result.update({
        where: { id },
        data: { ...data, ...(toReview ? statusChange("submit", new Date()) : {}) },
      });
    }
    if (changed) {
      await recordAudit(tx, { entityType: "result", entityId: id, action: "update", actorId: actor.id, before, after });
    }
    if (toReview) await recordSubmit(tx, "result", id, actor, row.status, row.rejectionReason);
    return tx.result.findUniqueOrThrow({ where: { id }, include: resultInclude });
  });
}

async function transition(actor: Actor, id: string, run: Parameters<typeof transitionListing>[4], reason?: string) {
  const row = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      await transitionListing(tx, "result", id, actor, run, reason);
      return tx.result.findUniqueOrThrow({ where: { id }, include: resultInclude });
    }, LISTING_TX_OPTIONS),
  );
  if (run === "approve") matchAlertsAfterCommit("result", id);
  return row;
}

export const submitResult = (actor: Actor, id: string) => transition(actor, id, "submit");
export const withdrawResult = (actor: Actor, id: string, reason?: string) => transition(actor, id, "withdraw", reason);
export const reviewResult = (actor: Actor, id: string, input: ReviewInput) =>
  transition(actor, id, input.decision, input.decision === "reject" ? input.reason : undefined);

/** The result as `viewer` may see it; a 404 when it does not exist or is not theirs to see. */
export async function getResultFor(viewer: Actor | null, id: string): Promise<ResultRow> {
  const row = await prisma.result.findUnique({ where: { id }, include: resultInclude });
  if (!row || !canRead(viewer, row)) throw notFoundListing("result");
  return row;
}
