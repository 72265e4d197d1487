// What a contract earns under each programme and role, with the reasons: the one calculation
// behind the eligibility endpoint, applications and 免申即享. Integer fen, rates in basis points,
// rounding down to the fen; caps in the order contract → annual (per organization and role) →
// budget, the annual cap and the budget taken in registration-time order within the programme's
// year. docs/decisions/0021-subsidies.md.
import { prisma, type Tx } from "../db/db.server.ts";
import { exactSum, formatFenExact } from "../domain/money.ts";
import { shanghaiDate } from "../domain/time.ts";
import { confirmedPaidFen } from "../payments/settlement-rules.server.ts";
import type { ProgrammeWithRules } from "./programmes.server.ts";
import { ACTIVE_STATUSES, COMMITTED_STATUSES, type CappedBy, type SubsidyRole } from "./schemas.ts";
import type { SubsidyRule } from "../generated/prisma/client.ts";

export type ContractFacts = {
  id: string;
  type: string;
  status: string;
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  brokerUserId: string | null;
  contractAmountFen: bigint;
  techTransactionAmountFen: bigint;
  registeredAt: Date | null;
  buyerRegion: string | null;
  sellerRegion: string | null;
  subcentreId: string | null;
  buyerOrg: { regionCode: string };
  sellerOrg: { regionCode: string };
};

export const contractFactsSelect = {
  id: true,
  type: true,
  status: true,
  sellerOrgId: true,
  buyerOrgId: true,
  brokerOrgId: true,
  brokerUserId: true,
  contractAmountFen: true,
  techTransactionAmountFen: true,
  registeredAt: true,
  buyerRegion: true,
  sellerRegion: true,
  subcentreId: true,
  buyerOrg: { select: { regionCode: true } },
  sellerOrg: { select: { regionCode: true } },
} as const;

export type Reason = { code: string; message: string; blocking: boolean };

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
const yuan = (fen: bigint) => formatFenExact(fen);
const yuanEn = (fen: bigint) => formatFenExact(fen, "en");

const block = (code: string, zh: string, en: string): Reason => ({ code, message: `${zh} / ${en}`, blocking: true });
const info = (code: string, zh: string, en: string): Reason => ({ code, message: `${zh} / ${en}`, blocking: false });

/** The organization that receives the role's subsidy on this contract, or null when the role has none. */
export function recipientOrg(
  role: string,
  c: Pick<ContractFacts, "buyerOrgId" | "sellerOrgId" | "brokerOrgId" | "brokerUserId">,
) {
  if (role === "buyer") return c.buyerOrgId;
  if (role === "seller") return c.sellerOrgId;
  if (role === "agency") return c.brokerOrgId;
  // a broker is paid through their broker organization (the organization signs and is paid)
  if (role === "broker") return c.brokerUserId ? c.brokerOrgId : null;
  return null;
}

/** 技术交易额 (registered) or the confirmed payments, never above 技术交易额 (paid). */
export function basisOf(rule: Pick<SubsidyRule, "basis">, c: ContractFacts, paidFen: bigint) {
  if (rule.basis === "registered") return c.techTransactionAmountFen;
  return paidFen < c.techTransactionAmountFen ? paidFen : c.techTransactionAmountFen;
}

/** basis × rate, rounded down to the fen. */
export function rawAmount(basisFen: bigint, rateBp: number) {
  return (basisFen * BigInt(rateBp)) / 10_000n;
}

/** The programme version that covers the contract's registration day (or today, before registration). */
export function programmeDay(c: Pick<ContractFacts, "registeredAt">, now = new Date()) {
  return shanghaiDate(c.registeredAt ?? now);
}

/**
 * Money other applications already hold against this one's annual cap and the budget: committed
 * (approved, disbursed, under review) anywhere, and pending on contracts registered earlier.
 */
async function heldElsewhere(
  db: Tx | typeof prisma,
  programmeId: string,
  c: ContractFacts,
  role: string,
  orgId: string,
) {
  // not registered yet: after every registered contract
  const regAt = c.registeredAt ?? new Date("9999-12-31T00:00:00Z");
  const rows = await db.$queryRaw<Array<{ annual: unknown; budget: unknown }>>`
    SELECT coalesce(sum(a."amountFen") FILTER (WHERE a."orgId" = ${orgId} AND a.role = ${role}), 0) AS annual,
           coalesce(sum(a."amountFen"), 0) AS budget
    FROM "SubsidyApplication" a JOIN "Contract" c ON c.id = a."contractId"
    WHERE a."programmeId" = ${programmeId}
      AND a.status = ANY(${ACTIVE_STATUSES}::text[])
      AND NOT (a."contractId" = ${c.id} AND a.role = ${role})
      AND (a.status = ANY(${COMMITTED_STATUSES}::text[])
           OR (c."registeredAt", c.id) < (${regAt}::timestamp, ${c.id}))`;
  return { annual: exactSum(rows[0]?.annual), budget: exactSum(rows[0]?.budget) };
}

