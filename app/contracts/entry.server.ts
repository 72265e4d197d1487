// Entering and editing a contract (from an accepted offer or directly) while it is a draft or
// returned. 技术交易额 = 合同成交额 − 非技术性费用, computed here and checked again by a database
// trigger. Every change writes an audit event in its transaction.
import { errors } from "../api/api.server.ts";
import { changedFields, recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { withTransactionRetry } from "../db/retry.server.ts";
import { prisma, TRANSACTION_DEFAULTS } from "../db/db.server.ts";
import { CONTRACT_SUBTYPES, type ContractType } from "../domain/catalog.ts";
import { canRead as canReadListing } from "../listings/workflow.server.ts";
import { assertCommissionHasBroker, contractBrokerColumns, patchBrokerColumns } from "../leads/attribution.server.ts";
import { contractPermissions, EDITABLE_STATUSES, loadVisible, wrongState } from "./access.server.ts";
import { auditFields, contractInclude, contractJson } from "./contract-json.server.ts";
import {
  askForConfirmation,
  CONSENT_PARTIES,
  needsConsent,
  partiesOf,
  recordConfirmations,
  voidStaleConfirmations,
  type ConsentParty,
} from "./consent.server.ts";
import {
  contractRuleProblems,
  type CommissionInput,
  type ContractCreateInput,
  type ContractDraft,
  type ContractPatchInput,
  type ContractStatus,
} from "./schemas.ts";
import { dateFromDay, dayFromDate } from "../domain/time.ts";

export const txOptions = TRANSACTION_DEFAULTS;

/**
 * Open drafts one organization may hold at a time: far above real use (a busy transfer office has
 * a handful), low enough that nobody can flood the contracts list and its totals.
 */
export const MAX_OPEN_DRAFTS_PER_ORGANIZATION = 50;

function draftLimitReached() {
  return errors.conflict(
    `本单位未提交的合同草稿已达 ${MAX_OPEN_DRAFTS_PER_ORGANIZATION} 份，请先提交或删除部分草稿 / Your organization already holds ${MAX_OPEN_DRAFTS_PER_ORGANIZATION} open drafts: submit or delete some first`,
    "draft_limit",
  );
}

async function requireOrgs(
  ids: Partial<Record<"sellerOrgId" | "buyerOrgId" | "brokerOrgId", string | null | undefined>>,
) {
  const wanted = Object.entries(ids).filter((e): e is [string, string] => !!e[1]);
  const found = await prisma.organization.findMany({
    where: { id: { in: wanted.map(([, v]) => v) } },
    select: { id: true },
  });
  const known = new Set(found.map((o) => o.id));
  const problems: Record<string, string> = {};
  for (const [key, value] of wanted) {
    if (!known.has(value)) problems[key] = "单位不存在 / Unknown organization";
  }
  if (Object.keys(problems).length) throw errors.invalid(firstMessage(problems), problems);
}

function firstMessage(problems: Record<string, string>) {
  const [key, message] = Object.entries(problems)[0]!;
  return `输入无效：${key} — ${message}`;
}

export function throwProblems(problems: Record<string, string>) {
  if (Object.keys(problems).length) throw errors.invalid(firstMessage(problems), problems);
}

// A transfer mode agreed in the negotiation suggests the contract type.
const MODE_TO_TYPE: Record<string, { type: ContractType; subtype?: string }> = {
  transfer: { type: "transfer" },
  license: { type: "license" },
  joint_development: { type: "development", subtype: "cooperative" },
  service: { type: "service", subtype: "service" },
};

export async function createContract(input: ContractCreateInput, user: SessionUser) {
  const anyOrg = can(user, "create:contract:any");
  if (!anyOrg && !can(user, "create:contract:own")) throw errors.forbidden();

  let offerLeadId: string | null = null;
  let draft: ContractDraft & {
    offerId?: string | null;
    resultId?: string | null;
    needId?: string | null;
    brokerUserId?: string | null;
    commission?: CommissionInput | null;
  };
  if (input.offerId) {
    const offer = await prisma.offer.findUnique({
      where: { id: input.offerId },
      include: {
        result: { select: { id: true, title: true, field: true } },
        need: { select: { id: true, title: true, field: true } },
        contract: { select: { id: true } },
      },
    });
    const party =
      !!offer &&
      !!user.organizationId &&
      (offer.fromOrgId === user.organizationId || offer.toOrgId === user.organizationId);
    if (!offer || !(party || anyOrg))
      throw errors.invalid("报价不存在 / Unknown offer", { offerId: "报价不存在 / Unknown offer" });
    if (offer.status !== "accepted") {
      throw errors.conflict(
        "只有已接受的报价才能生成合同 / Only an accepted offer becomes a contract",
        "invalid_state",
      );
    }
    if (offer.contract) {
      throw errors.conflict(`该报价已生成合同 ${offer.contract.id} / This offer already has a contract`, "duplicate");
    }
    // offer on a result: the result's organization sells; proposal on a need: the proposer sells.
    const sellerOrgId = offer.kind === "offer" ? offer.toOrgId : offer.fromOrgId;
    const buyerOrgId = offer.kind === "offer" ? offer.fromOrgId : offer.toOrgId;
    const problems: Record<string, string> = {};
    if (input.sellerOrgId && input.sellerOrgId !== sellerOrgId)
      problems.sellerOrgId = "与报价的卖方不一致 / Does not match the offer's seller";
    if (input.buyerOrgId && input.buyerOrgId !== buyerOrgId)
      problems.buyerOrgId = "与报价的买方不一致 / Does not match the offer's buyer";
    throwProblems(problems);
    offerLeadId = offer.leadId;
    const suggested = offer.mode ? MODE_TO_TYPE[offer.mode] : undefined;
    const listing = offer.result ?? offer.need;
    draft = {
      ...input,
      type: input.type ?? suggested?.type,
      subtype: input.subtype ?? (input.type ? null : (suggested?.subtype ?? null)),
      title: input.title ?? listing?.title,
      sellerOrgId,
      buyerOrgId,
      contractAmountFen: input.contractAmountFen ?? (offer.amountFen === null ? undefined : Number(offer.amountFen)),
      nonTechnicalCostsFen: input.nonTechnicalCostsFen ?? 0,
      resultId: offer.resultId,
      needId: offer.needId,
      field: input.field ?? listing?.field ?? null,
    };
    if (draft.contractAmountFen === undefined) {
      throwProblems({
        contractAmountFen: "报价为面议，请填写合同成交额 / The offer was negotiable: give the contract amount",
      });
    }
  } else {
    draft = { ...input };
  }
  throwProblems(contractRuleProblems(draft));
  await requireOrgs({ sellerOrgId: draft.sellerOrgId, buyerOrgId: draft.buyerOrgId, brokerOrgId: draft.brokerOrgId });
  // a live lead on the two parties names the broker, also when they signed without them
  const broker = await contractBrokerColumns(
    { ...draft, sellerOrgId: draft.sellerOrgId!, buyerOrgId: draft.buyerOrgId! },
    { offerLeadId },
  );
  draft.brokerOrgId = broker.brokerOrgId;
  if (!anyOrg) {
    const org = user.organizationId;
    if (!org || ![draft.sellerOrgId, draft.buyerOrgId, draft.brokerOrgId].includes(org)) {
      throw errors.forbidden(
        "只能录入本单位作为当事方或中介方的合同 / You can only enter contracts your organization is a party to",
      );
    }
  }
  let field = draft.field ?? null;
  if (!input.offerId && (draft.resultId || draft.needId)) {
    const [result, need] = await Promise.all([
      draft.resultId
        ? prisma.result.findUnique({
            where: { id: draft.resultId },
            select: { field: true, status: true, organizationId: true },
          })
        : null,
      draft.needId
        ? prisma.need.findUnique({
            where: { id: draft.needId },
            select: { field: true, status: true, organizationId: true },
          })
        : null,
    ]);
    const problems: Record<string, string> = {};
    if (draft.resultId && !result) problems.resultId = "科技成果不存在 / Unknown result";
    if (draft.needId && !need) problems.needId = "技术需求不存在 / Unknown need";
    throwProblems(problems);
    // Linking a listing needs read access to it: someone else's pending or draft listing answers
    // 404, its title never echoed.
    if (result && !canReadListing(user, result)) throw errors.notFound("科技成果");
    if (need && !canReadListing(user, need)) throw errors.notFound("技术需求");
    field ??= result?.field ?? need?.field ?? null;
  }

  const amount = BigInt(draft.contractAmountFen!);
  const costs = BigInt(draft.nonTechnicalCostsFen!);
  const ownerOrg = user.organizationId;
  const created = await withTransactionRetry(() =>
    prisma.$transaction(async (tx) => {
      const c = await tx.contract.create({
        data: {
          type: draft.type!,
          subtype: draft.subtype ?? null,
          title: draft.title!,
          sellerOrgId: draft.sellerOrgId!,
          buyerOrgId: draft.buyerOrgId!,
          ...broker,
          contractAmountFen: amount,
          nonTechnicalCostsFen: costs,
          techTransactionAmountFen: amount - costs,
          signedAt: dateFromDay(draft.signedAt!),
          validUntil: draft.validUntil ? dateFromDay(draft.validUntil) : null,
          offerId: draft.offerId ?? null,
          resultId: draft.resultId ?? null,
          needId: draft.needId ?? null,
          ipType: draft.ipType ?? null,
          field,
          status: "draft",
          createdById: user.id,
          createdByOrgId: ownerOrg,
        },
        include: contractInclude,
      });
      await tx.contractVersion.create({
        data: {
          contractId: c.id,
          version: 1,
          contractAmountFen: amount,
          nonTechnicalCostsFen: costs,
          techTransactionAmountFen: amount - costs,
          reason: "录入 / entered",
          createdById: user.id,
        },
      });
      // Entering it is the consent of the creator's own side; a broker or third organization confirms
      // nothing (docs/decisions/0018).
      const confirmed =
        needsConsent(c) && can(user, "confirm:contract:own")
          ? await recordConfirmations(tx, c.id, partiesOf(c, user), user.id)
          : [];
      const after = { ...c, confirmations: confirmed };
      if (!anyOrg && ownerOrg) {
        // One organization's drafts are counted one creation at a time, so parallel posts cannot
        // pass the limit. The lock comes last (the new draft included in the count): waiting
        // creations hold it only for the count, the audit row and the commit, not the whole work —
        // a burst of creations held it from the start and ran past the transaction's timeout (P2028).
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`contract-drafts:${ownerOrg}`}))`;
        const open = await tx.contract.count({ where: { createdByOrgId: ownerOrg, status: "draft" } });
        if (open > MAX_OPEN_DRAFTS_PER_ORGANIZATION) throw draftLimitReached();
      }
      // the audit chain's lock is the last one taken (docs/decisions/0004)
      await recordAudit(tx, {
        entityType: "contract",
        entityId: c.id,
        action: "create",
        actorId: user.id,
        before: null,
        after: auditFields(after),
      });
      return after;
    }, txOptions),
  );
  // The parties still to confirm are asked after the commit: the creation holds the organization's
  // draft lock, and the notices need none of it.
  if (needsConsent(created) && !anyOrg) {
    const done = new Set(created.confirmations.map((k) => k.party));
    const waiting = CONSENT_PARTIES.filter((p) => !done.has(p));
    if (waiting.length)
      await withTransactionRetry(() =>
        prisma.$transaction((tx) => askForConfirmation(tx, created, waiting, user, "entered"), txOptions),
      );
  }
  return contractJson(created);
}

export async function updateContract(id: string, input: ContractPatchInput, user: SessionUser) {
  const c = await loadVisible(id, user);
  const perms = contractPermissions(c, user);
  if (!EDITABLE_STATUSES.includes(c.status as ContractStatus)) throw wrongState(c.status, { zh: "修改", en: "edited" });
  if (!perms.canEdit) throw errors.forbidden();

  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ContractPatchInput;
  const merged: ContractDraft = {
    type: c.type as ContractType,
    subtype: c.subtype,
    title: c.title,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId,
    contractAmountFen: Number(c.contractAmountFen),
    nonTechnicalCostsFen: Number(c.nonTechnicalCostsFen),
    signedAt: dayFromDate(c.signedAt)!,
    validUntil: dayFromDate(c.validUntil),
    field: c.field,
    ipType: c.ipType,
    ...given,
  };
  // A changed type without a subtype drops the old subtype rather than failing on it.
  if (
    given.type &&
    given.subtype === undefined &&
    merged.subtype &&
    !(merged.subtype in CONTRACT_SUBTYPES[given.type])
  ) {
    merged.subtype = null;
  }
  throwProblems(contractRuleProblems(merged));
  if (
    c.offerId &&
    ((given.sellerOrgId && given.sellerOrgId !== c.sellerOrgId) ||
      (given.buyerOrgId && given.buyerOrgId !== c.buyerOrgId))
  ) {
    throwProblems({
      sellerOrgId: "由报价生成的合同不能更换当事方 / The parties of a contract from an offer cannot change",
    });
  }
  await requireOrgs({ sellerOrgId: given.sellerOrgId, buyerOrgId: given.buyerOrgId, brokerOrgId: given.brokerOrgId });
  if (!can(user, "create:contract:any")) {
    const org = user.organizationId;
    if (![merged.sellerOrgId, merged.buyerOrgId, merged.brokerOrgId].includes(org)) {
      throwProblems({ sellerOrgId: "本单位须仍是合同一方 / Your organization must remain a party" });
    }
  }
  const amount = BigInt(merged.contractAmountFen!);
  const costs = BigInt(merged.nonTechnicalCostsFen!);
  const data = {
    type: merged.type!,
    subtype: merged.subtype ?? null,
    title: merged.title!,
    sellerOrgId: merged.sellerOrgId!,
    buyerOrgId: merged.buyerOrgId!,
    brokerOrgId: merged.brokerOrgId ?? null,
    contractAmountFen: amount,
    nonTechnicalCostsFen: costs,
    techTransactionAmountFen: amount - costs,
    signedAt: dateFromDay(merged.signedAt!),
    validUntil: merged.validUntil ? dateFromDay(merged.validUntil) : null,
    field: merged.field ?? null,
    ipType: merged.ipType ?? null,
    ...(await patchBrokerColumns(c, given)),
  };
  // the commission after the edit (given or kept) still needs a broker organization after it
  assertCommissionHasBroker({
    brokerOrgId: data.brokerOrgId,
    commissionRateBp: data.commissionRateBp !== undefined ? data.commissionRateBp : c.commissionRateBp,
    commissionAmountFen: data.commissionAmountFen !== undefined ? data.commissionAmountFen : c.commissionAmountFen,
  });
  const updated = await prisma.$transaction(async (tx) => {
    const changed = await tx.contract.updateMany({ where: { id, status: { in: EDITABLE_STATUSES } }, data });
    if (changed.count !== 1) throw wrongState("changed", { zh: "修改", en: "edited" });
    await tx.contractVersion.updateMany({
      where: { contractId: id, version: c.version },
      data: { contractAmountFen: amount, nonTechnicalCostsFen: costs, techTransactionAmountFen: amount - costs },
    });
    // New terms void the confirmations of the old ones; the editor's own side confirms what it typed,
    // the other side is asked again (docs/decisions/0018).
    if (needsConsent(c)) {
      const voided = await voidStaleConfirmations(tx, id);
      if (can(user, "confirm:contract:own")) await recordConfirmations(tx, id, partiesOf(data, user), user.id);
      const again = voided.map((k) => k.party as ConsentParty);
      if (again.length) await askForConfirmation(tx, { id, ...data }, again, user, "changed");
    }
    const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
    const diff = changedFields(
      auditFields(c) as Record<string, unknown>,
      auditFields(after) as Record<string, unknown>,
    );
    await recordAudit(tx, { entityType: "contract", entityId: id, action: "update", actorId: user.id, ...diff });
    return after;
  }, txOptions);
  return contractJson(updated);
}

/** DELETE /api/v1/contracts/:id: a draft goes away entirely, by its creator or the creator's organization. */
export async function deleteContract(id: string, user: SessionUser) {
  const c = await loadVisible(id, user);
  if (c.status !== "draft") throw wrongState(c.status, { zh: "删除", en: "deleted" });
  if (!contractPermissions(c, user).canDelete)
    throw errors.forbidden(
      "只有录入该草稿的人或其单位可以删除 / Only whoever entered the draft, or their organization, can delete it",
    );
  await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ status: string }>
    >`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
    if (locked[0]?.status !== "draft") throw wrongState(locked[0]?.status ?? "gone", { zh: "删除", en: "deleted" });
    const current = await tx.contract.findUniqueOrThrow({ where: { id } });
    await tx.contract.delete({ where: { id } });
    await recordAudit(tx, {
      entityType: "contract",
      entityId: id,
      action: "delete",
      actorId: user.id,
      before: auditFields(current),
      after: null,
    });
  }, txOptions);
  return { id, deleted: true };
}
