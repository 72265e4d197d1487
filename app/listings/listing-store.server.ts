// The write and read workflow both listing kinds share: create, edit, submit, review, withdraw,
// read. Each kind (results.server.ts, needs.server.ts) supplies a store: how its content maps to
// columns and which table it lives in; the rules themselves are in workflow.server.ts.
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { matchAlertsAfterCommit } from "../../search/alerts.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { prisma, type Prisma } from "../db/db.server.ts";
import type { ListingStatus } from "../domain/catalog.ts";
import type { ReviewInput } from "./schemas.ts";
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
  type ListingKind,
} from "./workflow.server.ts";

type Db = Prisma.TransactionClient | typeof prisma;
type Row = { id: string; organizationId: string; status: ListingStatus; rejectionReason: string | null };

/** One kind's table and column mapping. `Content` is the validated body without submit/organizationId. */
export type ListingStore<Content, Full extends Row> = {
  kind: ListingKind;
  /** content fields → columns, only the fields given */
  data: (content: Content) => Record<string, unknown>;
  /** the columns a new row needs beyond `data` (required columns and array defaults) */
  createColumns: (content: Content, data: Record<string, unknown>) => Record<string, unknown>;
  create: (tx: Prisma.TransactionClient, data: Record<string, unknown>) => Promise<Full>;
  /** the bare row, for the write checks and the audit's before/after */
  find: (tx: Prisma.TransactionClient, id: string) => Promise<Row | null>;
  update: (tx: Prisma.TransactionClient, id: string, data: Record<string, unknown>) => Promise<unknown>;
  /** the row with what the API and pages show (organization) */
  read: (db: Db, id: string) => Promise<Full | null>;
  /** a kind's own refusal of a submit (after the access checks; the throw rolls the submit back) */
  assertSubmittable?: (tx: Prisma.TransactionClient, id: string) => Promise<void>;
};

/** The contact object → its three columns; only the fields given. */
export function contactColumns(contact: { name?: string; phone?: string; email?: string } | undefined) {
  const data: { contactName?: string; contactPhone?: string; contactEmail?: string } = {};
  if (contact?.name !== undefined) data.contactName = contact.name;
  if (contact?.phone !== undefined) data.contactPhone = contact.phone;
  if (contact?.email !== undefined) data.contactEmail = contact.email;
  return data;
}

type CreateInput<Content> = Content & { submit?: boolean; organizationId?: string };
type UpdateInput<Content> = Content & { submit?: boolean };

async function createListing<C, F extends Row>(
  store: ListingStore<C, F>,
  actor: Actor,
  input: CreateInput<C>,
): Promise<F> {
  const { submit, organizationId: requestedOrg, ...rest } = input;
  const content = rest as unknown as C;
  const organizationId = await organizationForNewListing(store.kind, actor, requestedOrg);
  return prisma.$transaction(async (tx) => {
    if (submit) await assertOrganizationVerified(tx, organizationId);
    const data = store.data(content);
    const now = new Date();
    const row = await store.create(tx, {
      ...store.createColumns(content, data),
      organizationId,
      createdById: actor.id,
      status: submit ? "pending_review" : "draft",
      submittedAt: submit ? now : null,
    });
    await recordAudit(tx, {
      entityType: store.kind,
      entityId: row.id,
      action: "create",
      actorId: actor.id,
      before: null,
      after: { ...data, organizationId, status: "draft" },
    });
    if (submit) await recordSubmit(tx, store.kind, row.id, actor, "draft");
    return row;
  });
}

async function updateListing<C, F extends Row>(
  store: ListingStore<C, F>,
  actor: Actor,
  id: string,
  input: UpdateInput<C>,
): Promise<F> {
  const { submit, ...rest } = input;
  const kind = store.kind;
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, kind, id);
    const row = await store.find(tx, id);
    if (!row) throw notFoundListing(kind);
    assertWrite(kind, actor, row);
    const data = store.data(rest as unknown as C);
    const { before, after } = changedFields(row as unknown as Record<string, unknown>, data);
    const changed = Object.keys(after).length > 0;
    const toReview = editTransition(kind, row.status, changed, !!submit);
    if (toReview) await store.assertSubmittable?.(tx, id);
    if (toReview) await assertOrganizationVerified(tx, row.organizationId);
    if (changed || toReview) {
      await store.update(tx, id, { ...data, ...(toReview ? statusChange("submit", new Date()) : {}) });
    }
    if (changed) {
      await recordAudit(tx, { entityType: kind, entityId: id, action: "update", actorId: actor.id, before, after });
    }
    if (toReview) {
      await recordSubmit(tx, kind, id, actor, row.status, row.rejectionReason);
    }
    return (await store.read(tx, id))!;
  });
}

async function transition<F extends Row>(
  store: ListingStore<unknown, F>,
  actor: Actor,
  id: string,
  run: Parameters<typeof transitionListing>[4],
  reason?: string,
) {
  const row = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      await transitionListing(tx, store.kind, id, actor, run, reason);
      if (run === "submit") await store.assertSubmittable?.(tx, id);
      return (await store.read(tx, id))!;
    }, LISTING_TX_OPTIONS),
  );
  if (run === "approve") matchAlertsAfterCommit(store.kind, id);
  return row;
}

/** The listing as `viewer` may see it; a 404 when it does not exist or is not theirs to see. */
async function getListingFor<F extends Row>(store: ListingStore<unknown, F>, viewer: Actor | null, id: string) {
  const row = await store.read(prisma, id);
  if (!row || !canRead(viewer, row)) throw notFoundListing(store.kind);
  return row;
}

/** One kind's workflow, bound to its store. */
export function listingWorkflow<C, F extends Row>(store: ListingStore<C, F>) {
  const any = store as unknown as ListingStore<unknown, F>;
  return {
    create: (actor: Actor, input: CreateInput<C>) => createListing(store, actor, input),
    update: (actor: Actor, id: string, input: UpdateInput<C>) => updateListing(store, actor, id, input),
    submit: (actor: Actor, id: string) => transition(any, actor, id, "submit"),
    withdraw: (actor: Actor, id: string, reason?: string) => transition(any, actor, id, "withdraw", reason),
    review: (actor: Actor, id: string, input: ReviewInput) =>
      transition(any, actor, id, input.decision, input.decision === "reject" ? input.reason : undefined),
    getFor: (viewer: Actor | null, id: string) => getListingFor(any, viewer, id),
  };
}

/** The fields of `content` among `keys` that are given (not undefined): a partial update's columns. */
export function givenFields<C extends object, K extends keyof C>(content: C, keys: readonly K[]) {
  const data: Partial<Pick<C, K>> = {};
  for (const key of keys) if (content[key] !== undefined) data[key] = content[key];
  return data;
}
