// 技术合同 (issue #4): entry (from an accepted offer or directly), editing while draft/returned,
// submission by the seller side, review by the bureau (register / return / reject), amendment
// (a new version) and cancellation (注销). 技术交易额 = 合同成交额 − 非技术性费用, computed here and
// checked again by a database trigger. Every change writes an audit event in its transaction.
// State changes are conditional on the current state (row lock or `WHERE status = …`), so a
// contract is registered — and counted — at most once whatever is clicked twice or in parallel.
import { errors } from "../api/api.server.ts";
import { auditHistory, auditSnapshot, changedFields, recordAudit } from "../audit/audit.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { CONTRACT_SUBTYPES, type ContractType } from "../domain/catalog.ts";
import { notifyOrganization } from "../offers/notify.server.ts";
import { checkContractAnomalies } from "./anomalies.server.ts";
import { formatRegistrationNumber, registrationPointFor, registrationSnapshot } from "./registration.server.ts";
import {
  contractRuleProblems,
  MSG,
  type AmendInput,
  type ContractCreateInput,
  type ContractDraft,
  type ContractFilters,
  type ContractPatchInput,
  type ContractStatus,
  type ReviewInput,
} from "./schemas.ts";
import { dateFromDay, dayFromDate, shanghaiYearMonth } from "./time.ts";

export const EDITABLE_STATUSES: ContractStatus[] = ["draft", "returned"];
const txOptions = { maxWait: 15_000, timeout: 30_000 };

const partyOrgSelect = {
  select: { id: true, name: true, kind: true, regionCode: true, zone: true, creditCode: true },
} as const;

export const contractInclude = {
  sellerOrg: partyOrgSelect,
  buyerOrg: partyOrgSelect,
  brokerOrg: partyOrgSelect,
  result: { select: { id: true, title: true, field: true } },
  need: { select: { id: true, title: true, field: true } },
} satisfies Prisma.ContractInclude;

export type ContractRow = Prisma.ContractGetPayload<{ include: typeof contractInclude }>;
type PartyOrg = NonNullable<ContractRow["brokerOrg"]>;

function orgJson(o: PartyOrg) {
  return { id: o.id, name: o.name, kind: o.kind, regionCode: o.regionCode, zone: o.zone };
}

const n = (v: bigint) => Number(v);

