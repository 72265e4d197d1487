// Offers and negotiation: a company offers on a published result, a researcher or
// broker answers a published need with a proposal; the two sides negotiate in a thread until the
// side that must answer accepts or rejects, or the side that made the current offer withdraws it.
// Every state change is a conditional update `WHERE status = 'open'`, so concurrent accept and
// withdraw cannot both win.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Prisma, type Tx } from "../db/db.server.ts";
import { liveLeadFor } from "../leads/attribution.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { notifyOrganization } from "./notify.server.ts";
import { isOfferParty, offerInclude, offerJson } from "./offer-json.server.ts";
import type { OfferCreateInput, OfferMessageInput, OfferStatus } from "./schemas.ts";

/** Who may open a negotiation: on a result (offer) or on a need (proposal). */
export const OFFER_ROLES: readonly string[] = ["company", "broker", "admin"];
export const PROPOSAL_ROLES: readonly string[] = ["researcher", "broker", "admin"];

const offerTransactionOptions = { maxWait: 10_000, timeout: 20_000 };

function otherSide(offer: { fromOrgId: string; toOrgId: string }, orgId: string) {
  return offer.fromOrgId === orgId ? offer.toOrgId : offer.fromOrgId;
}

function auditState(o: { status: string; amountFen: bigint | null; awaitingOrgId: string | null }) {
  return { status: o.status, amountFen: o.amountFen, awaitingOrgId: o.awaitingOrgId };
}

function requireOrganization(user: SessionUser) {
  if (!user.organizationId) {
    throw errors.forbidden("须先加入一个单位才能报价或洽谈 / You must belong to an organization to negotiate");
  }
  return user.organizationId;
}

export async function createOffer(input: OfferCreateInput, user: SessionUser) {
  const orgId = requireOrganization(user);
  // an unverified organization has drafts only: no offers or proposals to others
  await assertOrganizationVerified(prisma, orgId);
  let target: {
    kind: "offer" | "proposal";
    toOrgId: string;
    title: string;
    resultId: string | null;
    needId: string | null;
  };
  if (input.resultId) {
    if (!OFFER_ROLES.includes(user.role)) {
      throw errors.forbidden(
        "只有企业用户或技术经纪人可以对科技成果报价 / Only companies and brokers make offers on results",
      );
    }
    const result = await prisma.result.findUnique({
      where: { id: input.resultId },
      select: { id: true, title: true, status: true, organizationId: true },
    });
    if (!result || (result.status !== "published" && result.organizationId !== orgId))
      throw errors.notFound("科技成果");
    if (result.organizationId === orgId) {
      throw errors.forbidden(
        "不能对本单位发布的成果报价 / You cannot make an offer on your own organization's listing",
      );
    }
    target = { kind: "offer", toOrgId: result.organizationId, title: result.title, resultId: result.id, needId: null };
  } else {
    if (!PROPOSAL_ROLES.includes(user.role)) {
      throw errors.forbidden(
        "只有科研人员或技术经纪人可以对技术需求提交方案 / Only researchers and brokers answer needs",
      );
    }
    const need = await prisma.need.findUnique({
      where: { id: input.needId! },
      select: { id: true, title: true, status: true, organizationId: true },
    });
    if (!need || (need.status !== "published" && need.organizationId !== orgId)) throw errors.notFound("技术需求");
    if (need.organizationId === orgId) {
      throw errors.forbidden("不能对本单位发布的需求提交方案 / You cannot answer your own organization's need");
    }
    target = { kind: "proposal", toOrgId: need.organizationId, title: need.title, resultId: null, needId: need.id };
  }

  if (input.eventId) {
    // an event's outcome: the event exists and the user registered for it
    const registration = await prisma.eventRegistration.findUnique({
      where: { eventId_userId: { eventId: input.eventId, userId: user.id } },
      select: { id: true },
    });
    if (!registration) {
      throw errors.invalid("只能关联您报名参加的活动 / Only an event you registered for can be named", {
        eventId: "您未报名该活动 / You did not register for this event",
      });
    }
  }

  const lead = await liveLeadFor(orgId, target.toOrgId);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.offer.findFirst({
      where: { fromOrgId: orgId, status: "open", resultId: target.resultId, needId: target.needId },
      select: { id: true },
    });
    if (existing) {
      throw errors.conflict(
        `本单位已有一个洽谈中的报价，请在其中继续（${existing.id}）/ Your organization already has an open offer on this listing: continue in its thread (${existing.id})`,
        "offer_exists",
      );
    }
    const offer = await tx.offer.create({
      data: {
        kind: target.kind,
        resultId: target.resultId,
        needId: target.needId,
        fromOrgId: orgId,
        toOrgId: target.toOrgId,
        createdById: user.id,
        amountFen: input.amountFen === null ? null : BigInt(input.amountFen),
        mode: input.mode ?? null,
        message: input.message,
        status: "open",
        awaitingOrgId: target.toOrgId,
        eventId: input.eventId ?? null,
        leadId: lead?.id ?? null,
      },
      include: offerInclude,
    });
    const messages = [];
    if (input.message) {
      messages.push(
        await tx.offerMessage.create({
          data: {
            offerId: offer.id,
            authorId: user.id,
            orgId,
            body: input.message,
            counterAmountFen: input.amountFen === null ? null : BigInt(input.amountFen),
          },
        }),
      );
    }
    const what = target.kind === "offer" ? { zh: "报价", en: "offer" } : { zh: "合作方案", en: "proposal" };
    await notifyOrganization(tx, target.toOrgId, {
      kind: "offer.created",
      title: { zh: `收到新的${what.zh}：${target.title}`, en: `New ${what.en}: ${target.title}` },
      body: {
        zh: `${user.organization?.name ?? ""} 对「${target.title}」提交了${what.zh}，请及时答复。`,
        en: `${user.organization?.name ?? ""} sent a ${what.en} on "${target.title}". Please reply.`,
      },
      link: `/offers/${offer.id}`,
    });
    // the audit event last: it holds the chain lock until commit
    await recordAudit(tx, {
      entityType: "offer",
      entityId: offer.id,
      action: "create",
      actorId: user.id,
      before: null,
      after: {
        kind: offer.kind,
        resultId: offer.resultId,
        needId: offer.needId,
        fromOrgId: offer.fromOrgId,
        toOrgId: offer.toOrgId,
        amountFen: offer.amountFen,
        mode: offer.mode,
        status: offer.status,
        awaitingOrgId: offer.awaitingOrgId,
      },
    });
    return offerJson(offer, user, messages);
  }, offerTransactionOptions);
}

