// The review workflow shared by results (科技成果) and needs (技术需求):
//
//   draft ──submit──▶ pending_review ──approve──▶ published ──withdraw──▶ withdrawn
//                          │   ▲                      │                      │
//                       reject └──── edit (re-review) ┘                      │
//                          ▼                                                 │
//                       rejected ──edit / submit──▶ pending_review ◀──submit─┘
//
// Who may do what:
// - read: published listings are public; other states only for members of the owning
//   organization and for reviewers (bureau, admin). Anyone else gets a 404, as if it did not exist.
// - write (edit, submit, withdraw): members of the owning organization whose role may edit that kind,
//   and admins for any organization. Someone who can see the listing but not write gets a 403.
// - submit / publish: only for verified organizations (403 otherwise; drafts are fine).
// - review: bureau and admin, only from pending_review (409 otherwise).
//
// Every state change runs in a transaction that locks the row first, and records an audit event
// (the listing's history) with the changed fields before and after.
import { knownLocale, serverT } from "../i18n/i18n.ts";
import { inLocale, notificationText, type MessageText } from "../notifications/messages.server.ts";
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can, type Permission } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { ListingStatus } from "../domain/catalog.ts";
import { queueMail } from "../mail/mail.server.ts";
import { publicLink } from "../mail/public-url.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { approvedByDelegate, delegatedReviewSubcentre } from "../subcentres/scope.server.ts";

export type ListingKind = "result" | "need";

export type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;

type ListingCore = {
  id: string;
  organizationId: string;
  status: ListingStatus;
  title: string;
  createdById: string | null;
  rejectionReason: string | null;
};

/**
 * Explicit limits for a listing's workflow transaction (submit, withdraw, review): short work
 * under a row lock; anything slow (match alerts, mail) happens after the commit.
 */
export const LISTING_TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export const KIND = {
  result: {
    create: "create:result:own",
    updateOwn: "update:result:own",
    updateAny: "update:result:any",
    zh: "科技成果",
    en: "Result",
    path: "/results",
  },
  need: {
    create: "create:need:own",
    updateOwn: "update:need:own",
    updateAny: "update:need:any",
    zh: "技术需求",
    en: "Need",
    path: "/needs",
  },
} as const satisfies Record<
  ListingKind,
  { create: Permission; updateOwn: Permission; updateAny: Permission; zh: string; en: string; path: string }
>;

export function notFoundListing(kind: ListingKind) {
  return new ApiError(404, "not_found", `${KIND[kind].zh}不存在 / ${KIND[kind].en} not found`);
}

// ------------------------------------------------------------------ access rules (pure)

export function isReviewer(user: Actor | null | undefined) {
  return can(user, "review:listing:any");
}

export function isOwnerMember(user: Actor | null | undefined, listing: { organizationId: string }) {
  return !!user?.organizationId && user.organizationId === listing.organizationId;
}

export function canRead(user: Actor | null | undefined, listing: { organizationId: string; status: string }) {
  return listing.status === "published" || isOwnerMember(user, listing) || can(user, "read:listing:any");
}

export function canWrite(kind: ListingKind, user: Actor | null | undefined, listing: { organizationId: string }) {
  if (can(user, KIND[kind].updateAny)) return true;
  return isOwnerMember(user, listing) && can(user, KIND[kind].updateOwn);
}

/** 404 when the caller may not even see it, 403 when they may see but not change it. */
export function assertWrite(kind: ListingKind, user: Actor, listing: { organizationId: string; status: string }) {
  if (!canRead(user, listing)) throw notFoundListing(kind);
  if (!canWrite(kind, user, listing)) {
    throw errors.forbidden(
      `只有发布机构的成员或管理员可以修改此${KIND[kind].zh} / Only members of the owning organization or an administrator can change this ${KIND[kind].en.toLowerCase()}`,
    );
  }
}

/**
 * The organization a new listing belongs to: the creator's own, or (admins only) another one
 * named in the body.
 */
export function assertCanCreate(kind: ListingKind, user: Actor) {
  if (!can(user, KIND[kind].create)) {
    throw errors.forbidden(
      kind === "result"
        ? "只有科研人员、技术经纪人和管理员可以发布科技成果 / Only researchers, brokers and administrators can create results"
        : "只有企业用户、技术经纪人和管理员可以发布技术需求 / Only company users, brokers and administrators can create needs",
    );
  }
}