export function stacks(a: Pick<ProgrammeWithRules, "code" | "stacking" | "stacksWith">, b: typeof a) {
  if (a.stacking === "exclusive" || b.stacking === "exclusive") return false;
  return (
    (a.stacksWith.length === 0 || a.stacksWith.includes(b.code)) &&
    (b.stacksWith.length === 0 || b.stacksWith.includes(a.code))
  );
}

export type EligibilityItem = {
  programme: string;
  programmeId: string;
  programmeName: { zh: string; en: string };
  mode: string;
  role: SubsidyRole;
  orgId: string;
  basis: string;
  basisFen: bigint;
  rateBp: number;
  amountFen: bigint;
  cappedBy: CappedBy | null;
  eligible: boolean;
  reasons: Reason[];
  applicationId: string | null;
  applicationStatus: string | null;
};

type Context = {
  paidFen: bigint;
  relatedPartyOpen: boolean;
  /** this contract's applications: programme code, role, org, status, and the programme's stacking */
  applications: Array<{
    id: string;
    programmeCode: string;
    role: string;
    orgId: string;
    status: string;
    stacking: string;
    stacksWith: string[];
  }>;
};

async function contextOf(db: Tx | typeof prisma, c: ContractFacts): Promise<Context> {
  const [paidFen, flag, apps] = await Promise.all([
    confirmedPaidFen(c.id),
    db.anomalyFlag.findFirst({
      where: { contractId: c.id, kind: "related_parties", resolvedAt: null },
      select: { id: true },
    }),
    db.subsidyApplication.findMany({
      where: { contractId: c.id },
      select: {
        id: true,
        programmeCode: true,
        role: true,
        orgId: true,
        status: true,
        programme: { select: { stacking: true, stacksWith: true } },
      },
    }),
  ]);
  return {
    paidFen,
    relatedPartyOpen: !!flag,
    applications: apps.map((a) => ({ ...a, stacking: a.programme.stacking, stacksWith: a.programme.stacksWith })),
  };
}

