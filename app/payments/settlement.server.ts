// Paying under a contract (settlement, docs/decisions/0008). Bank transfer: money goes straight
// from the buyer to the seller (二清: the platform never holds it); the buyer side records the
// payment with the bank receipt number, the seller side confirms receipt, either side may dispute.
// Card: the buyer starts a Stripe payment; Stripe's webhook confirms it (settlement-stripe.server.ts).
// Each payment applies once: one payment per bank reference and contract (a retry of the same
// record answers the existing one), state changes are conditional on the current state, and every
// change writes an audit event in its transaction.
import { randomUUID } from "node:crypto";
import { ApiError, errors } from "../api/api.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { canReadContract } from "../contracts/access.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import type { ContractPayment } from "../generated/prisma/client.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { availablePaymentMethods, requireAvailableAdapter } from "./adapters.server.ts";
import { newPaymentReference } from "./references.ts";
import type { DisputeInput, PaymentRecordInput } from "./schemas.ts";
import { scheduleJson, scheduleProgress } from "./schedule.server.ts";
import {
  CLOSED,
  contractPartiesSelect,
  settlementPermissions,
  type ContractParties,
} from "./settlement-rules.server.ts";
import { shanghaiYearMonth } from "../domain/time.ts";
import { autoApplyQuietly } from "../subsidies/auto.server.ts";

export { confirmedPaidFen, settlementPermissions } from "./settlement-rules.server.ts";

const txOptions = { maxWait: 15_000, timeout: 30_000 };

