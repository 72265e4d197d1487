// The lot's clock: opening at the start, the close at the (soft-close extended) end, the end of a
// listing's application period and of a notice period. Each step runs under the lot's row lock
// and is conditional on the status, so the background job, a late read and staff's POST close
// may all try at once and it happens once. Then the winner's confirmation (→ the technology
// contract draft) or, after 5 working days, staff's default (→ the deposit is forfeited).
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { notificationText } from "../notifications/messages.server.ts";
import { shanghaiDayString } from "../domain/time.ts";
import { workingDeadline } from "./calendar.server.ts";
import { attributeClosedLot, contractAttributionFromLot } from "./lot-attribution.server.ts";
import { isClosed, marketConfig, requireMarketStaff, type Actor } from "./lots.server.ts";
import { lotFullInclude, type LotRow } from "./lot-json.server.ts";
import { RULES } from "./schemas.ts";

const txOptions = { maxWait: 15_000, timeout: 30_000 };

/** Is a step of the lot's clock due at `now`? (cheap: no database) */
export function stepDue(
  a: Pick<LotRow, "status" | "mode" | "biddingStartsAt" | "biddingEndsAt" | "endsAt" | "noticeEndsAt">,
  now: Date,
) {
  if (a.status === "bidding") return !!a.endsAt && a.endsAt <= now;
  if (a.status !== "announced") return false;
  if (a.mode === "bidding") return !!a.biddingStartsAt && a.biddingStartsAt <= now;
  if (a.mode === "listing") return !!a.biddingEndsAt && a.biddingEndsAt <= now;
  return !!a.noticeEndsAt && a.noticeEndsAt <= now;
}

async function notify(tx: Tx, payload: Record<string, unknown>) {
  await tx.$executeRaw`SELECT pg_notify('auction_events', ${JSON.stringify(payload)})`;
}

type Hooks = { afterRefundsDue?: (depositIds: string[]) => Promise<void> };
const hooks: Hooks = {};
/** The payment side registers how card refunds are issued (see app/auctions/card.server.ts). */
export function onRefundsDue(fn: (depositIds: string[]) => Promise<void>) {
  hooks.afterRefundsDue = fn;
}

/** Runs every step of the lot's clock that is due. Returns whether anything changed. */
export async function advanceLot(id: string, now = new Date()): Promise<boolean> {
  const refunds: string[] = [];
  const changed = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Auction" WHERE id = ${id} FOR UPDATE`;
    if (!row) return false;
    const a = await tx.auction.findUniqueOrThrow({ where: { id }, include: lotFullInclude });
    if (!stepDue(a, now)) return false;
    if (a.status === "announced" && a.mode === "bidding" && a.endsAt && a.endsAt > now) {
      await tx.auction.update({ where: { id }, data: { status: "bidding" } });
      await recordAudit(tx, {
        entityType: "auction",
        entityId: id,
        action: "open",
        before: { status: "announced" },
        after: { status: "bidding" },
      });
      await notify(tx, { type: "status", auctionId: id, status: "bidding" });
      return true;
    }
    if (a.status === "announced" && a.mode === "listing") {
      const held = await tx.auctionDeposit.findMany({
        where: { auctionId: id, status: "held" },
        orderBy: { createdAt: "asc" },
      });
      if (held.length >= 2) {
        // two or more qualified applicants: bidding from the listed price, with the same deposits
        const { minBiddingMinutes } = marketConfig();
        const period = Math.max(minBiddingMinutes * 60_000, a.biddingEndsAt!.getTime() - a.biddingStartsAt!.getTime());
        const endsAt = new Date(now.getTime() + period);
        await tx.auction.update({ where: { id }, data: { status: "bidding", convertedAt: now, endsAt } });
        await recordAudit(tx, {
          entityType: "auction",
          entityId: id,
          action: "convert_to_bidding",
          before: { status: "announced" },
          after: { status: "bidding", applicants: held.length, endsAt },
        });
        await notify(tx, { type: "status", auctionId: id, status: "bidding", endsAt: endsAt.toISOString() });
        return true;
      }
      const winner = held[0] ?? null;
      await closeWith(
        tx,
        a,
        winner ? { depositId: winner.id, orgId: winner.orgId, amount: a.startPriceFen } : null,
        a.biddingEndsAt!,
        refunds,
      );
      return true;
    }
    if (a.status === "announced" && a.mode === "notice") {
      const objections = await tx.auctionObjection.groupBy({
        by: ["status"],
        where: { auctionId: id },
        _count: { _all: true },
      });
      // a pending objection holds the deal until staff decide it
      if (objections.some((o) => o.status === "pending")) return false;
      await closeWith(
        tx,
        a,
        { depositId: null, orgId: a.buyerOrgId!, amount: a.startPriceFen },
        a.noticeEndsAt!,
        refunds,
      );
      return true;
    }
    // bidding (or a bidding lot that never opened): the highest bid at or above the reserve wins
    let winner: { depositId: string; orgId: string; amount: bigint } | null = null;
    if (a.bidCount > 0 && (a.reservePriceFen === null || a.currentPriceFen! >= a.reservePriceFen)) {
      const top = await tx.auctionBid.findUniqueOrThrow({
        where: { auctionId_seq: { auctionId: id, seq: a.bidCount } },
        select: { depositId: true, amountFen: true },
      });
      const deposit = await tx.auctionDeposit.findUniqueOrThrow({
        where: { id: top.depositId },
        select: { orgId: true },
      });
      winner = { depositId: top.depositId, orgId: deposit.orgId, amount: top.amountFen };
    }
    await closeWith(tx, a, winner, a.endsAt!, refunds);
    return true;
  }, txOptions);
  if (refunds.length && hooks.afterRefundsDue)
    await hooks.afterRefundsDue(refunds).catch((e) => console.error("card refunds", e));
  return changed;
}