/** The contract as every endpoint returns it. */
export function contractJson(c: ContractRow) {
  return {
    id: c.id,
    type: c.type,
    subtype: c.subtype,
    title: c.title,
    status: c.status,
    seller: orgJson(c.sellerOrg),
    buyer: orgJson(c.buyerOrg),
    broker: c.brokerOrg ? orgJson(c.brokerOrg) : null,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId,
    contractAmountFen: n(c.contractAmountFen),
    nonTechnicalCostsFen: n(c.nonTechnicalCostsFen),
    techTransactionAmountFen: n(c.techTransactionAmountFen),
    signedAt: dayFromDate(c.signedAt),
    validUntil: dayFromDate(c.validUntil),
    offerId: c.offerId,
    resultId: c.resultId,
    needId: c.needId,
    result: c.result ? { id: c.result.id, title: c.result.title } : null,
    need: c.need ? { id: c.need.id, title: c.need.title } : null,
    ipType: c.ipType,
    field: c.field,
    reviewNote: c.reviewNote,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    registrationNumber: c.registrationNumber,
    registrationPoint: c.registrationPoint,
    registeredAt: c.registeredAt?.toISOString() ?? null,
    registeredYear: c.registeredYear,
    registeredMonth: c.registeredMonth,
    sellerRegion: c.sellerRegion,
    buyerRegion: c.buyerRegion,
    sellerZone: c.sellerZone,
    sellerKind: c.sellerKind,
    buyerKind: c.buyerKind,
    bayArea: c.bayArea,
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
    cancelReason: c.cancelReason,
    version: c.version,
    imported: c.imported,
    createdById: c.createdById,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ContractJson = ReturnType<typeof contractJson>;

/** The stored columns, for audit before/after. */
function auditFields(c: Prisma.ContractGetPayload<object>) {
  const { createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Who may do what

export function isStaff(user: SessionUser) {
  return can(user, "read:contract:any");
}

type PartyIds = { sellerOrgId: string; buyerOrgId: string; brokerOrgId: string | null; createdById?: string | null };

export function contractSides(c: PartyIds, user: SessionUser) {
  const org = user.organizationId;
  return {
    seller: !!org && c.sellerOrgId === org,
    buyer: !!org && c.buyerOrgId === org,
    broker: !!org && c.brokerOrgId === org,
  };
}

export function canReadContract(c: PartyIds, user: SessionUser) {
  const s = contractSides(c, user);
  return isStaff(user) || s.seller || s.buyer || s.broker || (!!c.createdById && c.createdById === user.id);
}

export function contractPermissions(c: PartyIds & { status: string }, user: SessionUser) {
  const s = contractSides(c, user);
  const party = s.seller || s.buyer || s.broker;
  const editable = EDITABLE_STATUSES.includes(c.status as ContractStatus);
  return {
    canEdit: editable && (can(user, "create:contract:any") || (party && can(user, "create:contract:own"))),
    canSubmit: editable && (can(user, "review:contract:any") || ((s.seller || s.broker) && can(user, "create:contract:own"))),
    canReview: c.status === "submitted" && can(user, "review:contract:any"),
    canAmend: c.status === "registered" && can(user, "amend:contract:any"),
    canCancel: c.status === "registered" && can(user, "amend:contract:any"),
  };
}

async function loadVisible(id: string, user: SessionUser, tx: Tx | typeof prisma = prisma) {
  const c = await tx.contract.findUnique({ where: { id }, include: contractInclude });
  if (!c || !canReadContract(c, user)) throw errors.notFound("合同");
  return c;
}

function wrongState(status: string, action: { zh: string; en: string }) {
  return errors.conflict(
    `合同当前状态为「${status}」，不能${action.zh} / The contract is ${status}: it cannot be ${action.en}`,
    "invalid_state",
  );
}

// ---------------------------------------------------------------------------------------------
// Entry

async function requireOrgs(ids: Partial<Record<"sellerOrgId" | "buyerOrgId" | "brokerOrgId", string | null | undefined>>) {
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

function throwProblems(problems: Record<string, string>) {
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

  let draft: ContractDraft & { offerId?: string | null; resultId?: string | null; needId?: string | null };
  if (input.offerId) {
    const offer = await prisma.offer.findUnique({
      where: { id: input.offerId },
      include: { result: { select: { id: true, title: true, field: true } }, need: { select: { id: true, title: true, field: true } }, contract: { select: { id: true } } },
    });
    const party = !!offer && !!user.organizationId && (offer.fromOrgId === user.organizationId || offer.toOrgId === user.organizationId);
    if (!offer || !(party || anyOrg)) throw errors.invalid("报价不存在 / Unknown offer", { offerId: "报价不存在 / Unknown offer" });
    if (offer.status !== "accepted") {
      throw errors.conflict("只有已接受的报价才能生成合同 / Only an accepted offer becomes a contract", "invalid_state");
    }
    if (offer.contract) {
      throw errors.conflict(`该报价已生成合同 ${offer.contract.id} / This offer already has a contract`, "duplicate");
    }
    // offer on a result: the result's organization sells; proposal on a need: the proposer sells.
    const sellerOrgId = offer.kind === "offer" ? offer.toOrgId : offer.fromOrgId;
    const buyerOrgId = offer.kind === "offer" ? offer.fromOrgId : offer.toOrgId;
    const problems: Record<string, string> = {};
    if (input.sellerOrgId && input.sellerOrgId !== sellerOrgId) problems.sellerOrgId = "与报价的卖方不一致 / Does not match the offer's seller";
    if (input.buyerOrgId && input.buyerOrgId !== buyerOrgId) problems.buyerOrgId = "与报价的买方不一致 / Does not match the offer's buyer";
    throwProblems(problems);
    const suggested = offer.mode ? MODE_TO_TYPE[offer.mode] : undefined;
    const listing = offer.result ?? offer.need;
    draft = {
      ...input,
      type: input.type ?? suggested?.type,
      subtype: input.subtype ?? (input.type ? null : suggested?.subtype ?? null),
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
      throwProblems({ contractAmountFen: "报价为面议，请填写合同成交额 / The offer was negotiable: give the contract amount" });
    }
  } else {
    draft = { ...input };
  }
  throwProblems(contractRuleProblems(draft));
  await requireOrgs({ sellerOrgId: draft.sellerOrgId, buyerOrgId: draft.buyerOrgId, brokerOrgId: draft.brokerOrgId });
  if (!anyOrg) {
    const org = user.organizationId;
    if (!org || ![draft.sellerOrgId, draft.buyerOrgId, draft.brokerOrgId].includes(org)) {
      throw errors.forbidden("只能录入本单位作为当事方或中介方的合同 / You can only enter contracts your organization is a party to");
    }
  }
  let field = draft.field ?? null;
  if (!input.offerId && (draft.resultId || draft.needId)) {
    const [result, need] = await Promise.all([
      draft.resultId ? prisma.result.findUnique({ where: { id: draft.resultId }, select: { field: true } }) : null,
      draft.needId ? prisma.need.findUnique({ where: { id: draft.needId }, select: { field: true } }) : null,
    ]);
    const problems: Record<string, string> = {};
    if (draft.resultId && !result) problems.resultId = "科技成果不存在 / Unknown result";
    if (draft.needId && !need) problems.needId = "技术需求不存在 / Unknown need";
    throwProblems(problems);
    field ??= result?.field ?? need?.field ?? null;
  }

  const amount = BigInt(draft.contractAmountFen!);
  const costs = BigInt(draft.nonTechnicalCostsFen!);
  const created = await prisma.$transaction(async (tx) => {
    const c = await tx.contract.create({
      data: {
        type: draft.type!,
        subtype: draft.subtype ?? null,
        title: draft.title!,
        sellerOrgId: draft.sellerOrgId!,
        buyerOrgId: draft.buyerOrgId!,
        brokerOrgId: draft.brokerOrgId ?? null,
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
    await recordAudit(tx, { entityType: "contract", entityId: c.id, action: "create", actorId: user.id, before: null, after: auditFields(c) });
    return c;
  }, txOptions);
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
  if (given.type && given.subtype === undefined && merged.subtype && !(merged.subtype in CONTRACT_SUBTYPES[given.type])) {
    merged.subtype = null;
  }
  throwProblems(contractRuleProblems(merged));
  if (c.offerId && ((given.sellerOrgId && given.sellerOrgId !== c.sellerOrgId) || (given.buyerOrgId && given.buyerOrgId !== c.buyerOrgId))) {
    throwProblems({ sellerOrgId: "由报价生成的合同不能更换当事方 / The parties of a contract from an offer cannot change" });
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
  };
  const updated = await prisma.$transaction(async (tx) => {
    const changed = await tx.contract.updateMany({ where: { id, status: { in: EDITABLE_STATUSES } }, data });
    if (changed.count !== 1) throw wrongState("changed", { zh: "修改", en: "edited" });
    await tx.contractVersion.updateMany({
      where: { contractId: id, version: c.version },
      data: { contractAmountFen: amount, nonTechnicalCostsFen: costs, techTransactionAmountFen: amount - costs },
    });
    const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
    const diff = changedFields(auditFields(c) as Record<string, unknown>, auditFields(after) as Record<string, unknown>);
    await recordAudit(tx, { entityType: "contract", entityId: id, action: "update", actorId: user.id, ...diff });
    return after;
  }, txOptions);
  return contractJson(updated);
}

// ---------------------------------------------------------------------------------------------
// Workflow

async function checkAnomaliesQuietly(id: string) {
  try {
    await checkContractAnomalies(id);
  } catch (error) {
    console.error("anomaly check failed", id, error);
  }
}

export async function submitContract(id: string, user: SessionUser, options: { now?: Date } = {}) {
  const c = await loadVisible(id, user);
  if (!EDITABLE_STATUSES.includes(c.status as ContractStatus)) throw wrongState(c.status, { zh: "提交登记", en: "submitted" });
  if (!contractPermissions(c, user).canSubmit) {
    throw errors.forbidden("由卖方（技术输出方）、合同的技术经纪方或科技局提交登记 / The seller side, the contract's broker or the bureau submits");
  }
  const now = options.now ?? new Date();
  const today = new Date(Date.UTC(shanghaiYearMonth(now).year, shanghaiYearMonth(now).month - 1, shanghaiYearMonth(now).day));
  if (c.validUntil && c.validUntil < today) {
    throwProblems({ validUntil: "合同已过有效期，不能申请登记 / The contract is no longer valid and cannot be registered" });
  }
  const updated = await prisma.$transaction(async (tx) => {
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
      after: { status: after.status, submittedAt: after.submittedAt },
    });
    return after;
  }, txOptions);
  await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

const utcTimestamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/**
 * The part of a registration that takes shared locks — the year's serial row, the statistics
 * rows (by the trigger) and the audit chain — as one statement right before the commit, so
 * parallel registrations hold them for one round trip each. Returns the registration number, or
 * undefined when the contract is no longer submitted.
 */
async function registerInOneStatement(
  tx: Tx,
  id: string,
  data: {
    registrationPoint: string;
    registeredAt: Date;
    registeredById: string;
    registeredYear: number;
    registeredMonth: number;
    reviewNote: string | null;
    sellerRegion: string;
    buyerRegion: string;
    sellerZone: string | null;
    sellerKind: string;
    buyerKind: string;
    bayArea: boolean;
    field: string | null;
  },
  diff: { before: Record<string, unknown>; after: Record<string, unknown> },
  actorId: string,
) {
  const prefix = `${String(data.registeredYear % 100).padStart(2, "0")}3607${data.registrationPoint}`;
  const { registrationNumber: _n, ...afterWithoutNumber } = diff.after;
  const before = JSON.stringify(auditSnapshot(diff.before));
  const after = JSON.stringify(auditSnapshot(afterWithoutNumber));
  const at = utcTimestamp(data.registeredAt);
  const rows = await tx.$queryRaw<Array<{ registrationNumber: string | null; serial: number }>>`
    WITH serial AS (
      INSERT INTO "RegistrationSerial" (year, point, last) VALUES (${data.registeredYear}, ${data.registrationPoint}, 1)
      ON CONFLICT (year, point) DO UPDATE SET last = "RegistrationSerial".last + 1
      RETURNING last
    ), updated AS (
      UPDATE "Contract" SET
        status = 'registered',
        "registrationNumber" = CASE WHEN serial.last <= 999999 THEN ${prefix} || lpad(serial.last::text, 6, '0') END,
        "registrationPoint" = ${data.registrationPoint}, "registeredAt" = ${at}::timestamp, "registeredById" = ${data.registeredById},
        "registeredYear" = ${data.registeredYear}, "registeredMonth" = ${data.registeredMonth}, "reviewNote" = ${data.reviewNote},
        "sellerRegion" = ${data.sellerRegion}, "buyerRegion" = ${data.buyerRegion}, "sellerZone" = ${data.sellerZone},
        "sellerKind" = ${data.sellerKind}, "buyerKind" = ${data.buyerKind}, "bayArea" = ${data.bayArea}, field = ${data.field},
        "updatedAt" = ${at}::timestamp
      FROM serial
      WHERE id = ${id} AND status = 'submitted'
      RETURNING "registrationNumber", serial.last AS serial
    ), audit AS (
      INSERT INTO "AuditEvent" ("entityType", "entityId", action, "actorId", before, after)
      SELECT 'contract', ${id}, 'register', ${actorId}, ${before}::jsonb,
        ${after}::jsonb || jsonb_build_object('registrationNumber', updated."registrationNumber")
      FROM updated
    )
    SELECT "registrationNumber", serial FROM updated`;
  const row = rows[0];
  if (!row) return undefined;
  if (!row.registrationNumber) formatRegistrationNumber(data.registeredYear, data.registrationPoint, Number(row.serial)); // throws: exhausted
  return row.registrationNumber!;
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
  const updated = await prisma.$transaction(async (tx) => {
    // The row lock makes a second, parallel review wait and then see the new state.
    const locked = await tx.$queryRaw<Array<{ status: string }>>`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
    const status = locked[0]?.status;
    if (status !== "submitted") throw wrongState(status ?? "gone", { zh: "审核", en: "reviewed" });
    const current = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
    // Everything that needs no shared lock comes first: from the serial on, registrations of the
    // same year queue behind each other (serial row, statistics rows, then the audit chain).
    await notifyOrganization(tx, current.sellerOrgId, {
      kind: `contract.${input.decision}`,
      title: { zh: `技术合同${text.zh}：${current.title}`, en: `Technology contract ${text.en}: ${current.title}` },
      body:
        input.decision === "register"
          ? { zh: "认定登记已完成，登记号与登记证明见合同详情。", en: "The contract is registered; its number and certificate are on the contract page." }
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
      const diff = changedFields(auditFields(current) as Record<string, unknown>, { ...auditFields(current), ...data } as Record<string, unknown>);
      const number = await registerInOneStatement(tx, id, data, diff, user.id);
      if (number === undefined) throw wrongState("changed", { zh: "审核", en: "reviewed" });
      return { ...current, ...data, registrationNumber: number, updatedAt: now } satisfies ContractRow;
    }
    const data = { status: input.decision === "return" ? "returned" : "rejected", reviewNote: input.note! };
    const changed = await tx.contract.updateMany({ where: { id, status: "submitted" }, data });
    if (changed.count !== 1) throw wrongState("changed", { zh: "审核", en: "reviewed" });
    const after: ContractRow = { ...current, ...data, updatedAt: new Date() };
    const diff = changedFields(auditFields(current) as Record<string, unknown>, { ...auditFields(current), ...data } as Record<string, unknown>);
    await recordAudit(tx, { entityType: "contract", entityId: id, action: input.decision, actorId: user.id, ...diff });
    return after;
  }, txOptions);
  if (input.decision === "register") await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

/** A registered contract's amounts change: a new version; the totals use the current one. */
export async function amendContract(id: string, input: AmendInput, user: SessionUser) {
  if (!can(user, "amend:contract:any")) throw errors.forbidden();
  const c = await loadVisible(id, user);
  if (c.status !== "registered") throw wrongState(c.status, { zh: "变更", en: "amended" });
  const updated = await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ status: string }>>`SELECT status FROM "Contract" WHERE id = ${id} FOR UPDATE`;
    if (locked[0]?.status !== "registered") throw wrongState(locked[0]?.status ?? "gone", { zh: "变更", en: "amended" });
    const current = await tx.contract.findUniqueOrThrow({ where: { id } });
    const amount = input.contractAmountFen !== undefined ? BigInt(input.contractAmountFen) : current.contractAmountFen;
    const costs = input.nonTechnicalCostsFen !== undefined ? BigInt(input.nonTechnicalCostsFen) : current.nonTechnicalCostsFen;
    if (costs > amount) throwProblems({ nonTechnicalCostsFen: MSG.costsAboveAmount });
    const version = current.version + 1;
    await tx.contractVersion.create({
      data: { contractId: id, version, contractAmountFen: amount, nonTechnicalCostsFen: costs, techTransactionAmountFen: amount - costs, reason: input.reason, createdById: user.id },
    });
    await tx.contract.update({
      where: { id },
      data: { contractAmountFen: amount, nonTechnicalCostsFen: costs, techTransactionAmountFen: amount - costs, version },
    });
    const after = await tx.contract.findUniqueOrThrow({ where: { id }, include: contractInclude });
    await recordAudit(tx, {
      entityType: "contract",
      entityId: id,
      action: "amend",
      actorId: user.id,
      before: { version: current.version, contractAmountFen: current.contractAmountFen, nonTechnicalCostsFen: current.nonTechnicalCostsFen, techTransactionAmountFen: current.techTransactionAmountFen },
      after: { version, contractAmountFen: amount, nonTechnicalCostsFen: costs, techTransactionAmountFen: amount - costs, reason: input.reason },
    });
    return after;
  }, txOptions);
  await checkAnomaliesQuietly(id);
  return contractJson(updated);
}

/** 注销: the contract leaves the totals; its registration number stays taken. */
export async function cancelContract(id: string, input: { reason: string }, user: SessionUser) {
  if (!can(user, "amend:contract:any")) throw errors.forbidden();
  const c = await loadVisible(id, user);
  if (c.status !== "registered") throw wrongState(c.status, { zh: "注销", en: "cancelled" });
  const updated = await prisma.$transaction(async (tx) => {
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
  }, txOptions);
  return contractJson(updated);
}

// ---------------------------------------------------------------------------------------------
// Reading

export function auditEventJson(e: Awaited<ReturnType<typeof auditHistory>>[number]) {
  return {
    seq: String(e.seq),
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    actorId: e.actorId,
    before: e.before,
    after: e.after,
    createdAt: e.createdAt.toISOString(),
    hash: e.hash,
  };
}

/** GET /api/v1/contracts/:id: parties, broker, bureau and admins; others 404. */
export async function getContract(id: string, user: SessionUser) {
  const c = await loadVisible(id, user);
  const staff = isStaff(user);
  const [versions, trail, flags] = await Promise.all([
    prisma.contractVersion.findMany({ where: { contractId: id }, orderBy: { version: "asc" } }),
    auditHistory("contract", id),
    staff ? prisma.anomalyFlag.findMany({ where: { contractId: id }, orderBy: { createdAt: "asc" } }) : Promise.resolve(null),
  ]);
  return {
    ...contractJson(c),
    versions: versions.map((v) => ({
      version: v.version,
      current: v.version === c.version,
      contractAmountFen: n(v.contractAmountFen),
      nonTechnicalCostsFen: n(v.nonTechnicalCostsFen),
      techTransactionAmountFen: n(v.techTransactionAmountFen),
      reason: v.reason,
      createdById: v.createdById,
      createdAt: v.createdAt.toISOString(),
    })),
    auditTrail: trail.map(auditEventJson),
    // anomaly flags are for the bureau's review only
    ...(flags ? { flags: flags.map(anomalyFlagJson) } : {}),
    permissions: contractPermissions(c, user),
  };
}

export function anomalyFlagJson(f: Prisma.AnomalyFlagGetPayload<object>) {
  return {
    id: f.id,
    contractId: f.contractId,
    kind: f.kind,
    detail: f.detail,
    createdAt: f.createdAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    resolvedById: f.resolvedById,
    resolution: f.resolution,
  };
}

const none = (v: string | undefined) => (v === "none" ? null : v);

/**
 * The WHERE of the contracts list, of exports and of filtered statistics. The keys are those of
 * the dashboard's groups ("none" = no value), so every figure drills down to its contracts.
 * Non-staff see only contracts their organization is a party or broker to.
 */
export function contractWhere(filters: ContractFilters, user: SessionUser | null): Prisma.ContractWhereInput {
  const and: Prisma.ContractWhereInput[] = [];
  if (filters.status) and.push({ status: { in: filters.status.split(",") } });
  if (filters.year !== undefined) and.push({ registeredYear: filters.year });
  if (filters.month !== undefined) and.push({ registeredMonth: filters.month });
  if (filters.type) and.push({ type: filters.type });
  if (filters.sellerRegion) and.push({ sellerRegion: none(filters.sellerRegion) });
  if (filters.buyerRegion) and.push({ buyerRegion: none(filters.buyerRegion) });
  if (filters.zone) and.push({ sellerZone: none(filters.zone) });
  if (filters.field) and.push({ field: none(filters.field) });
  if (filters.sellerKind) and.push({ sellerKind: none(filters.sellerKind) });
  if (filters.buyerKind) and.push({ buyerKind: none(filters.buyerKind) });
  if (filters.bayArea) and.push({ bayArea: filters.bayArea === "yes" });
  if (filters.sellerOrgId) and.push({ sellerOrgId: filters.sellerOrgId });
  if (filters.buyerOrgId) and.push({ buyerOrgId: filters.buyerOrgId });
  if (filters.q) {
    and.push({ OR: [{ title: { contains: filters.q, mode: "insensitive" } }, { registrationNumber: { startsWith: filters.q } }] });
  }
  if (user && !isStaff(user)) {
    const org = user.organizationId;
    and.push(
      org
        ? { OR: [{ sellerOrgId: org }, { buyerOrgId: org }, { brokerOrgId: org }, { createdById: user.id }] }
        : { createdById: user.id },
    );
  }
  return and.length ? { AND: and } : {};
}

function likeEscape(value: string) {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * The same filters as contractWhere() as a raw SQL condition, for the set-based sums (the list's
 * totals, filtered statistics) that the covering index "Contract_stats_cover_idx" answers with an
 * index-only scan.
 */
export function contractSqlWhere(filters: ContractFilters, user: SessionUser | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const eq = (column: string, value: string | undefined) => {
    if (!value) return;
    parts.push(value === "none" ? Prisma.sql`${Prisma.raw(`"${column}"`)} IS NULL` : Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
  };
  if (filters.status) parts.push(Prisma.sql`status IN (${Prisma.join(filters.status.split(","))})`);
  if (filters.year !== undefined) parts.push(Prisma.sql`"registeredYear" = ${filters.year}`);
  if (filters.month !== undefined) parts.push(Prisma.sql`"registeredMonth" = ${filters.month}`);
  eq("type", filters.type);
  eq("sellerRegion", filters.sellerRegion);
  eq("buyerRegion", filters.buyerRegion);
  eq("sellerZone", filters.zone);
  eq("field", filters.field);
  eq("sellerKind", filters.sellerKind);
  eq("buyerKind", filters.buyerKind);
  if (filters.bayArea) parts.push(Prisma.sql`"bayArea" = ${filters.bayArea === "yes"}`);
  if (filters.sellerOrgId) parts.push(Prisma.sql`"sellerOrgId" = ${filters.sellerOrgId}`);
  if (filters.buyerOrgId) parts.push(Prisma.sql`"buyerOrgId" = ${filters.buyerOrgId}`);
  if (filters.q) {
    const q = likeEscape(filters.q);
    parts.push(Prisma.sql`(title ILIKE ${`%${q}%`} OR "registrationNumber" LIKE ${`${q}%`})`);
  }
  if (user && !isStaff(user)) {
    const org = user.organizationId;
    parts.push(
      org
        ? Prisma.sql`("sellerOrgId" = ${org} OR "buyerOrgId" = ${org} OR "brokerOrgId" = ${org} OR "createdById" = ${user.id})`
        : Prisma.sql`"createdById" = ${user.id}`,
    );
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export const contractListOrder: Prisma.ContractOrderByWithRelationInput[] = [
  { registeredAt: { sort: "desc", nulls: "last" } },
  { createdAt: "desc" },
  { id: "desc" },
];

export async function listContracts(
  query: ContractFilters & { page: number; pageSize: number },
  user: SessionUser,
) {
  const where = contractWhere(query, user);
  const [rows, sums] = await Promise.all([
    prisma.contract.findMany({
      where,
      include: contractInclude,
      orderBy: contractListOrder,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.$queryRaw<Array<{ count: number; amount: bigint | null; tech: bigint | null }>>`
      SELECT count(*)::int AS count, sum("contractAmountFen")::bigint AS amount, sum("techTransactionAmountFen")::bigint AS tech
      FROM "Contract" WHERE ${contractSqlWhere(query, user)}`,
  ]);
  const sum = sums[0] ?? { count: 0, amount: 0n, tech: 0n };
  return {
    items: rows.map(contractJson),
    total: sum.count,
    page: query.page,
    pageSize: query.pageSize,
    // the sums of everything the filters match (all pages): equal to the dashboard's figure
    totals: { count: sum.count, contractAmountFen: Number(sum.amount ?? 0n), techTransactionAmountFen: Number(sum.tech ?? 0n) },
  };
}