export function paymentJson(p: ContractPayment) {
  return {
    id: p.id,
    contractId: p.contractId,
    method: p.method,
    amountFen: Number(p.amountFen),
    paidAt: p.paidAt.toISOString(),
    reference: p.reference,
    providerPaymentId: p.providerPaymentId,
    status: p.status,
    payerOrgId: p.payerOrgId,
    payeeOrgId: p.payeeOrgId,
    recordedById: p.recordedById,
    confirmedAt: p.confirmedAt?.toISOString() ?? null,
    confirmedById: p.confirmedById,
    disputedAt: p.disputedAt?.toISOString() ?? null,
    disputedById: p.disputedById,
    disputeReason: p.disputeReason,
    failureMessage: p.failureMessage,
    refundedFen: Number(p.refundedFen),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PaymentJson = ReturnType<typeof paymentJson>;

/** What the columns were, for audit before/after. */
function auditFields(p: ContractPayment) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

async function visibleContract(
  id: string,
  user: SessionUser,
  tx: Tx | typeof prisma = prisma,
): Promise<ContractParties> {
  const c = await tx.contract.findUnique({ where: { id }, select: contractPartiesSelect });
  if (!c || !canReadContract(c, user)) throw errors.notFound("合同");
  return c;
}

/** Sums of a contract's payments, net of card refunds. */
export function paymentTotals(payments: ContractPayment[]) {
  const sum = (status: string) =>
    payments.filter((p) => p.status === status).reduce((a, p) => a + p.amountFen - p.refundedFen, 0n);
  return {
    confirmedFen: sum("confirmed"),
    recordedFen: sum("recorded"),
    disputedFen: sum("disputed"),
    pendingFen: sum("pending"),
  };
}

/** GET /api/v1/contracts/:id/payments: the schedule, the payments, the sums and what the viewer may do. */
export async function listPayments(contractId: string, user: SessionUser) {
  const c = await visibleContract(contractId, user);
  const [payments, milestones] = await Promise.all([
    prisma.contractPayment.findMany({ where: { contractId }, orderBy: [{ paidAt: "asc" }, { createdAt: "asc" }] }),
    prisma.paymentMilestone.findMany({ where: { contractId }, orderBy: { seq: "asc" } }),
  ]);
  const totals = paymentTotals(payments);
  const progress = scheduleProgress(milestones, totals.confirmedFen);
  return {
    contractId,
    contractAmountFen: Number(c.contractAmountFen),
    items: payments.map(paymentJson),
    schedule: scheduleJson(milestones, progress),
    summary: {
      contractAmountFen: Number(c.contractAmountFen),
      scheduledFen: Number(progress.scheduledFen),
      dueFen: Number(progress.dueFen),
      overdueFen: Number(progress.overdueFen),
      recordedFen: Number(totals.recordedFen),
      confirmedFen: Number(totals.confirmedFen),
      disputedFen: Number(totals.disputedFen),
      pendingFen: Number(totals.pendingFen),
      outstandingFen: Number(c.contractAmountFen - totals.confirmedFen),
    },
    methods: availablePaymentMethods(),
    permissions: settlementPermissions(c, user),
  };
}

function invalidState(status: string, action: { zh: string; en: string }) {
  return errors.conflict(
    `该笔付款当前状态为「${status}」，不能${action.zh} / The payment is ${status}: it cannot be ${action.en}`,
    "invalid_state",
  );
}

const sameRecord = (p: ContractPayment, input: PaymentRecordInput) =>
  p.method === input.method &&
  p.amountFen === BigInt(input.amountFen) &&
  p.paidAt.getTime() === input.paidAt?.getTime();

/**
 * POST /api/v1/contracts/:id/payments by the buyer side. Returns `created: false` with the
 * existing payment when the same bank reference was already recorded with the same details (a
 * double click or a retry); other details under that reference are a 409 `duplicate_reference`.
 */
export async function recordPayment(
  contractId: string,
  input: PaymentRecordInput,
  user: SessionUser,
  opts: { idempotencyKey?: string } = {},
) {
  const c = await visibleContract(contractId, user);
  if (!settlementPermissions(c, user).canRecord) {
    if (CLOSED.includes(c.status))
      throw errors.conflict(
        `合同状态为「${c.status}」，不能登记付款 / The contract is ${c.status}: no payments can be recorded`,
        "invalid_state",
      );
    throw errors.forbidden("只有合同买方可以登记付款 / Only the buyer side records payments");
  }
  const adapter = requireAvailableAdapter(input.method);
  if (input.method === "stripe") return startCardPayment(c, input, user, opts.idempotencyKey);

  return prisma.$transaction(async (tx) => {
    // the contract's row lock serialises payments of one contract: the sum check and the
    // reference check below see every earlier one
    await tx.$queryRaw`SELECT id FROM "Contract" WHERE id = ${contractId} FOR UPDATE`;
    const existing = await tx.contractPayment.findUnique({
      where: { contractId_reference: { contractId, reference: input.reference! } },
    });
    if (existing) {
      if (sameRecord(existing, input)) return { payment: paymentJson(existing), created: false };
      throw errors.conflict(
        `回单号 ${input.reference} 已登记过另一笔付款 / Bank reference ${input.reference} is already recorded for another payment`,
        "duplicate_reference",
      );
    }
    const active = await tx.contractPayment.findMany({
      where: { contractId, status: { in: ["recorded", "confirmed"] } },
    });
    const activeFen = active.reduce((a, p) => a + p.amountFen - p.refundedFen, 0n);
    if (activeFen + BigInt(input.amountFen) > c.contractAmountFen) {
      throw new ApiError(
        409,
        "exceeds_contract_amount",
        "已登记的付款合计将超过合同成交额 / Recorded payments would exceed the contract amount",
        {
          amountFen: `≤ ${Number(c.contractAmountFen - activeFen)}`,
        },
      );
    }
    const payment = await tx.contractPayment.create({
      data: {
        id: randomUUID(),
        contractId,
        method: adapter.method,
        amountFen: BigInt(input.amountFen),
        paidAt: input.paidAt!,
        reference: input.reference!,
        status: "recorded",
        payerOrgId: c.buyerOrgId,
        payeeOrgId: c.sellerOrgId,
        recordedById: user.id,
        idempotencyKey: opts.idempotencyKey ?? null,
      },
    });
    await recordAudit(tx, {
      entityType: "payment",
      entityId: payment.id,
      action: "record",
      actorId: user.id,
      after: auditFields(payment),
    });
    await notifyOrganization(tx, c.sellerOrgId, {
      kind: "payment_recorded",
      title: {
        zh: `买方登记了一笔付款，请确认收款：${c.title}`,
        en: `The buyer recorded a payment; please confirm receipt: ${c.title}`,
      },
      body: {
        zh: `金额 ${(input.amountFen / 100).toFixed(2)} 元，银行回单号 ${input.reference}。`,
        en: `Amount CNY ${(input.amountFen / 100).toFixed(2)}, bank reference ${input.reference}.`,
      },
      link: `/contracts/${contractId}#payments`,
    });
    return { payment: paymentJson(payment), created: true };
  }, txOptions);
}

/** A card payment: a pending payment and its PaymentIntent, created with one idempotency key. */
async function startCardPayment(
  c: ContractParties,
  input: PaymentRecordInput,
  user: SessionUser,
  idempotencyKey?: string,
) {
  if (idempotencyKey) {
    const existing = await prisma.contractPayment.findUnique({
      where: { contractId_idempotencyKey: { contractId: c.id, idempotencyKey } },
    });
    if (existing) return { payment: paymentJson(existing), created: false, clientSecret: null };
  }
  const id = randomUUID();
  const collection = await requireAvailableAdapter("stripe").startCollection({
    purpose: "contract_payment",
    purposeId: id,
    amountFen: BigInt(input.amountFen),
    payerOrgId: c.buyerOrgId,
    idempotencyKey: `contract_payment:${id}`,
    description: `合同付款 / Contract payment: ${c.title}`,
  });
  const payment = await prisma.$transaction(async (tx) => {
    const created = await tx.contractPayment.create({
      data: {
        id,
        contractId: c.id,
        method: "stripe",
        amountFen: BigInt(input.amountFen),
        paidAt: new Date(),
        reference: newPaymentReference("contract_payment"),
        providerPaymentId: collection.providerPaymentId!,
        idempotencyKey: idempotencyKey ?? null,
        status: "pending",
        payerOrgId: c.buyerOrgId,
        payeeOrgId: c.sellerOrgId,
        recordedById: user.id,
      },
    });
    await recordAudit(tx, {
      entityType: "payment",
      entityId: id,
      action: "start_card_payment",
      actorId: user.id,
      after: auditFields(created),
    });
    return created;
  }, txOptions);
  return { payment: paymentJson(payment), created: true, clientSecret: collection.clientSecret ?? null };
}

async function visiblePayment(paymentId: string, user: SessionUser) {
  const payment = await prisma.contractPayment.findUnique({ where: { id: paymentId } });
  if (!payment) throw errors.notFound("付款记录");
  const c = await prisma.contract.findUnique({ where: { id: payment.contractId }, select: contractPartiesSelect });
  if (!c || !canReadContract(c, user)) throw errors.notFound("付款记录");
  return { payment, contract: c };
}

/** POST /api/v1/payments/:id/confirm — the receiving side confirms a bank payment's receipt; once. */
export async function confirmPayment(paymentId: string, user: SessionUser) {
  const { payment, contract } = await visiblePayment(paymentId, user);
  if (!settlementPermissions(contract, user).canConfirm) {
    throw errors.forbidden(
      "只有收款方（合同卖方）可以确认收款 / Only the receiving side (the seller) confirms a payment",
    );
  }
  if (payment.method !== "bank_transfer")
    throw invalidState(payment.status, {
      zh: "手工确认（银行卡付款由支付服务确认）",
      en: "confirmed by hand (card payments are confirmed by the provider)",
    });
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.contractPayment.updateMany({
      where: { id: paymentId, status: { in: ["recorded", "disputed"] } },
      data: {
        status: "confirmed",
        confirmedAt: now,
        confirmedById: user.id,
        confirmedYear: shanghaiYearMonth(now).year,
      },
    });
    const after = await tx.contractPayment.findUniqueOrThrow({ where: { id: paymentId } });
    if (changed.count === 0) {
      if (after.status === "confirmed") return { payment: paymentJson(after), changed: false };
      throw invalidState(after.status, { zh: "确认", en: "confirmed" });
    }
    await recordAudit(tx, {
      entityType: "payment",
      entityId: paymentId,
      action: "confirm",
      actorId: user.id,
      before: { status: payment.status },
      after: { status: after.status, confirmedAt: after.confirmedAt, confirmedYear: after.confirmedYear },
    });
    await notifyOrganization(tx, payment.payerOrgId, {
      kind: "payment_confirmed",
      title: { zh: `卖方已确认收款：${contract.title}`, en: `The seller confirmed receipt: ${contract.title}` },
      body: { zh: `银行回单号 ${payment.reference}。`, en: `Bank reference ${payment.reference}.` },
      link: `/contracts/${contract.id}#payments`,
    });
    return { payment: paymentJson(after), changed: true };
  }, txOptions);
  // 免申即享: after the commit, and never failing the confirmation (docs/decisions/0021-subsidies.md)
  if (result.changed) await autoApplyQuietly(contract.id);
  return result;
}

