// 协议定价公示: during the notice period any signed-in user may object with reasons; staff uphold
// (the deal stops: the lot is cancelled) or dismiss. The period's end is handled by the lot's
// clock (close.server.ts): with nothing pending or upheld the deal goes to the named buyer.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { prisma } from "../db/db.server.ts";
import { notificationText } from "../notifications/messages.server.ts";
import { requireMarketStaff, type Actor } from "./lots.server.ts";
import { lotFullInclude } from "./lot-json.server.ts";

export function objectionJson(o: {
  id: string;
  auctionId: string;
  reason: string;
  status: string;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: o.id,
    auctionId: o.auctionId,
    reason: o.reason,
    status: o.status,
    decisionNote: o.decisionNote,
    decidedAt: o.decidedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function fileObjection(user: Actor, auctionId: string, reason: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const [lot] = await tx.$queryRaw<Array<{ mode: string; status: string; noticeEndsAt: Date | null }>>`
      SELECT mode, status, "noticeEndsAt" FROM "Auction" WHERE id = ${auctionId} FOR UPDATE`;
    if (!lot || ["draft", "pending_review"].includes(lot.status)) throw errors.notFound("交易项目");
    if (lot.mode !== "notice")
      throw errors.conflict("只有协议定价公示可以提出异议 / Objections are for notice lots", "invalid_state");
    if (lot.status !== "announced" || !lot.noticeEndsAt || now >= lot.noticeEndsAt) {
      throw errors.conflict("公示期已结束 / The notice period is over", "auction_not_open");
    }
    const o = await tx.auctionObjection.create({ data: { auctionId, userId: user.id, reason } });
    await recordAudit(tx, {
      entityType: "objection",
      entityId: o.id,
      action: "file",
      actorId: user.id,
      after: { auctionId, reason },
    });
    return o;
  });
}

export async function listObjections(auctionId: string) {
  const rows = await prisma.auctionObjection.findMany({ where: { auctionId }, orderBy: { createdAt: "asc" } });
  return rows.map(objectionJson);
}

export async function decideObjection(
  staff: Actor,
  id: string,
  input: { decision: "uphold" | "dismiss"; note: string },
  now = new Date(),
) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ auctionId: string }>
    >`SELECT "auctionId" FROM "AuctionObjection" WHERE id = ${id}`;
    if (!row) throw errors.notFound("异议");
    // the lot first, then the objection: the same order as the lot's clock takes them
    await tx.$queryRaw`SELECT id FROM "Auction" WHERE id = ${row.auctionId} FOR UPDATE`;
    const o = await tx.auctionObjection.findUniqueOrThrow({ where: { id } });
    const status = input.decision === "uphold" ? "upheld" : "dismissed";
    if (o.status === status) return o;
    if (o.status !== "pending")
      throw errors.conflict("该异议已处理 / The objection was already decided", "invalid_state");
    const updated = await tx.auctionObjection.update({
      where: { id },
      data: { status, decisionNote: input.note, decidedById: staff.id, decidedAt: now },
    });
    await recordAudit(tx, {
      entityType: "objection",
      entityId: id,
      action: input.decision,
      actorId: staff.id,
      before: { status: "pending" },
      after: { status, note: input.note },
    });
    if (status === "upheld") {
      const lot = await tx.auction.findUniqueOrThrow({ where: { id: o.auctionId }, include: lotFullInclude });
      if (lot.status === "announced") {
        await tx.auction.update({
          where: { id: lot.id },
          data: { status: "cancelled", cancelledAt: now, cancelReason: input.note },
        });
        await recordAudit(tx, {
          entityType: "auction",
          entityId: lot.id,
          action: "cancel",
          actorId: staff.id,
          before: { status: lot.status },
          after: { status: "cancelled", objectionId: id, reason: input.note },
        });
        const members = await tx.user.findMany({
          where: { organizationId: { in: [lot.sellerOrgId, lot.buyerOrgId!] } },
          select: { id: true },
        });
        const text = notificationText(
          { key: "auctions:notifications.objectionUpheld", values: { title: lot.result.title } },
          input.note,
        );
        if (members.length)
          await tx.notification.createMany({
            data: members.map((m) => ({
              userId: m.id,
              kind: "auction_cancelled",
              ...text,
              link: `/auctions/${lot.id}`,
            })),
          });
      }
    }
    return updated;
  });
}
