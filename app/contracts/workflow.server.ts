// The contract workflow after entry: submission by the seller side, review by the bureau
// (register / return / reject), amendment (a new version) and cancellation (注销).
// State changes are conditional on the current state (row lock or `WHERE status = …`), so a
// contract is registered — and counted — at most once whatever is clicked twice or in parallel.
import { errors } from "../api/api.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma } from "../db/db.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { assertContractPartiesVerified, assertOrganizationVerified } from "../organizations/verification.server.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { checkContractAnomalies } from "./anomalies.server.ts";
import { consentRequired, missingParties, needsConsent } from "./consent.server.ts";
import { contractPermissions, EDITABLE_STATUSES, loadVisible, wrongState } from "./access.server.ts";
import { auditFields, contractInclude, contractJson, type ContractRow } from "./contract-json.server.ts";
import { throwProblems, txOptions } from "./entry.server.ts";
import { registerInOneStatement } from "./register-statement.server.ts";
import { registrationPointFor, registrationSnapshot } from "./registration.server.ts";
import { MSG, type AmendInput, type ContractStatus, type ReviewInput } from "./schemas.ts";
import { shanghaiYearMonth } from "../domain/time.ts";
import { flagSubsidiesForReview } from "../subsidies/clawback.server.ts";

async function checkAnomaliesQuietly(id: string) {
  try {
    await checkContractAnomalies(id);
  } catch (error) {
    console.error("anomaly check failed", id, error);
  }
}

export async function submitContract(id: string, user: SessionUser, options: { now?: Date } = {}) {
  const c = await loadVisible(id, user);
  if (!EDITABLE_STATUSES.includes(c.status as ContractStatus))
    throw wrongState(c.status, { zh: "提交登记", en: "submitted" });
  if (!contractPermissions(c, user).canSubmit) {
    throw errors.forbidden(
      "由卖方（技术输出方）、合同的技术经纪方或科技局提交登记 / The seller side, the contract's broker or the bureau submits",
    );
  }
  // an unverified organization has drafts only: it cannot put a contract in the bureau's queue
  if (!can(user, "review:contract:any") && user.organizationId)
    await assertOrganizationVerified(prisma, user.organizationId);
  // …and it is a contract between verified organizations, whoever submits it (the bureau too:
  // it verifies the party first)
  assertContractPartiesVerified({ seller: c.sellerOrg, buyer: c.buyerOrg });
  const now = options.now ?? new Date();
  const today = new Date(
    Date.UTC(shanghaiYearMonth(now).year, shanghaiYearMonth(now).month - 1, shanghaiYearMonth(now).day),
  );
  if (c.validUntil && c.validUntil < today) {
    throwProblems({
      validUntil: "合同已过有效期，不能申请登记 / The contract is no longer valid and cannot be registered",
    });
  }
  // Both parties confirm a contract that came neither from an accepted offer nor from a won lot;
  // the bureau submitting one itself is its registration of a signed paper contract at the
  // counter (docs/decisions/0018-contract-consent.md).
  const consent = needsConsent(c) && !can(user, "review:contract:any");
  const updated = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      if (consent) {
        // locked, so no edit slips in between the check and the submission
        await tx.$queryRaw`SELECT id FROM "Contract" WHERE id = ${id} FOR UPDATE`;
        const missing = await missingParties(tx, id);
        if (missing.length) throw consentRequired(missing, { seller: c.sellerOrg.name, buyer: c.buyerOrg.name });
      }
      const changed = await tx.contract.updateMany({
        where: { id, status: { in: EDITABLE_STATUSES } },
        data: { status: "submitted", submittedAt: now },
      });
      if (changed.count !== 1) throw wrongState("changed", { zh: "提交登记", en: "submitted" });
      const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
      await recordAudit(tx, {
        entityType: "contract",
        entityId: id,
        action: "submit",
        actorId: user.id,
        before: { status: c.status, submittedAt: c.submittedAt },
        after: {
          status: after.status,
          submittedAt: after.submittedAt,
          consent: !needsConsent(c) ? (c.offerId ? "offer" : "auction") : consent ? "parties" : "bureau",
        },
      });
      return after;
    }, txOptions),
  );
  await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