/** One programme and role on one contract. */
export async function evaluateRule(
  db: Tx | typeof prisma,
  c: ContractFacts,
  programme: ProgrammeWithRules,
  rule: SubsidyRule,
  ctx: Context,
): Promise<EligibilityItem | null> {
  const orgId = recipientOrg(rule.role, c);
  if (!orgId) return null;
  const reasons: Reason[] = [];
  if (c.status === "cancelled")
    reasons.push(block("cancelled", "合同登记已注销", "the contract's registration was cancelled"));
  else if (c.status !== "registered")
    reasons.push(block("not_registered", "合同尚未认定登记", "the contract is not registered"));
  if (!rule.contractTypes.includes(c.type))
    reasons.push(block("wrong_type", "合同类型不在补助范围内", `contract type ${c.type} is not covered`));
  if (c.contractAmountFen < rule.minContractFen)
    reasons.push(
      block(
        "below_minimum",
        `合同成交额低于 ${yuan(rule.minContractFen)}`,
        `the contract amount is below ${yuanEn(rule.minContractFen)}`,
      ),
    );
  const buyerRegion = c.buyerRegion ?? c.buyerOrg.regionCode;
  const sellerRegion = c.sellerRegion ?? c.sellerOrg.regionCode;
  if (rule.buyerRegionPrefix && !buyerRegion.startsWith(rule.buyerRegionPrefix))
    reasons.push(
      block(
        "region",
        `买方不在地区 ${rule.buyerRegionPrefix}xxxx（买方地区 ${buyerRegion}）`,
        `the buyer is not registered in region ${rule.buyerRegionPrefix}xxxx (buyer: ${buyerRegion})`,
      ),
    );
  if (rule.sellerRegionPrefix && !sellerRegion.startsWith(rule.sellerRegionPrefix))
    reasons.push(
      block(
        "region",
        `卖方不在地区 ${rule.sellerRegionPrefix}xxxx`,
        `the seller is not in region ${rule.sellerRegionPrefix}xxxx`,
      ),
    );
  if (rule.sellerOutsidePrefix && sellerRegion.startsWith(rule.sellerOutsidePrefix))
    reasons.push(
      block(
        "region",
        `成果须从 ${rule.sellerOutsidePrefix}xxxx 以外引进（卖方地区 ${sellerRegion}）`,
        `the result must come from outside ${rule.sellerOutsidePrefix}xxxx (seller: ${sellerRegion})`,
      ),
    );
  if (ctx.relatedPartyOpen)
    reasons.push(
      block("related_party", "关联交易异常尚未处理，暂停奖补", "an unresolved related-party anomaly blocks subsidies"),
    );
  const basisFen = basisOf(rule, c, ctx.paidFen);
  if (rule.basis === "paid" && basisFen === 0n)
    reasons.push(block("not_paid", "平台上尚无已确认的付款", "no payment confirmed on the platform yet"));
  const own = ctx.applications.find((a) => a.programmeCode === programme.code && a.role === rule.role);
  if (own) reasons.push(block("already_applied", "已申请", "already applied"));
  const clash = ctx.applications.find(
    (a) =>
      a.programmeCode !== programme.code &&
      a.orgId === orgId &&
      ACTIVE_STATUSES.includes(a.status as never) &&
      !stacks(programme, { code: a.programmeCode, stacking: a.stacking, stacksWith: a.stacksWith }),
  );
  if (clash)
    reasons.push(
      block(
        "stacking",
        `不能与已申请的项目 ${clash.programmeCode} 叠加`,
        `does not stack with ${clash.programmeCode}, already applied for`,
      ),
    );

  const basisName =
    rule.basis === "paid"
      ? { zh: "平台已确认付款", en: "paid on the platform" }
      : { zh: "技术交易额", en: "registered 技术交易额" };
  reasons.push(
    info(
      "rule",
      `${basisName.zh} ${yuan(basisFen)} × ${pct(rule.rateBp)}（向下取整到分）`,
      `${pct(rule.rateBp)} of ${yuanEn(basisFen)} ${basisName.en}, rounded down to the fen`,
    ),
  );
  let amountFen = rawAmount(basisFen, rule.rateBp);
  let cappedBy: CappedBy | null = null;
  if (rule.capPerContractFen !== null && amountFen > rule.capPerContractFen) {
    amountFen = rule.capPerContractFen;
    cappedBy = "contract";
    reasons.push(
      info(
        "capped_contract",
        `单个合同上限 ${yuan(rule.capPerContractFen)}`,
        `per-contract cap ${yuanEn(rule.capPerContractFen)}`,
      ),
    );
  }
  const held = await heldElsewhere(db, programme.id, c, rule.role, orgId);
  if (rule.capPerOrgYearFen !== null) {
    const left = rule.capPerOrgYearFen > held.annual ? rule.capPerOrgYearFen - held.annual : 0n;
    if (amountFen > left) {
      amountFen = left;
      cappedBy = "annual";
      reasons.push(
        left === 0n
          ? block(
              "annual_cap_reached",
              `本单位本年度已达上限 ${yuan(rule.capPerOrgYearFen)}`,
              `the organization reached its annual cap of ${yuanEn(rule.capPerOrgYearFen)}`,
            )
          : info(
              "capped_annual",
              `单位年度上限 ${yuan(rule.capPerOrgYearFen)}，剩余 ${yuan(left)}`,
              `annual cap ${yuanEn(rule.capPerOrgYearFen)}, ${yuanEn(left)} left`,
            ),
      );
    }
  }
  const budgetLeft = programme.budgetFen > held.budget ? programme.budgetFen - held.budget : 0n;
  if (amountFen > budgetLeft) {
    amountFen = budgetLeft;
    cappedBy = "budget";
    reasons.push(
      budgetLeft === 0n
        ? block("budget_exhausted", "项目预算已用完", "the programme's budget is used up")
        : info("capped_budget", `项目预算剩余 ${yuan(budgetLeft)}`, `${yuanEn(budgetLeft)} of the budget left`),
    );
  }
  const eligible = !reasons.some((r) => r.blocking) && amountFen > 0n;
  return {
    programme: programme.code,
    programmeId: programme.id,
    programmeName: { zh: programme.nameZh, en: programme.nameEn },
    mode: programme.mode,
    role: rule.role as SubsidyRole,
    orgId,
    basis: rule.basis,
    basisFen,
    rateBp: rule.rateBp,
    amountFen,
    cappedBy,
    eligible,
    reasons,
    applicationId: own?.id ?? null,
    applicationStatus: own?.status ?? null,
  };
}

/** The programme versions in force on the contract's registration day. */
export async function programmesFor(db: Tx | typeof prisma, c: ContractFacts, code?: string) {
  const day = programmeDay(c);
  return db.subsidyProgramme.findMany({
    where: { validFrom: { lte: day }, validUntil: { gte: day }, ...(code ? { code } : {}) },
    include: { rules: true },
    orderBy: { code: "asc" },
  });
}

/** Every programme and role on a contract. */
export async function contractEligibility(c: ContractFacts, db: Tx | typeof prisma = prisma) {
  const [programmes, ctx] = await Promise.all([programmesFor(db, c), contextOf(db, c)]);
  const items: EligibilityItem[] = [];
  for (const p of programmes)
    for (const r of [...p.rules].sort((a, b) => ROLE_INDEX[a.role]! - ROLE_INDEX[b.role]!)) {
      const item = await evaluateRule(db, c, p, r, ctx);
      if (item) items.push(item);
    }
  return items;
}

const ROLE_INDEX: Record<string, number> = { buyer: 0, seller: 1, agency: 2, broker: 3 };

/** One programme (by code) and role on a contract, for an application. */
export async function eligibilityFor(c: ContractFacts, code: string, role: string, db: Tx | typeof prisma = prisma) {
  const [programmes, ctx] = await Promise.all([programmesFor(db, c, code), contextOf(db, c)]);
  const programme = programmes[0];
  const rule = programme?.rules.find((r) => r.role === role);
  if (!programme || !rule) return { programme: programme ?? null, item: null };
  return { programme, item: await evaluateRule(db, c, programme, rule, ctx) };
}

export function eligibilityJson(item: EligibilityItem) {
  return {
    ...item,
    basisFen: Number(item.basisFen),
    amountFen: Number(item.amountFen),
  };
}