/** POST /api/v1/payments/:id/dispute — either side disputes a bank payment, with a reason. */
export async function disputePayment(paymentId: string, input: DisputeInput, user: SessionUser) {
  const { payment, contract } = await visiblePayment(paymentId, user);
  if (!settlementPermissions(contract, user).canDispute)
    throw errors.forbidden("只有合同双方可以提出异议 / Only the contract's parties dispute a payment");
  if (payment.method !== "bank_transfer")
    throw invalidState(payment.status, {
      zh: "在此提出异议（银行卡付款向发卡行申诉）",
      en: "disputed here (card payments are disputed with the card issuer)",
    });
  return prisma.$transaction(async (tx) => {
    const changed = await tx.contractPayment.updateMany({
      where: { id: paymentId, status: { in: ["recorded", "confirmed"] } },
      data: {
        status: "disputed",
        disputedAt: new Date(),
        disputedById: user.id,
        disputeReason: input.reason,
        confirmedYear: null,
      },
    });
    const after = await tx.contractPayment.findUniqueOrThrow({ where: { id: paymentId } });
    if (changed.count === 0) {
      if (after.status === "disputed") return { payment: paymentJson(after), changed: false };
      throw invalidState(after.status, { zh: "提出异议", en: "disputed" });
    }
    await recordAudit(tx, {
      entityType: "payment",
      entityId: paymentId,
      action: "dispute",
      actorId: user.id,
      before: { status: payment.status, confirmedYear: payment.confirmedYear },
      after: { status: after.status, disputeReason: after.disputeReason },
    });
    const other = user.organizationId === payment.payerOrgId ? payment.payeeOrgId : payment.payerOrgId;
    await notifyOrganization(tx, other, {
      kind: "payment_disputed",
      title: { zh: `一笔付款被提出异议：${contract.title}`, en: `A payment was disputed: ${contract.title}` },
      body: {
        zh: `银行回单号 ${payment.reference}。理由：${input.reason}`,
        en: `Bank reference ${payment.reference}. Reason: ${input.reason}`,
      },
      link: `/contracts/${contract.id}#payments`,
    });
    return { payment: paymentJson(after), changed: true };
  }, txOptions);
}

export { visibleContract as visibleContractForPayments };
