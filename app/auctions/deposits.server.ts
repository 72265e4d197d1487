// Registration and deposits (保证金). A company user of a verified organization registers for a
// lot (one registration per organization, under the lot's row lock so bidder codes are unique and
// dense), pays by bank transfer to the market's deposit account with a reference unique to this
// bidder and lot, and staff confirm receipt. Every status change is conditional on the current
// status, so a click twice or a retry moves money once.
import { errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { AuctionDeposit } from "../generated/prisma/client.ts";
import { paymentAdapter, requireAvailableAdapter } from "../payments/adapters.server.ts";
import { marketDepositAccount } from "../payments/bank-transfer.server.ts";
import { assertOrganizationVerified } from "../organizations/verification.server.ts";
import { newPaymentReference } from "../payments/references.ts";
import { isClosed, isMarketStaff, requireMarketStaff, type Actor } from "./lots.server.ts";
import type { DepositConfirmInput } from "./schemas.ts";

export function depositJson(
  d: AuctionDeposit & { org?: { name: string } | null },
  opts: { clientSecret?: string | null; staff?: boolean } = {},
) {
  return {
    id: d.id,
    auctionId: d.auctionId,
    bidderCode: d.bidderCode,
    status: d.status,
    amountFen: Number(d.amountFen),
    method: d.method,
    reference: d.reference,
    ...(d.method === "bank_transfer" ? { bankAccount: marketDepositAccount() } : {}),
    ...(opts.clientSecret ? { clientSecret: opts.clientSecret } : {}),
    bankReference: d.bankReference,
    payerName: d.payerName,
    paidAmountFen: d.paidAmountFen === null ? null : Number(d.paidAmountFen),
    receivedAt: d.receivedAt?.toISOString() ?? null,
    payerMismatchReason: d.payerMismatchReason,
    refundBankReference: d.refundBankReference,
    refundedAt: d.refundedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    ...(opts.staff ? { organization: d.org ? { id: d.orgId, name: d.org.name } : { id: d.orgId } } : {}),
  };
}

export const bidderCodeFor = (n: number) => `A${String(n).padStart(2, "0")}`;

/** Why this user may not register for this lot, or null. */
async function registrationRefusal(user: Actor, lot: { sellerOrgId: string; resultId: string }) {
  if (isMarketStaff(user)) return "交易市场工作人员不能参与竞买 / Market staff cannot bid";
  if (!user.organizationId || !can(user, "bid:auction:own"))
    return "只有已认证企业的用户可以报名竞买 / Only users of a verified company can register";
  if (user.organizationId === lot.sellerOrgId)
    return "转让方及其成员不能参与竞买 / The seller and its members cannot bid";
  // drafts only until verified: 403 organization_unverified, as everywhere else
  await assertOrganizationVerified(prisma, user.organizationId);
  // a bidder that defaulted on this result may not take part when it is offered again
  const defaulted = await prisma.auctionDeposit.count({
    where: { orgId: user.organizationId, status: "forfeited", auction: { resultId: lot.resultId } },
  });
  if (defaulted)
    return "贵单位曾在该成果的竞价中违约，不能再次参与 / Your organization defaulted on this result and cannot take part";
  return null;
}

/** Registers the caller's organization and opens its deposit. A second call returns the same one. */
export async function registerDeposit(
  user: Actor,
  auctionId: string,
  method: "bank_transfer" | "stripe",
  options: { now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const lot = await prisma.auction.findUnique({
    where: { id: auctionId },
    select: { id: true, sellerOrgId: true, resultId: true, status: true, mode: true },
  });
  if (!lot || ["draft", "pending_review"].includes(lot.status)) throw errors.notFound("交易项目");
  const refusal = await registrationRefusal(user, lot);
  if (refusal) throw errors.forbidden(refusal);
  if (lot.mode === "notice")
    throw errors.conflict("协议定价公示项目无需报名 / A notice lot takes no registrations", "invalid_state");
  // 409 method_unavailable for a card without Stripe configured
  requireAvailableAdapter(method);
  const deposit = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ status: string; endsAt: Date | null; depositFen: bigint }>>`
      SELECT status, "endsAt", "depositFen" FROM "Auction" WHERE id = ${auctionId} FOR UPDATE`;
    const existing = await tx.auctionDeposit.findUnique({
      where: { auctionId_orgId: { auctionId, orgId: user.organizationId! } },
    });
    if (existing) return { ...existing, created: false };
    if (!row || !["announced", "bidding"].includes(row.status) || (row.endsAt && row.endsAt <= now)) {
      throw errors.conflict("报名已截止或尚未公告 / Registration is closed", "auction_not_open");
    }
    const count = await tx.auctionDeposit.count({ where: { auctionId } });
    const created = await tx.auctionDeposit.create({
      data: {
        auctionId,
        userId: user.id,
        orgId: user.organizationId!,
        bidderCode: bidderCodeFor(count + 1),
        method,
        amountFen: row.depositFen,
        reference: newPaymentReference("deposit"),
        status: row.depositFen === 0n ? "held" : "awaiting_payment",
      },
    });
    await recordAudit(tx, {
      entityType: "deposit",
      entityId: created.id,
      action: "register",
      actorId: user.id,
      after: {
        auctionId,
        orgId: created.orgId,
        bidderCode: created.bidderCode,
        method,
        amountFen: created.amountFen,
        status: created.status,
      },
    });
    return { ...created, created: true };
  });
  let clientSecret: string | null = null;
  let current: AuctionDeposit = deposit;
  if (deposit.method === "stripe" && ["awaiting_payment", "failed"].includes(deposit.status)) {
    // after the commit: the lot is not kept locked while Stripe answers. The same key returns the
    // same PaymentIntent, so a retried registration (or a timeout) never charges twice.
    const card = await paymentAdapter("stripe").startCollection({
      purpose: "deposit",
      purposeId: deposit.id,
      amountFen: deposit.amountFen,
      payerOrgId: deposit.orgId,
      idempotencyKey: `deposit:${deposit.id}`,
      description: `保证金 / deposit ${deposit.reference}`,
    });
    clientSecret = card.clientSecret ?? null;
    if (!deposit.stripePaymentIntentId) {
      current = await prisma.auctionDeposit.update({
        where: { id: deposit.id },
        data: { stripePaymentIntentId: card.providerPaymentId },
      });
    }
  }
  return { deposit: current, created: deposit.created, clientSecret };
}