export async function organizationForNewListing(kind: ListingKind, user: Actor, requested?: string) {
  assertCanCreate(kind, user);
  if (requested && requested !== user.organizationId) {
    if (!can(user, KIND[kind].updateAny)) {
      throw errors.forbidden("只能为本机构发布 / You can only create listings for your own organization");
    }
    const org = await prisma.organization.findUnique({ where: { id: requested }, select: { id: true } });
    if (!org)
      throw errors.invalid("机构不存在 / Unknown organization", {
        organizationId: "机构不存在 / Unknown organization",
      });
    return org.id;
  }
  if (!user.organizationId) {
    throw errors.forbidden("您的账户尚未关联机构，请先完善机构信息 / Your account belongs to no organization yet");
  }
  return user.organizationId;
}

// ------------------------------------------------------------------ state machine

export type Transition = "submit" | "approve" | "reject" | "withdraw";

const ALLOWED_FROM: Record<Transition, readonly ListingStatus[]> = {
  submit: ["draft", "rejected", "withdrawn"],
  approve: ["pending_review"],
  reject: ["pending_review"],
  withdraw: ["pending_review", "published", "rejected"],
};

export function allowedFrom(transition: Transition, status: ListingStatus) {
  return ALLOWED_FROM[transition].includes(status);
}

const STATUS_ZH: Record<ListingStatus, string> = {
  draft: "草稿",
  pending_review: "待审核",
  published: "已发布",
  rejected: "已驳回",
  withdrawn: "已撤回",
};

export function conflictFor(kind: ListingKind, transition: Transition, status: ListingStatus) {
  const what: Record<Transition, string> = {
    submit: "提交审核 / submitted",
    approve: "审核通过 / approved",
    reject: "驳回 / rejected",
    withdraw: "撤回 / withdrawn",
  };
  return new ApiError(
    409,
    "invalid_state",
    `当前状态为“${STATUS_ZH[status]}”，不能${what[transition].split(" / ")[0]} / A ${KIND[kind].en.toLowerCase()} in status "${status}" cannot be ${what[transition].split(" / ")[1]}`,
  );
}