async function closeWith(
  tx: Tx,
  a: LotRow,
  winner: { depositId: string | null; orgId: string; amount: bigint } | null,
  closedAt: Date,
  refunds: string[],
) {
  const status = winner ? "sold" : "unsold";
  const deadline = winner ? await workingDeadline(closedAt, RULES.confirmWorkingDays) : null;
  if (winner?.depositId)
    await tx.auctionDeposit.update({ where: { id: winner.depositId }, data: { status: "applied" } });
  const losers = await tx.auctionDeposit.findMany({
    where: { auctionId: a.id, status: "held", ...(winner?.depositId ? { id: { not: winner.depositId } } : {}) },
    select: { id: true, method: true, userId: true },
  });
  if (losers.length)
    await tx.auctionDeposit.updateMany({
      where: { id: { in: losers.map((l) => l.id) } },
      data: { status: "refund_due" },
    });
  refunds.push(...losers.filter((l) => l.method === "stripe").map((l) => l.id));
  await attributeClosedLot(tx, a, winner?.orgId ?? null, closedAt);
  await tx.auction.update({
    where: { id: a.id },
    data: {
      status,
      closedAt,
      winnerDepositId: winner?.depositId ?? null,
      winnerOrgId: winner?.orgId ?? null,
      winningAmountFen: winner?.amount ?? null,
      confirmDeadline: deadline,
    },
  });
  const code = winner?.depositId
    ? (await tx.auctionDeposit.findUniqueOrThrow({ where: { id: winner.depositId }, select: { bidderCode: true } }))
        .bidderCode
    : null;
  await recordAudit(tx, {
    entityType: "auction",
    entityId: a.id,
    action: "close",
    before: { status: a.status },
    after: {
      status,
      winnerOrgId: winner?.orgId ?? null,
      winnerBidderCode: code,
      winningAmountFen: winner?.amount ?? null,
      bids: a.bidCount,
      headHash: a.headHash,
      refundsDue: losers.length,
      confirmDeadline: deadline,
    },
  });
  if (winner) {
    const members = await tx.user.findMany({ where: { organizationId: winner.orgId }, select: { id: true } });
    const text = notificationText({ key: "auctions:notifications.won", values: { title: a.result.title } });
    if (members.length)
      await tx.notification.createMany({
        data: members.map((m) => ({ userId: m.id, kind: "auction_won", ...text, link: `/auctions/${a.id}` })),
      });
  }
  await notify(tx, {
    type: "closed",
    auctionId: a.id,
    status,
    winnerBidderCode: code,
    winningAmountFen: winner ? Number(winner.amount) : null,
    headHash: a.headHash || null,
  });
}

/** POST /close: staff close a lot whose end has passed (the job and late reads do the same). */
export async function closeAuction(staff: Actor, id: string, now = new Date()) {
  requireMarketStaff(staff);
  await advanceLot(id, now);
  const lot = await prisma.auction.findUnique({ where: { id }, select: { status: true } });
  if (!lot) throw errors.notFound("交易项目");
  if (!isClosed(lot.status)) {
    throw errors.conflict("竞价尚未结束，不能结束交易 / The lot has not reached its end yet", "auction_open");
  }
}

/** The background job: every lot with a due step. */
export async function advanceDueLots(now = new Date()) {
  const due = await prisma.auction.findMany({
    where: {
      OR: [
        { status: "bidding", endsAt: { lte: now } },
        { status: "announced", mode: "bidding", biddingStartsAt: { lte: now } },
        { status: "announced", mode: "listing", biddingEndsAt: { lte: now } },
        { status: "announced", mode: "notice", noticeEndsAt: { lte: now } },
      ],
    },
    select: { id: true },
    take: 100,
  });
  let changed = 0;
  for (const lot of due) if (await advanceLot(lot.id, now)) changed += 1;
  return changed;
}

