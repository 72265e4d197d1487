// Lots (交易项目): creation by the result's organization, review by the bureau, announcement,
// cancellation and listing. The JSON shape lives in lot-json.server.ts (docs/decisions/0009-auctions.md).
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { parseEnv } from "../env.server.ts";
import { notificationText } from "../notifications/messages.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { lotAttribution } from "./lot-attribution.server.ts";
import { lotFullInclude, shapeLots } from "./lot-json.server.ts";
import { RULES, type AuctionCreateInput } from "./schemas.ts";

export type Actor = Pick<SessionUser, "id" | "role" | "organizationId">;
const DAY = 86_400_000;

export function marketConfig() {
  const env = parseEnv();
  return { minAnnounceDays: env.MARKET_MIN_ANNOUNCE_DAYS, minBiddingMinutes: env.MARKET_MIN_BIDDING_MINUTES };
}

export const isMarketStaff = (user: Pick<SessionUser, "role"> | null | undefined) => can(user, "manage:auction:any");

export function requireMarketStaff(user: Pick<SessionUser, "role">) {
  if (!isMarketStaff(user))
    throw errors.forbidden("只有交易市场工作人员可以执行此操作 / Only market staff may do this");
}

const CLOSED = ["sold", "unsold", "cancelled"];
export const isClosed = (status: string) => CLOSED.includes(status);

function invalid(field: string, message: string): never {
  throw errors.invalid(`输入无效：${field} — ${message}`, { [field]: message });
}

/** The default deposit: 10% of the starting price, within the 5–20% band. */
export const defaultDeposit = (startPriceFen: number) => Math.round((startPriceFen * 10) / 100);

/** Checks the timing rules against `now` (at creation) or the announcement time (at review). */
export function timingProblems(
  a: { mode: string; biddingStartsAt: Date | null; biddingEndsAt: Date | null; noticeEndsAt: Date | null },
  now: Date,
) {
  const { minAnnounceDays, minBiddingMinutes } = marketConfig();
  if (a.mode === "notice") {
    if (!a.noticeEndsAt || a.noticeEndsAt.getTime() - now.getTime() < RULES.noticeMinDays * DAY) {
      return {
        noticeEndsAt: `公示期至少 ${RULES.noticeMinDays} 个自然日 / The notice runs at least ${RULES.noticeMinDays} calendar days`,
      };
    }
    return null;
  }
  if (a.biddingStartsAt!.getTime() - now.getTime() < minAnnounceDays * DAY) {
    return {
      biddingStartsAt: `应至少提前 ${minAnnounceDays} 天公告 / The lot is announced at least ${minAnnounceDays} days before it opens`,
    };
  }
  if (a.biddingEndsAt!.getTime() - a.biddingStartsAt!.getTime() < minBiddingMinutes * 60_000) {
    return {
      biddingEndsAt: `竞价期至少 ${minBiddingMinutes} 分钟 / Bidding lasts at least ${minBiddingMinutes} minutes`,
    };
  }
  return null;
}