/** Locks the row for the rest of the transaction, so concurrent transitions run one after the other. */
export async function lockListing(tx: Tx, kind: ListingKind, id: string) {
  const rows =
    kind === "result"
      ? await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Result" WHERE id = ${id} FOR UPDATE`
      : await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Need" WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}

async function findCore(tx: Tx, kind: ListingKind, id: string): Promise<ListingCore | null> {
  const select = {
    id: true,
    organizationId: true,
    status: true,
    title: true,
    createdById: true,
    rejectionReason: true,
  } as const;
  return kind === "result"
    ? tx.result.findUnique({ where: { id }, select })
    : tx.need.findUnique({ where: { id }, select });
}

type StatusData = {
  status: ListingStatus;
  rejectionReason?: string | null;
  submittedAt?: Date;
  publishedAt?: Date;
  withdrawnAt?: Date;
};

async function writeStatus(tx: Tx, kind: ListingKind, id: string, data: StatusData) {
  if (kind === "result") await tx.result.update({ where: { id }, data });
  else await tx.need.update({ where: { id }, data });
}

/** What a transition writes, given when it happens. */
export function statusChange(transition: Transition, now: Date, reason?: string): StatusData {
  switch (transition) {
    case "submit":
      return { status: "pending_review", submittedAt: now, rejectionReason: null };
    case "approve":
      return { status: "published", publishedAt: now, rejectionReason: null };
    case "reject":
      return { status: "rejected", rejectionReason: reason ?? "" };
    case "withdraw":
      return { status: "withdrawn", withdrawnAt: now };
  }
}

/**
 * Runs one transition inside `tx`: lock, check access and state, write, audit, notify.
 * Returns the status it moved from.
 */
export async function transitionListing(
  tx: Tx,
  kind: ListingKind,
  id: string,
  actor: Actor,
  transition: Transition,
  reason?: string,
) {
  const reviewing = transition === "approve" || transition === "reject";
  // first-level review delegated to the sub-centre the listing came through (its staff only)
  const delegate = reviewing && !isReviewer(actor) ? await delegatedReviewSubcentre(tx, actor, kind, id) : null;
  if (reviewing && !isReviewer(actor) && !delegate) {
    throw errors.forbidden("只有科技局工作人员和管理员可以审核 / Only bureau staff and administrators can review");
  }
  await lockListing(tx, kind, id);
  const row = await findCore(tx, kind, id);
  if (!row || !(canRead(actor, row) || delegate)) throw notFoundListing(kind);
  if (transition === "submit" || transition === "withdraw") assertWrite(kind, actor, row);
  // the bureau overrides a sub-centre's approval by rejecting the published listing
  const override =
    transition === "reject" &&
    row.status === "published" &&
    isReviewer(actor) &&
    (await approvedByDelegate(tx, kind, id));
  if (!allowedFrom(transition, row.status) && !override) throw conflictFor(kind, transition, row.status);
  if (transition === "submit") await assertOrganizationVerified(tx, row.organizationId);

  const now = new Date();
  const data = statusChange(transition, now, reason);
  await writeStatus(tx, kind, id, data);
  await recordAudit(tx, {
    entityType: kind,
    entityId: id,
    action: transition,
    actorId: actor.id,
    before: {
      status: row.status,
      ...(row.rejectionReason && transition === "submit" ? { rejectionReason: row.rejectionReason } : {}),
    },
    after: {
      status: data.status,
      ...(transition === "reject" ? { rejectionReason: reason } : {}),
      ...(transition === "withdraw" && reason ? { reason } : {}),
      ...(delegate ? { delegatedSubcentreId: delegate } : {}),
      ...(override ? { overridesSubcentreDecision: true } : {}),
    },
  });
  if (transition === "approve" || transition === "reject") {
    await notifyOwner(tx, kind, row, transition, reason);
  }
  // match alerts run after the commit (matchAlertsAfterCommit): never inside this transaction
  return row.status;
}

/** Tells the listing's creator about a review decision: in the app and by mail (outbox). */
async function notifyOwner(
  tx: Tx,
  kind: ListingKind,
  row: ListingCore,
  decision: "approve" | "reject",
  reason?: string,
) {
  if (!row.createdById) return;
  const user = await tx.user.findUnique({
    where: { id: row.createdById },
    select: { id: true, email: true, locale: true },
  });
  if (!user) return;
  const approved = decision === "approve";
  const title: MessageText = {
    key: `notifications:listing.${kind}${approved ? "Approved" : "Rejected"}`,
    values: { title: row.title },
  };
  const body: MessageText = approved
    ? ""
    : { key: "notifications:listing.rejectedBody", values: { reason: reason ?? "" } };
  const link = approved ? `${KIND[kind].path}/${row.id}` : `/my${KIND[kind].path}/${row.id}/edit`;
  await tx.notification.create({
    data: { userId: user.id, kind: `listing_${decision}`, ...notificationText(title, body), link },
  });
  // the mail in the owner's language (docs/decisions/0024-languages-and-urls.md)
  const t = serverT(knownLocale(user.locale) ?? "zh-CN");
  const subject = inLocale(title, user.locale);
  const text = [
    subject,
    inLocale(body, user.locale),
    "",
    t("notifications:mailOpen", { link: publicLink(link, user.locale) }),
  ];
  await queueMail(
    {
      to: user.email,
      subject: t("notifications:mailSubject", { title: subject }),
      text: text.filter((line, i) => line || i === 2).join("\n"),
      kind: `listing_${decision}`,
    },
    tx,
  );
}

/**
 * What an edit does to the status: editing a published listing sends it back to review; `submit`
 * sends a draft, rejected or withdrawn one to review. Returns whether a submit happens.
 */
export function editTransition(kind: ListingKind, status: ListingStatus, changed: boolean, submit: boolean): boolean {
  if (status === "published") {
    if (changed) return true;
    if (submit) throw conflictFor(kind, "submit", status);
    return false;
  }
  if (!submit) return false;
  if (status === "pending_review") return false; // already waiting for review
  return allowedFrom("submit", status);
}

/** The history event of a listing going to review (after a create, an edit, or a resubmit). */
export async function recordSubmit(
  tx: Tx,
  kind: ListingKind,
  id: string,
  actor: Actor,
  from: ListingStatus,
  previousRejection?: string | null,
) {
  await recordAudit(tx, {
    entityType: kind,
    entityId: id,
    action: "submit",
    actorId: actor.id,
    before: { status: from, ...(previousRejection ? { rejectionReason: previousRejection } : {}) },
    after: { status: "pending_review" },
  });
}