const REVIEW_TEXT = {
  register: { zh: "已准予登记", en: "registered" },
  return: { zh: "被退回补正", en: "returned for correction" },
  reject: { zh: "不予登记", en: "refused" },
} as const;

/** register | return | reject, from submitted only. `now` is for tests of the calendar. */
export async function reviewContract(id: string, input: ReviewInput, user: SessionUser, options: { now?: Date } = {}) {
  if (!can(user, "review:contract:any")) throw errors.forbidden();
  const c = await loadVisible(id, user);
  if (c.status !== "submitted") throw wrongState(c.status, { zh: "审核", en: "reviewed" });
  const now = options.now ?? new Date();
  const point = input.decision === "register" ? await registrationPointFor(user) : null;

  const text = REVIEW_TEXT[input.decision];
  const updated = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      // The row lock makes a second, parallel review wait and then see the new state.
      const locked = await tx.$queryRaw<
        Array<{ status: string }>
      >`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
      const status = locked[0]?.status;
      if (status !== "submitted") throw wrongState(status ?? "gone", { zh: "审核", en: "reviewed" });
      const current = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
      // one submitted before the rule, or a party whose verification was withdrawn since
      if (input.decision === "register")
        assertContractPartiesVerified({ seller: current.sellerOrg, buyer: current.buyerOrg });
      // Everything that needs no shared lock comes first: from the serial on, registrations of the
      // same year queue behind each other (serial row, statistics rows, then the audit chain).
      await notifyOrganization(tx, current.sellerOrgId, {
        kind: `contract.${input.decision}`,
        title: { zh: `技术合同${text.zh}：${current.title}`, en: `Technology contract ${text.en}: ${current.title}` },
        body:
          input.decision === "register"
            ? {
                zh: "认定登记已完成，登记号与登记证明见合同详情。",
                en: "The contract is registered; its number and certificate are on the contract page.",
              }
            : { zh: input.note ?? "", en: input.note ?? "" },
        link: `/contracts/${id}`,
      });

      if (input.decision === "register") {
        const { year, month } = shanghaiYearMonth(now);
        const field = current.field ?? current.result?.field ?? current.need?.field ?? null;
        const data = {
          status: "registered",
          registrationNumber: "",
          registrationPoint: point!,
          registeredAt: now,
          registeredById: user.id,
          registeredYear: year,
          registeredMonth: month,
          reviewNote: input.note || null,
          ...registrationSnapshot(current.sellerOrg, current.buyerOrg, field),
        };
        const diff = changedFields(
          auditFields(current) as Record<string, unknown>,
          { ...auditFields(current), ...data } as Record<string, unknown>,
        );
        const number = await registerInOneStatement(tx, id, data, diff, user.id);
        if (number === undefined) throw wrongState("changed", { zh: "审核", en: "reviewed" });
        return { ...current, ...data, registrationNumber: number, updatedAt: now } satisfies ContractRow;
      }
      const data = { status: input.decision === "return" ? "returned" : "rejected", reviewNote: input.note! };
      const changed = await tx.contract.updateMany({ where: { id, status: "submitted" }, data });
      if (changed.count !== 1) throw wrongState("changed", { zh: "审核", en: "reviewed" });
      const after: ContractRow = { ...current, ...data, updatedAt: new Date() };
      const diff = changedFields(
        auditFields(current) as Record<string, unknown>,
        { ...auditFields(current), ...data } as Record<string, unknown>,
      );
      await recordAudit(tx, {
        entityType: "contract",
        entityId: id,
        action: input.decision,
        actorId: user.id,
        ...diff,
      });
      return after;
    }, txOptions),
  );
  if (input.decision === "register") await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

/** A registered contract's amounts change: a new version; the totals use the current one. */
export async function amendContract(id: string, input: AmendInput, user: SessionUser) {
  if (!can(user, "amend:contract:any")) throw errors.forbidden();
  const c = await loadVisible(id, user);
  if (c.status !== "registered") throw wrongState(c.status, { zh: "变更", en: "amended" });
  const updated = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        Array<{ status: string }>
      >`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
      if (locked[0]?.status !== "registered")
        throw wrongState(locked[0]?.status ?? "gone", { zh: "变更", en: "amended" });
      const current = await tx.contract.findUniqueOrThrow({ where: { id } });
      const amount =
        input.contractAmountFen !== undefined ? BigInt(input.contractAmountFen) : current.contractAmountFen;
      const costs =
        input.nonTechnicalCostsFen !== undefined ? BigInt(input.nonTechnicalCostsFen) : current.nonTechnicalCostsFen;
      if (costs > amount) throwProblems({ nonTechnicalCostsFen: MSG.costsAboveAmount });
      const version = current.version + 1;
      await tx.contractVersion.create({
        data: {
          contractId: id,
          version,
          contractAmountFen: amount,
          nonTechnicalCostsFen: costs,
          techTransactionAmountFen: amount - costs,
          reason: input.reason,
          createdById: user.id,
        },
      });
      await tx.contract.update({
        where: { id },
        data: {
          contractAmountFen: amount,
          nonTechnicalCostsFen: costs,
          techTransactionAmountFen: amount - costs,
          version,
        },
      });
      const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
      // clawback: approved subsidies on the old amounts go back to the bureau
      await flagSubsidiesForReview(tx, id, { kind: "amend", text: input.reason }, user.id);
      await recordAudit(tx, {
        entityType: "contract",
        entityId: id,
        action: "amend",
        actorId: user.id,
        before: {
          version: current.version,
          contractAmountFen: current.contractAmountFen,
          nonTechnicalCostsFen: current.nonTechnicalCostsFen,
          techTransactionAmountFen: current.techTransactionAmountFen,
        },
        after: {
          version,
          contractAmountFen: amount,
          nonTechnicalCostsFen: costs,
          techTransactionAmountFen: amount - costs,
          reason: input.reason,
        },
      });
      return after;
    }, txOptions),
  );
  await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