/** The winner confirms: creates the technology contract draft, once. */
export async function confirmWin(user: Actor, id: string, now = new Date()) {
  if (!user.organizationId || !can(user, "create:contract:own")) throw errors.forbidden();
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Auction" WHERE id = ${id} FOR UPDATE`;
    if (!row) throw errors.notFound("交易项目");
    const a = await tx.auction.findUniqueOrThrow({
      where: { id },
      include: { ...lotFullInclude, contract: { select: { id: true } } },
    });
    if (a.winnerOrgId !== user.organizationId || a.status !== "sold") {
      throw errors.forbidden("只有成交的竞得人可以确认 / Only the winner of a sold lot can confirm");
    }
    if (a.contract) return { contractId: a.contract.id, created: false };
    if (a.confirmDeadline && now >= a.confirmDeadline) {
      throw errors.conflict("已超过确认期限 / The confirmation deadline has passed", "deadline_passed");
    }
    const amount = a.winningAmountFen!;
    // 三方: the lot's broker organization is the contract's 丙; the deal came through the lot's sub-centre
    const attribution = await contractAttributionFromLot(tx, a, now);
    const contract = await tx.contract.create({
      data: {
        ...attribution,
        ...(a.subcentreId ? { subcentreId: a.subcentreId } : {}),
        type: a.contractType,
        subtype: null,
        title: a.result.title,
        sellerOrgId: a.sellerOrgId,
        buyerOrgId: a.winnerOrgId!,
        contractAmountFen: amount,
        nonTechnicalCostsFen: 0n,
        techTransactionAmountFen: amount,
        signedAt: new Date(`${shanghaiDayString(now)}T00:00:00.000Z`),
        resultId: a.resultId,
        field: a.result.field,
        auctionId: a.id,
        status: "draft",
        createdById: user.id,
        createdByOrgId: user.organizationId,
      },
    });
    await tx.contractVersion.create({
      data: {
        contractId: contract.id,
        version: 1,
        contractAmountFen: amount,
        nonTechnicalCostsFen: 0n,
        techTransactionAmountFen: amount,
        reason: "竞价成交 / won lot",
        createdById: user.id,
      },
    });
    await tx.auction.update({ where: { id }, data: { confirmedAt: now } });
    await recordAudit(tx, {
      entityType: "contract",
      entityId: contract.id,
      action: "create",
      actorId: user.id,
      after: {
        auctionId: id,
        type: a.contractType,
        sellerOrgId: a.sellerOrgId,
        buyerOrgId: a.winnerOrgId,
        contractAmountFen: amount,
        ...attribution,
      },
    });
    await recordAudit(tx, {
      entityType: "auction",
      entityId: id,
      action: "confirm",
      actorId: user.id,
      after: { contractId: contract.id },
    });
    return { contractId: contract.id, created: true };
  }, txOptions);
}

/** Staff mark a winner who did not confirm in time as defaulted: the deposit is forfeited. */
export async function markDefault(staff: Actor, id: string, now = new Date()) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Auction" WHERE id = ${id} FOR UPDATE`;
    if (!row) throw errors.notFound("交易项目");
    const a = await tx.auction.findUniqueOrThrow({ where: { id }, include: { contract: { select: { id: true } } } });
    if (a.defaultedAt) return { already: true };
    if (a.status !== "sold" || a.contract)
      throw errors.conflict("该项目没有未确认的竞得人 / There is no unconfirmed winner", "invalid_state");
    if (a.confirmDeadline && now < a.confirmDeadline) {
      throw errors.conflict("确认期限尚未届满 / The winner still has time to confirm", "deadline_not_passed");
    }
    if (a.winnerDepositId)
      await tx.auctionDeposit.update({ where: { id: a.winnerDepositId }, data: { status: "forfeited" } });
    // the deal fell through: the lot is unsold and may be offered again (without the defaulter)
    await tx.auction.update({ where: { id }, data: { status: "unsold", defaultedAt: now } });
    await recordAudit(tx, {
      entityType: "auction",
      entityId: id,
      action: "default",
      actorId: staff.id,
      before: { status: "sold" },
      after: { status: "unsold", winnerOrgId: a.winnerOrgId, forfeitedDepositId: a.winnerDepositId },
    });
    if (a.winnerDepositId)
      await recordAudit(tx, {
        entityType: "deposit",
        entityId: a.winnerDepositId,
        action: "forfeit",
        actorId: staff.id,
        before: { status: "applied" },
        after: { status: "forfeited" },
      });
    return { already: false };
  });
}