export async function createAuction(actor: Actor, input: AuctionCreateInput, now = new Date()) {
  const staff = isMarketStaff(actor);
  if (!staff && !can(actor, "create:auction:own")) throw errors.forbidden();
  const result = await prisma.result.findUnique({
    where: { id: input.resultId },
    select: { id: true, organizationId: true, status: true },
  });
  if (!result) invalid("resultId", "科技成果不存在 / Unknown result");
  if (!staff && result.organizationId !== actor.organizationId) {
    throw errors.forbidden(
      "只有成果所属单位的成员可以挂牌交易 / Only members of the result's organization can put it on sale",
    );
  }
  if (result.status !== "published")
    invalid("resultId", "只有已发布的成果可以交易 / Only a published result can be put on sale");

  const start = input.startPriceFen;
  const deposit = input.mode === "notice" ? 0 : (input.depositFen ?? defaultDeposit(start));
  if (input.mode !== "notice") {
    const inBand = deposit * 100 >= start * RULES.depositMinPercent && deposit * 100 <= start * RULES.depositMaxPercent;
    if (!inBand && !(staff && input.depositOverrideReason)) {
      invalid(
        "depositFen",
        `保证金应为起拍价的 ${RULES.depositMinPercent}%–${RULES.depositMaxPercent}%（例外须工作人员注明理由） / The deposit is ${RULES.depositMinPercent}–${RULES.depositMaxPercent}% of the starting price unless staff override it with a reason`,
      );
    }
  }
  if (input.reservePriceFen !== undefined && input.reservePriceFen < start)
    invalid("reservePriceFen", "保留价不能低于起拍价 / The reserve is at least the starting price");
  const problems = timingProblems(
    {
      mode: input.mode,
      biddingStartsAt: input.biddingStartsAt ?? null,
      biddingEndsAt: input.biddingEndsAt ?? null,
      noticeEndsAt: input.noticeEndsAt ?? null,
    },
    now,
  );
  if (problems) invalid(Object.keys(problems)[0]!, Object.values(problems)[0]!);
  if (input.mode === "notice") {
    if (input.buyerOrgId === result.organizationId)
      invalid("buyerOrgId", "受让方不能是成果所属单位 / The buyer cannot be the seller");
    const buyer = await prisma.organization.findUnique({ where: { id: input.buyerOrgId! }, select: { id: true } });
    if (!buyer) invalid("buyerOrgId", "受让方单位不存在 / Unknown buyer organization");
  }
  if (input.reofferOfId) {
    const prev = await prisma.auction.findUnique({ where: { id: input.reofferOfId } });
    if (!prev || prev.resultId !== result.id)
      invalid("reofferOfId", "原交易项目不存在 / Unknown earlier lot of this result");
    if (
      prev.status !== "unsold" ||
      !prev.closedAt ||
      now.getTime() - prev.closedAt.getTime() > RULES.reofferWithinDays * DAY
    ) {
      invalid(
        "reofferOfId",
        `只有 ${RULES.reofferWithinDays} 天内流拍的项目可以再次挂牌 / Only a lot unsold within ${RULES.reofferWithinDays} days can be offered again`,
      );
    }
    if (start * 100 < Number(prev.startPriceFen) * (100 - RULES.reofferMaxCutPercent)) {
      invalid(
        "startPriceFen",
        `再次挂牌降价不超过 ${RULES.reofferMaxCutPercent}% / A re-offer cuts the price by at most ${RULES.reofferMaxCutPercent}%`,
      );
    }
  }

  return prisma.$transaction(async (tx) => {
    // a notice lot names its buyer: a live lead on the two attributes it now (the close re-checks)
    const attribution =
      input.mode === "notice" ? await lotAttribution(tx, result.organizationId, input.buyerOrgId!, now) : {};
    const lot = await tx.auction.create({
      data: {
        ...attribution,
        resultId: result.id,
        sellerOrgId: result.organizationId,
        createdById: actor.id,
        mode: input.mode,
        contractType: input.contractType,
        licenseScope: input.contractType === "license" ? (input.licenseScope ?? null) : null,
        licenseTermMonths: input.contractType === "license" ? (input.licenseTermMonths ?? null) : null,
        startPriceFen: BigInt(start),
        incrementFen: input.mode === "notice" ? null : BigInt(input.incrementFen!),
        reservePriceFen: input.reservePriceFen === undefined ? null : BigInt(input.reservePriceFen),
        depositFen: BigInt(deposit),
        depositOverrideReason: input.depositOverrideReason ?? null,
        biddingStartsAt: input.biddingStartsAt ?? null,
        biddingEndsAt: input.biddingEndsAt ?? null,
        endsAt: input.biddingEndsAt ?? null,
        softCloseSeconds: input.softCloseSeconds ?? RULES.defaultSoftCloseSeconds,
        buyerOrgId: input.mode === "notice" ? input.buyerOrgId! : null,
        buyerRelation: input.mode === "notice" ? (input.buyerRelation ?? "none") : null,
        noticeEndsAt: input.mode === "notice" ? input.noticeEndsAt! : null,
        reofferOfId: input.reofferOfId ?? null,
      },
      include: lotFullInclude,
    });
    // the reserve is kept out of the audit trail's readable snapshot too
    await recordAudit(tx, {
      entityType: "auction",
      entityId: lot.id,
      action: "create",
      actorId: actor.id,
      after: {
        ...input,
        reservePriceFen: input.reservePriceFen === undefined ? undefined : "(secret)",
        depositFen: deposit,
        ...attribution,
        subcentreId: lot.subcentreId,
      },
    });
    return lot;
  });
}

function canManageLot(actor: Actor, lot: { sellerOrgId: string }) {
  return (
    isMarketStaff(actor) ||
    (!!actor.organizationId && actor.organizationId === lot.sellerOrgId && can(actor, "create:auction:own"))
  );
}

async function lockLot(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<Array<{ status: string }>>`SELECT status FROM "Auction" WHERE id = ${id} FOR UPDATE`;
  if (!row) throw errors.notFound("交易项目");
  return tx.auction.findUniqueOrThrow({ where: { id }, include: lotFullInclude });
}

const wrongState = (status: string) =>
  errors.conflict(
    `交易项目当前状态为「${status}」，不能执行此操作 / The lot is ${status}: not allowed now`,
    "invalid_state",
  );