/** The offer if the user may see it (its two parties, admins), else 404. */
async function loadVisibleOffer(id: string, user: SessionUser, tx: Tx | typeof prisma = prisma) {
  const offer = await tx.offer.findUnique({ where: { id }, include: offerInclude });
  if (!offer || !(isOfferParty(offer, user) || user.role === "admin")) throw errors.notFound("报价");
  return offer;
}

export async function getOffer(id: string, user: SessionUser) {
  const offer = await loadVisibleOffer(id, user);
  const messages = await prisma.offerMessage.findMany({
    where: { offerId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return offerJson(offer, user, messages);
}

export async function listOffers(
  user: SessionUser,
  query: { status?: OfferStatus; side?: "made" | "received"; page: number; pageSize: number },
) {
  const orgId = user.organizationId;
  if (!orgId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const mine: Prisma.OfferWhereInput =
    query.side === "made"
      ? { fromOrgId: orgId }
      : query.side === "received"
        ? { toOrgId: orgId }
        : { OR: [{ fromOrgId: orgId }, { toOrgId: orgId }] };
  const where: Prisma.OfferWhereInput = { ...mine, ...(query.status ? { status: query.status } : {}) };
  const [rows, total] = await Promise.all([
    prisma.offer.findMany({
      where,
      include: offerInclude,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.offer.count({ where }),
  ]);
  return { items: rows.map((o) => offerJson(o, user)), total, page: query.page, pageSize: query.pageSize };
}

function notOpen(status: string) {
  return errors.conflict(
    `该报价已结束（${status}），不能再操作 / This offer is ${status}; it can no longer change`,
    "invalid_state",
  );
}

export async function postOfferMessage(id: string, input: OfferMessageInput, user: SessionUser) {
  const offer = await loadVisibleOffer(id, user);
  if (!isOfferParty(offer, user)) throw errors.forbidden("只有洽谈双方可以发言 / Only the two parties can write here");
  if (offer.status !== "open") throw notOpen(offer.status);
  const orgId = user.organizationId!;
  const counter = input.counterAmountFen !== undefined;
  if (counter) await assertOrganizationVerified(prisma, orgId);
  const other = otherSide(offer, orgId);
  return prisma.$transaction(async (tx) => {
    // The conditional update both checks the offer is still open and locks it for this thread.
    const changed = await tx.offer.updateMany({
      where: { id, status: "open" },
      data: counter ? { amountFen: BigInt(input.counterAmountFen!), awaitingOrgId: other } : { updatedAt: new Date() },
    });
    if (changed.count !== 1) throw notOpen("closed");
    const message = await tx.offerMessage.create({
      data: {
        offerId: id,
        authorId: user.id,
        orgId,
        body: input.body,
        counterAmountFen: counter ? BigInt(input.counterAmountFen!) : null,
      },
    });
    const after = await tx.offer.findUniqueOrThrow({ where: { id }, include: offerInclude });
    const title = offer.result?.title ?? offer.need?.title ?? "";
    await notifyOrganization(tx, other, {
      kind: counter ? "offer.counter" : "offer.message",
      title: counter
        ? { zh: `对方提出了新的报价：${title}`, en: `Counter-offer on "${title}"` }
        : { zh: `洽谈有新消息：${title}`, en: `New message on "${title}"` },
      body: { zh: input.body.slice(0, 500), en: input.body.slice(0, 500) },
      link: `/offers/${id}`,
    });
    // the audit event last: it holds the chain lock until commit
    await recordAudit(tx, {
      entityType: "offer",
      entityId: id,
      action: counter ? "counter" : "message",
      actorId: user.id,
      before: counter ? auditState(offer) : null,
      after: counter ? { ...auditState(after), messageId: message.id } : { messageId: message.id },
    });
    return {
      message: {
        id: message.id,
        orgId,
        authorId: user.id,
        body: message.body,
        counterAmountFen: counter ? input.counterAmountFen! : null,
        createdAt: message.createdAt.toISOString(),
      },
      offer: offerJson(after, user),
    };
  }, offerTransactionOptions);
}

type Closing = "accept" | "reject" | "withdraw";
const CLOSED_STATUS: Record<Closing, OfferStatus> = { accept: "accepted", reject: "rejected", withdraw: "withdrawn" };
const CLOSING_TEXT: Record<Closing, { zh: string; en: string }> = {
  accept: { zh: "接受了", en: "accepted" },
  reject: { zh: "拒绝了", en: "rejected" },
  withdraw: { zh: "撤回了", en: "withdrew" },
};

/**
 * accept/reject: only the side that must answer (awaitingOrgId). withdraw: only the side that
 * made the current offer or counter-offer. Only from open, else 409.
 */
export async function closeOffer(id: string, action: Closing, user: SessionUser) {
  const offer = await loadVisibleOffer(id, user);
  if (!isOfferParty(offer, user)) throw errors.forbidden("只有洽谈双方可以操作 / Only the two parties can do this");
  if (offer.status !== "open") throw notOpen(offer.status);
  const orgId = user.organizationId!;
  if (action !== "withdraw" && offer.awaitingOrgId !== orgId) {
    throw errors.forbidden("只有需要答复的一方可以接受或拒绝 / Only the side that must answer can accept or reject");
  }
  if (action === "withdraw" && offer.awaitingOrgId === orgId) {
    throw errors.forbidden(
      "只有提出当前报价的一方可以撤回；需要答复的一方请选择拒绝 / Only the side that made the current offer can withdraw it; the answering side rejects",
    );
  }
  // accepting is agreeing to a deal: not before the bureau verified the organization
  if (action === "accept") await assertOrganizationVerified(prisma, orgId);
  const status = CLOSED_STATUS[action];
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.offer.updateMany({
      where: { id, status: "open", awaitingOrgId: offer.awaitingOrgId },
      data: { status, closedById: user.id, closedAt: now },
    });
    if (changed.count !== 1) {
      throw errors.conflict("报价状态已被对方改变，请刷新 / The offer changed meanwhile; reload it", "invalid_state");
    }
    const after = await tx.offer.findUniqueOrThrow({ where: { id }, include: offerInclude });
    const title = offer.result?.title ?? offer.need?.title ?? "";
    const text = CLOSING_TEXT[action];
    await notifyOrganization(tx, otherSide(offer, orgId), {
      kind: `offer.${status}`,
      title: {
        zh: `${user.organization?.name ?? "对方"}${text.zh}报价：${title}`,
        en: `${user.organization?.name ?? "The other side"} ${text.en} the offer on "${title}"`,
      },
      body: {
        zh: action === "accept" ? "双方已达成一致，可据此起草技术合同。" : "本次洽谈已结束。",
        en:
          action === "accept"
            ? "Both sides agree: a technology contract can now be drafted from it."
            : "This negotiation is closed.",
      },
      link: `/offers/${id}`,
    });
    // the audit event last: it holds the chain lock until commit
    await recordAudit(tx, {
      entityType: "offer",
      entityId: id,
      action,
      actorId: user.id,
      before: auditState(offer),
      after: { ...auditState(after), closedAt: now },
    });
    return offerJson(after, user);
  }, offerTransactionOptions);
}