export async function listDeposits(viewer: Actor, auctionId: string) {
  const lot = await prisma.auction.findUnique({ where: { id: auctionId }, select: { id: true } });
  if (!lot) throw errors.notFound("交易项目");
  const staff = isMarketStaff(viewer);
  const rows = await prisma.auctionDeposit.findMany({
    where: { auctionId, ...(staff ? {} : { orgId: viewer.organizationId ?? "-" }) },
    orderBy: { bidderCode: "asc" },
  });
  const orgs = staff
    ? await prisma.organization.findMany({
        where: { id: { in: rows.map((r) => r.orgId) } },
        select: { id: true, name: true },
      })
    : [];
  return rows.map((r) => depositJson({ ...r, org: orgs.find((o) => o.id === r.orgId) ?? null }, { staff }));
}

async function lockDeposit(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "AuctionDeposit" WHERE id = ${id} FOR UPDATE`;
  if (!row) throw errors.notFound("保证金");
  return tx.auctionDeposit.findUniqueOrThrow({ where: { id } });
}

const normalName = (s: string) => s.replace(/[\s()（）]/g, "").toLowerCase();

/** Staff record a received bank transfer; the deposit becomes `held` (or `refund_due` if the lot closed meanwhile). */
export async function confirmDeposit(staff: Actor, id: string, input: DepositConfirmInput) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const d = await lockDeposit(tx, id);
    if (d.status !== "awaiting_payment") {
      if (d.bankReference === input.bankReference) return d; // the same confirmation again
      throw errors.conflict(`保证金当前状态为「${d.status}」 / The deposit is ${d.status}`, "invalid_state");
    }
    if (d.method !== "bank_transfer")
      throw errors.conflict(
        "银行卡保证金由支付回调确认 / Card deposits are confirmed by the payment webhook",
        "invalid_state",
      );
    if (BigInt(input.amountFen) < d.amountFen) {
      throw errors.invalid("到账金额少于应缴保证金 / The amount received is less than the deposit", {
        amountFen: `应至少为 ${Number(d.amountFen)} 分 / must be at least ${Number(d.amountFen)} fen`,
      });
    }
    const org = await tx.organization.findUniqueOrThrow({ where: { id: d.orgId }, select: { name: true } });
    const mismatch = normalName(org.name) !== normalName(input.payerName);
    if (mismatch && !input.mismatchReason) {
      throw errors.invalid(
        "付款人户名与竞买单位不一致，请注明理由 / The payer differs from the bidder: give a reason",
        {
          payerName: `付款人应为「${org.name}」；如接受请填写 mismatchReason / The payer should be ${org.name}; to accept, give mismatchReason`,
        },
      );
    }
    const lot = await tx.auction.findUniqueOrThrow({ where: { id: d.auctionId }, select: { status: true } });
    const status = isClosed(lot.status) ? "refund_due" : "held";
    const updated = await tx.auctionDeposit.update({
      where: { id },
      data: {
        status,
        bankReference: input.bankReference,
        payerName: input.payerName,
        paidAmountFen: BigInt(input.amountFen),
        receivedAt: input.receivedAt,
        payerMismatchReason: mismatch ? input.mismatchReason! : null,
        confirmedById: staff.id,
        confirmedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      entityType: "deposit",
      entityId: id,
      action: "confirm",
      actorId: staff.id,
      before: { status: d.status },
      after: {
        status,
        bankReference: input.bankReference,
        payerName: input.payerName,
        amountFen: input.amountFen,
        mismatch,
        mismatchReason: input.mismatchReason ?? null,
      },
    });
    return updated;
  });
}

/** Staff mark a bank refund paid with its bank reference. */
export async function refundDeposit(staff: Actor, id: string, bankReference: string) {
  requireMarketStaff(staff);
  return prisma.$transaction(async (tx) => {
    const d = await lockDeposit(tx, id);
    if (d.status === "refunded" && d.refundBankReference === bankReference) return d;
    if (d.status !== "refund_due")
      throw errors.conflict(
        `保证金当前状态为「${d.status}」，不能退还 / The deposit is ${d.status}: nothing to refund`,
        "invalid_state",
      );
    if (d.method !== "bank_transfer")
      throw errors.conflict("银行卡保证金自动原路退还 / Card deposits are refunded automatically", "invalid_state");
    const updated = await tx.auctionDeposit.update({
      where: { id },
      data: { status: "refunded", refundBankReference: bankReference, refundedAt: new Date(), refundedById: staff.id },
    });
    await recordAudit(tx, {
      entityType: "deposit",
      entityId: id,
      action: "refund",
      actorId: staff.id,
      before: { status: d.status },
      after: { status: "refunded", bankReference },
    });
    return updated;
  });
}

/** Staff's list of bank refunds to pay, across lots. */
export async function refundsDue(staff: Actor) {
  requireMarketStaff(staff);
  const rows = await prisma.auctionDeposit.findMany({
    where: { status: "refund_due", method: "bank_transfer" },
    orderBy: { updatedAt: "asc" },
    take: 500,
  });
  const orgs = await prisma.organization.findMany({
    where: { id: { in: rows.map((r) => r.orgId) } },
    select: { id: true, name: true },
  });
  return rows.map((r) => depositJson({ ...r, org: orgs.find((o) => o.id === r.orgId) ?? null }, { staff: true }));
}