/** 注销: the contract leaves the totals; its registration number stays taken. */
export async function cancelContract(id: string, input: { reason: string }, user: SessionUser) {
  if (!can(user, "amend:contract:any")) throw errors.forbidden();
  const c = await loadVisible(id, user);
  if (c.status !== "registered") throw wrongState(c.status, { zh: "注销", en: "cancelled" });
  const updated = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      const now = new Date();
      const changed = await tx.contract.updateMany({
        where: { id, status: "registered" },
        data: { status: "cancelled", cancelledAt: now, cancelReason: input.reason },
      });
      if (changed.count !== 1) throw wrongState("changed", { zh: "注销", en: "cancelled" });
      const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
      await notifyOrganization(tx, after.sellerOrgId, {
        kind: "contract.cancelled",
        title: { zh: `技术合同登记已注销：${after.title}`, en: `Contract registration cancelled: ${after.title}` },
        body: { zh: input.reason, en: input.reason },
        link: `/contracts/${id}`,
      });
      await flagSubsidiesForReview(tx, id, { kind: "cancel", text: input.reason }, user.id);
      // the audit event last: it holds the chain's lock until commit
      await recordAudit(tx, {
        entityType: "contract",
        entityId: id,
        action: "cancel",
        actorId: user.id,
        before: { status: c.status, cancelledAt: null, cancelReason: null },
        after: { status: after.status, cancelledAt: after.cancelledAt, cancelReason: after.cancelReason },
      });
      return after;
    }, txOptions),
  );
  return contractJson(updated);
}
