// Which broker an offer, lot or contract between two organizations is attributed to: the first
// live lead on the pair filed within LEAD_ATTRIBUTION_DAYS, whichever side is buyer (民法典 §965: a
// party that used the broker's introduction owes the fee even when it signs directly). A waived
// or expired lead attributes nothing and the next live lead on the pair takes over; ties on the
// filing time go to the smaller id, so the answer never depends on row order (docs/decisions/0031).
import { errors } from "../api/api.server.ts";
import type { CommissionInput } from "../contracts/schemas.ts";
import { getEnv } from "../env.server.ts";
import { prisma, type Tx } from "../db/db.server.ts";

export function pairKey(a: string, b: string) {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function attributionDays() {
  return getEnv().LEAD_ATTRIBUTION_DAYS;
}

/** The earliest moment a lead may have been filed and still attribute at `now`. */
export function windowStart(now = new Date()) {
  return new Date(now.getTime() - attributionDays() * 86_400_000);
}

export function leadExpiresAt(createdAt: Date) {
  return new Date(createdAt.getTime() + attributionDays() * 86_400_000);
}

export async function liveLeadFor(orgA: string, orgB: string, now = new Date(), db: Tx | typeof prisma = prisma) {
  return db.lead.findFirst({
    where: { pairKey: pairKey(orgA, orgB), status: "live", createdAt: { gte: windowStart(now), lte: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, brokerUserId: true, brokerOrgId: true, createdAt: true },
  });
}

/**
 * The lead a deal between `orgA` and `orgB` carries at `now`: the lead it inherits (the offer's or
 * the lot's the deal grew from) while that lead is still live, else the first live lead on the pair.
 * The inherited lead is the first live one when the negotiation began; once waived or past the
 * window it falls through like any other lead.
 */
export async function attributingLead(
  orgA: string,
  orgB: string,
  options: { inheritedLeadId?: string | null; now?: Date; db?: Tx | typeof prisma } = {},
) {
  const { now = new Date(), db = prisma } = options;
  if (options.inheritedLeadId) {
    const inherited = await db.lead.findFirst({
      where: {
        id: options.inheritedLeadId,
        pairKey: pairKey(orgA, orgB),
        status: "live",
        createdAt: { gte: windowStart(now), lte: now },
      },
      select: { id: true, brokerUserId: true, brokerOrgId: true, createdAt: true },
    });
    if (inherited) return inherited;
  }
  return liveLeadFor(orgA, orgB, now, db);
}

function bad(field: string, message: string): never {
  throw errors.invalid(`输入无效：${field} — ${message}`, { [field]: message });
}

export const COMMISSION_NEEDS_BROKER = {
  commission:
    "佣金须约定给中介方（丙方）：请先选择经纪机构 / A commission is paid to a broker organization (party C): choose one first",
  brokerOrgId: "约定了佣金，请选择中介方（丙方）/ A commission was agreed: choose the broker organization (party C)",
};

/**
 * A commission is owed to a broker organization (丙): a contract that agrees one without a broker
 * organization is refused, naming both fields, rather than stored as a fee nobody can be paid.
 */
export function assertCommissionHasBroker(c: {
  brokerOrgId: string | null | undefined;
  commissionRateBp: number | null | undefined;
  commissionAmountFen: bigint | null | undefined;
}) {
  const agreed =
    (c.commissionRateBp !== null && c.commissionRateBp !== undefined) ||
    (c.commissionAmountFen !== null && c.commissionAmountFen !== undefined);
  if (agreed && !c.brokerOrgId) {
    throw errors.invalid(`输入无效：commission — ${COMMISSION_NEEDS_BROKER.commission}`, COMMISSION_NEEDS_BROKER);
  }
}

/**
 * The broker columns of a new contract between `sellerOrgId` and `buyerOrgId`: a live lead on the
 * pair decides the broker and broker organization (whatever was typed); otherwise the broker named
 * in the input, whose organization is then the broker organization unless one is given.
 */
export async function contractBrokerColumns(
  draft: {
    sellerOrgId: string;
    buyerOrgId: string;
    brokerOrgId?: string | null;
    brokerUserId?: string | null;
    commission?: CommissionInput | null;
  },
  options: { offerLeadId?: string | null; now?: Date } = {},
) {
  const commission = {
    commissionRateBp: draft.commission?.rateBp ?? null,
    commissionAmountFen:
      draft.commission?.amountFen !== undefined && draft.commission !== null
        ? BigInt(draft.commission.amountFen)
        : null,
  };
  // the negotiation began under a lead: the contract that closes it keeps it while it is live
  const lead = await attributingLead(draft.sellerOrgId, draft.buyerOrgId, {
    inheritedLeadId: options.offerLeadId,
    now: options.now,
  });
  if (lead) return { brokerOrgId: lead.brokerOrgId, brokerUserId: lead.brokerUserId, leadId: lead.id, ...commission };
  const columns = { ...(await typedBroker(draft.brokerUserId, draft.brokerOrgId)), leadId: null, ...commission };
  assertCommissionHasBroker(columns);
  return columns;
}

/** The broker named by hand (no lead): a broker user, whose broker organization is 丙 unless one is given. */
async function typedBroker(brokerUserId: string | null | undefined, givenOrgId: string | null | undefined) {
  let brokerOrgId = givenOrgId ?? null;
  if (brokerUserId) {
    const broker = await prisma.user.findUnique({
      where: { id: brokerUserId },
      select: { role: true, organizationId: true, brokerProfile: { select: { brokerOrgId: true } } },
    });
    if (!broker || broker.role !== "broker") bad("brokerUserId", "经纪人不存在 / Unknown broker");
    brokerOrgId ??= broker.brokerProfile?.brokerOrgId ?? broker.organizationId;
    // the broker organization signs and is paid (丙); a broker who belongs to none cannot be party C
    if (!brokerOrgId) {
      bad(
        "brokerUserId",
        "该经纪人尚无所属经纪机构，不能作为中介方（丙方）/ This broker belongs to no broker organization and cannot be party C",
      );
    }
  }
  return { brokerOrgId, brokerUserId: brokerUserId ?? null };
}

/** PATCH of a draft: a lead's attribution stays; otherwise the broker and the commission are edited like the rest. */
export async function patchBrokerColumns(
  c: {
    sellerOrgId: string;
    buyerOrgId: string;
    brokerOrgId: string | null;
    brokerUserId: string | null;
    leadId: string | null;
  },
  given: { brokerOrgId?: string | null; brokerUserId?: string | null; commission?: CommissionInput | null },
) {
  const out: {
    brokerOrgId?: string | null;
    brokerUserId?: string | null;
    commissionRateBp?: number | null;
    commissionAmountFen?: bigint | null;
  } = {};
  if (given.commission !== undefined) {
    out.commissionRateBp = given.commission?.rateBp ?? null;
    out.commissionAmountFen = given.commission?.amountFen === undefined ? null : BigInt(given.commission.amountFen);
  }
  if (c.leadId) {
    if (
      (given.brokerOrgId !== undefined && given.brokerOrgId !== c.brokerOrgId) ||
      (given.brokerUserId !== undefined && given.brokerUserId !== c.brokerUserId)
    ) {
      bad(
        "brokerOrgId",
        "合同已按经纪人备案的线索归属，不能更换中介方 / The contract is attributed to a broker's lead: its broker cannot change",
      );
    }
    out.brokerOrgId = c.brokerOrgId;
  } else if (given.brokerUserId !== undefined) {
    const columns = await contractBrokerColumns({
      sellerOrgId: c.sellerOrgId,
      buyerOrgId: c.buyerOrgId,
      brokerOrgId: given.brokerOrgId ?? c.brokerOrgId,
      brokerUserId: given.brokerUserId,
    });
    out.brokerUserId = columns.brokerUserId;
    out.brokerOrgId = columns.brokerOrgId;
  }
  return out;
}