export async function submitAuction(actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const lot = await lockLot(tx, id);
    if (!canManageLot(actor, lot)) throw errors.notFound("交易项目");
    if (lot.status === "pending_review") return lot;
    if (lot.status !== "draft") throw wrongState(lot.status);
    if (!isMarketStaff(actor)) await assertOrganizationVerified(tx, lot.sellerOrgId);
    const updated = await tx.auction.update({
      where: { id },
      data: { status: "pending_review", submittedAt: new Date() },
      include: lotFullInclude,
    });
    await recordAudit(tx, {
      entityType: "auction",
      entityId: id,
      action: "submit",
      actorId: actor.id,
      before: { status: lot.status },
      after: { status: "pending_review" },
    });
    return updated;
  });
}

export async function reviewAuction(
  staff: Actor,
  id: string,
  input: { decision: "approve" | "reject"; note?: string },
  now = new Date(),
) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const lot = await lockLot(tx, id);
    if (lot.status !== "pending_review") throw wrongState(lot.status);
    if (input.decision === "approve") {
      const problems = timingProblems(lot, now);
      if (problems)
        throw errors.conflict(
          `${Object.values(problems)[0]}（请退回修改时间） / return the lot to change its times`,
          "timing",
        );
    }
    const status = input.decision === "approve" ? "announced" : "draft";
    const updated = await tx.auction.update({
      where: { id },
      data: {
        status,
        reviewNote: input.note ?? null,
        reviewedById: staff.id,
        announcedAt: status === "announced" ? now : null,
      },
      include: lotFullInclude,
    });
    await recordAudit(tx, {
      entityType: "auction",
      entityId: id,
      action: input.decision,
      actorId: staff.id,
      before: { status: lot.status },
      after: { status, note: input.note ?? null },
    });
    return updated;
  });
}

/** Staff cancel a lot before it closes; every registered bidder is told, their deposits refunded. */
export async function cancelAuction(staff: Actor, id: string, reason: string) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const lot = await lockLot(tx, id);
    if (lot.status === "cancelled") return lot;
    if (isClosed(lot.status)) throw wrongState(lot.status);
    const deposits = await tx.auctionDeposit.findMany({
      where: { auctionId: id },
      select: { id: true, userId: true, status: true },
    });
    await tx.auctionDeposit.updateMany({ where: { auctionId: id, status: "held" }, data: { status: "refund_due" } });
    const updated = await tx.auction.update({
      where: { id },
      data: { status: "cancelled", cancelledAt: new Date(), cancelReason: reason },
      include: lotFullInclude,
    });
    if (deposits.length) {
      const text = notificationText(
        { key: "auctions:notifications.cancelled", values: { title: lot.result.title } },
        reason,
      );
      await tx.notification.createMany({
        data: deposits.map((d) => ({ userId: d.userId, kind: "auction_cancelled", ...text, link: `/auctions/${id}` })),
      });
    }
    await recordAudit(tx, {
      entityType: "auction",
      entityId: id,
      action: "cancel",
      actorId: staff.id,
      before: { status: lot.status },
      after: { status: "cancelled", reason },
    });
    await tx.$executeRaw`SELECT pg_notify('auction_events', ${JSON.stringify({ type: "status", auctionId: id, status: "cancelled" })})`;
    return updated;
  });
}

/** Who may see a lot that is not yet announced: its organization and staff. */
export function canSeeLot(viewer: Actor | null, lot: { status: string; sellerOrgId: string }) {
  if (!["draft", "pending_review"].includes(lot.status)) return true;
  return !!viewer && canManageLot(viewer, lot);
}

export async function listAuctions(
  query: { status?: string; mode?: string; page: number; pageSize: number },
  viewer: Actor | null,
) {
  const hidden = ["draft", "pending_review"];
  const staff = isMarketStaff(viewer);
  let where: Prisma.AuctionWhereInput = { ...(query.mode ? { mode: query.mode } : {}) };
  if (query.status && hidden.includes(query.status)) {
    // drafts and lots under review: staff see all, members their organization's
    where = { ...where, status: query.status, ...(staff ? {} : { sellerOrgId: viewer?.organizationId ?? "-" }) };
  } else if (query.status) {
    where = { ...where, status: query.status };
  } else {
    where = { ...where, status: { notIn: hidden } };
  }
  const [rows, total] = await Promise.all([
    prisma.auction.findMany({
      where,
      include: lotFullInclude,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.auction.count({ where }),
  ]);
  return { items: await shapeLots(rows, viewer), total, page: query.page, pageSize: query.pageSize };
}
