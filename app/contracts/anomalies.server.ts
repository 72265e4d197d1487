// Anomaly flags for the bureau's review (the audit concerns of the provincial rules):
//  - related_parties: seller and buyer look like one group — the same GB 11714 organization code
//    inside their credit codes (characters 9–17), shared people (the same e-mail or phone among
//    their users and listing contacts, or the same company mail domain), or the same
//    registration authority/kind/region (characters 2–8) and the same trade name;
//  - split_deal: one deal cut into several contracts between the same seller and buyer, signed
//    within 90 days, each just under the 500万元 expert-review threshold but together over it;
//  - year_end_spike: a seller's registrations in the last two weeks of December far above its
//    weekly rate over the rest of the year;
//  - amount_outlier: a contract amount far above comparable contracts (same type and field,
//    the last three years): above Q3 + 3·IQR with at least 20 comparables.
// Flags are computed when a contract is submitted, registered or amended, and for a whole year by
// scanAnomalies() (the dashboard's "re-check" button). A resolved flag stays resolved.
import { Prisma } from "../generated/prisma/client.ts";
import { prisma } from "../db/db.server.ts";
import { shanghaiDayStart, shanghaiYearMonth } from "../domain/time.ts";
import type { AnomalyKind } from "./anomaly-schemas.ts";
import { type OrgFacts, orgFacts, relatedPartyReasons } from "./related-parties.server.ts";

export const ANOMALY_RULES = {
  /** 技术交易额 at which a contract goes to expert review: 500万元 */
  splitThresholdFen: 500_000_000,
  /** "just under": at least this share of the threshold */
  splitJustUnderRatio: 0.6,
  splitWindowDays: 90,
  yearEndDays: 14,
  spikeMinCount: 3,
  /** window weekly rate ≥ factor × the weekly rate over the rest of the year */
  spikeFactor: 3,
  outlierMinComparables: 20,
  outlierIqrFactor: 3,
  outlierYears: 3,
};

async function upsertFlag(contractId: string, kind: AnomalyKind, detail: Prisma.InputJsonValue) {
  const existing = await prisma.anomalyFlag.findUnique({ where: { contractId_kind: { contractId, kind } } });
  if (existing?.resolvedAt) return false;
  if (existing) {
    await prisma.anomalyFlag.update({ where: { id: existing.id }, data: { detail } });
    return false;
  }
  try {
    await prisma.anomalyFlag.create({ data: { contractId, kind, detail } });
    return true;
  } catch {
    return false; // created meanwhile by a parallel check
  }
}

const json = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x))) as Prisma.InputJsonValue;

type CheckRow = {
  id: string;
  status: string;
  type: string;
  field: string | null;
  sellerOrgId: string;
  buyerOrgId: string;
  signedAt: Date;
  contractAmountFen: bigint;
  techTransactionAmountFen: bigint;
  registeredAt: Date | null;
  registeredYear: number | null;
  registrationNumber: string | null;
};
const checkSelect = {
  id: true,
  status: true,
  type: true,
  field: true,
  sellerOrgId: true,
  buyerOrgId: true,
  signedAt: true,
  contractAmountFen: true,
  techTransactionAmountFen: true,
  registeredAt: true,
  registeredYear: true,
  registrationNumber: true,
} as const;

function relatedDetail(seller: OrgFacts, buyer: OrgFacts) {
  const reasons = relatedPartyReasons(seller, buyer);
  if (!reasons.length) return null;
  return json({
    seller: { id: seller.id, name: seller.name, creditCode: seller.creditCode },
    buyer: { id: buyer.id, name: buyer.name, creditCode: buyer.creditCode },
    reasons,
  });
}

async function checkRelated(c: CheckRow) {
  const facts = await orgFacts([c.sellerOrgId, c.buyerOrgId]);
  const seller = facts.get(c.sellerOrgId);
  const buyer = facts.get(c.buyerOrgId);
  const detail = seller && buyer ? relatedDetail(seller, buyer) : null;
  if (!detail) return [];
  await upsertFlag(c.id, "related_parties", detail);
  return [c.id];
}

async function checkSplit(c: CheckRow) {
  const R = ANOMALY_RULES;
  const low = BigInt(Math.ceil(R.splitThresholdFen * R.splitJustUnderRatio));
  const high = BigInt(R.splitThresholdFen);
  if (c.techTransactionAmountFen < low || c.techTransactionAmountFen >= high) return [];
  const window = R.splitWindowDays * 86_400_000;
  const group = await prisma.contract.findMany({
    where: {
      sellerOrgId: c.sellerOrgId,
      buyerOrgId: c.buyerOrgId,
      status: { in: ["submitted", "registered"] },
      signedAt: { gte: new Date(c.signedAt.getTime() - window), lte: new Date(c.signedAt.getTime() + window) },
      techTransactionAmountFen: { gte: low, lt: high },
    },
    select: checkSelect,
    orderBy: { signedAt: "asc" },
  });
  const sum = group.reduce((s, x) => s + x.techTransactionAmountFen, 0n);
  if (group.length < 2 || sum < high) return [];
  const detail = json({
    thresholdFen: R.splitThresholdFen,
    windowDays: R.splitWindowDays,
    sumTechTransactionAmountFen: sum,
    contracts: group.map((x) => ({
      id: x.id,
      registrationNumber: x.registrationNumber,
      signedAt: x.signedAt.toISOString().slice(0, 10),
      techTransactionAmountFen: x.techTransactionAmountFen,
    })),
    explanation: {
      zh: `同一买卖双方在${R.splitWindowDays}天内签订${group.length}份合同，技术交易额均略低于${R.splitThresholdFen / 1_000_000}万元，合计${Number(sum) / 1_000_000}万元，疑似拆分以规避专家评审`,
      en: `${group.length} contracts between the same seller and buyer within ${R.splitWindowDays} days, each just under ${R.splitThresholdFen / 100} yuan, together ${Number(sum) / 100} yuan: possibly split to avoid expert review`,
    },
  });
  for (const x of group) await upsertFlag(x.id, "split_deal", detail);
  return group.map((x) => x.id);
}

function yearEndWindow(year: number) {
  const end = shanghaiDayStart(year + 1, 1, 1);
  const start = new Date(end.getTime() - ANOMALY_RULES.yearEndDays * 86_400_000);
  return { yearStart: shanghaiDayStart(year, 1, 1), start, end };
}

async function checkYearEnd(sellerOrgId: string, year: number) {
  const R = ANOMALY_RULES;
  const w = yearEndWindow(year);
  const [inWindow, rest] = await Promise.all([
    prisma.contract.findMany({
      where: { sellerOrgId, status: "registered", registeredAt: { gte: w.start, lt: w.end } },
      select: { id: true, registrationNumber: true, techTransactionAmountFen: true },
    }),
    prisma.contract.count({
      where: { sellerOrgId, status: "registered", registeredAt: { gte: w.yearStart, lt: w.start } },
    }),
  ]);
  const windowWeeks = R.yearEndDays / 7;
  const restWeeks = (w.start.getTime() - w.yearStart.getTime()) / (7 * 86_400_000);
  const windowRate = inWindow.length / windowWeeks;
  const restRate = rest / restWeeks;
  if (inWindow.length < R.spikeMinCount || windowRate < R.spikeFactor * restRate) return [];
  const detail = json({
    year,
    windowDays: R.yearEndDays,
    windowCount: inWindow.length,
    restOfYearCount: rest,
    windowPerWeek: Math.round(windowRate * 100) / 100,
    restOfYearPerWeek: Math.round(restRate * 100) / 100,
    explanation: {
      zh: `该卖方在${year}年最后${R.yearEndDays}天登记${inWindow.length}份合同（每周${windowRate.toFixed(1)}份），全年其余时间每周${restRate.toFixed(2)}份`,
      en: `This seller registered ${inWindow.length} contracts in the last ${R.yearEndDays} days of ${year} (${windowRate.toFixed(1)} a week) against ${restRate.toFixed(2)} a week over the rest of the year`,
    },
  });
  for (const x of inWindow) await upsertFlag(x.id, "year_end_spike", detail);
  return inWindow.map((x) => x.id);
}

async function checkOutlier(c: CheckRow) {
  const R = ANOMALY_RULES;
  const year = c.registeredYear ?? shanghaiYearMonth(new Date()).year;
  const rows = await prisma.$queryRaw<Array<{ n: number; q1: number | null; q3: number | null }>>`
    SELECT count(*)::int AS n,
      percentile_cont(0.25) WITHIN GROUP (ORDER BY "contractAmountFen") AS q1,
      percentile_cont(0.75) WITHIN GROUP (ORDER BY "contractAmountFen") AS q3
    FROM "Contract"
    WHERE status = 'registered' AND type = ${c.type}
      AND ${c.field === null ? Prisma.sql`field IS NULL` : Prisma.sql`field = ${c.field}`}
      AND "registeredYear" BETWEEN ${year - R.outlierYears + 1} AND ${year} AND id <> ${c.id}`;
  const { n, q1, q3 } = rows[0] ?? { n: 0, q1: null, q3: null };
  if (n < R.outlierMinComparables || q1 === null || q3 === null) return [];
  const iqr = q3 - q1;
  const upper = q3 + R.outlierIqrFactor * iqr;
  const lower = q1 - R.outlierIqrFactor * iqr;
  const amount = Number(c.contractAmountFen);
  if (amount <= upper && amount >= lower) return [];
  await upsertFlag(
    c.id,
    "amount_outlier",
    json({
      contractAmountFen: amount,
      comparables: n,
      q1,
      q3,
      upperFen: upper,
      lowerFen: lower,
      explanation: {
        zh: `合同成交额${amount / 100}元，远超同类（${c.type}/${c.field ?? "未分领域"}，近${R.outlierYears}年${n}份）的正常范围（上限 Q3+3×IQR = ${Math.round(upper) / 100}元）`,
        en: `Contract amount ${amount / 100} yuan is far outside comparable contracts (${c.type}/${c.field ?? "no field"}, ${n} in the last ${R.outlierYears} years; Q3 + 3·IQR = ${Math.round(upper) / 100} yuan)`,
      },
    }),
  );
  return [c.id];
}

/** Runs every check for one contract (on submit, registration, amendment). */
export async function checkContractAnomalies(contractId: string) {
  const c = await prisma.contract.findUnique({ where: { id: contractId }, select: checkSelect });
  if (!c || !["submitted", "registered"].includes(c.status)) return [];
  const flagged: Array<{ kind: AnomalyKind; contractIds: string[] }> = [];
  const add = (kind: AnomalyKind, ids: string[]) => ids.length && flagged.push({ kind, contractIds: ids });
  add("related_parties", await checkRelated(c));
  add("split_deal", await checkSplit(c));
  if (c.status === "registered") {
    add("amount_outlier", await checkOutlier(c));
    if (c.registeredAt) {
      const { year } = shanghaiYearMonth(c.registeredAt);
      if (c.registeredAt >= yearEndWindow(year).start) add("year_end_spike", await checkYearEnd(c.sellerOrgId, year));
    }
  }
  return flagged;
}

/**
 * Re-checks a whole registration year (the dashboard's call): set-based queries find the
 * candidates, then each rule confirms and writes its flags. Returns how many contracts each rule
 * flagged (already flagged ones included).
 */
export async function scanAnomalies(year: number) {
  const R = ANOMALY_RULES;
  const counts: Record<AnomalyKind, number> = {
    related_parties: 0,
    split_deal: 0,
    year_end_spike: 0,
    amount_outlier: 0,
  };

  // related parties: every distinct seller/buyer pair of the year
  const pairs = await prisma.contract.groupBy({
    by: ["sellerOrgId", "buyerOrgId"],
    where: { registeredYear: year, status: { in: ["registered", "cancelled"] } },
  });
  const facts = await orgFacts([...new Set(pairs.flatMap((p) => [p.sellerOrgId, p.buyerOrgId]))]);
  for (const p of pairs) {
    const seller = facts.get(p.sellerOrgId);
    const buyer = facts.get(p.buyerOrgId);
    const detail = seller && buyer ? relatedDetail(seller, buyer) : null;
    if (!detail) continue;
    const contracts = await prisma.contract.findMany({
      where: { registeredYear: year, status: "registered", sellerOrgId: p.sellerOrgId, buyerOrgId: p.buyerOrgId },
      select: { id: true },
    });
    for (const c of contracts) await upsertFlag(c.id, "related_parties", detail);
    counts.related_parties += contracts.length;
  }

  // split deals: contracts of the year in the "just under" band, checked per pair
  const band = await prisma.contract.findMany({
    where: {
      registeredYear: year,
      status: "registered",
      techTransactionAmountFen: {
        gte: BigInt(Math.ceil(R.splitThresholdFen * R.splitJustUnderRatio)),
        lt: BigInt(R.splitThresholdFen),
      },
    },
    select: checkSelect,
  });
  const seen = new Set<string>();
  for (const c of band) {
    if (seen.has(c.id)) continue;
    const ids = await checkSplit(c);
    ids.forEach((id) => seen.add(id));
  }
  counts.split_deal = seen.size;

  // year-end spikes: sellers with enough registrations in the window
  const w = yearEndWindow(year);
  const sellers = await prisma.contract.groupBy({
    by: ["sellerOrgId"],
    where: { status: "registered", registeredAt: { gte: w.start, lt: w.end } },
    _count: { _all: true },
    having: { sellerOrgId: { _count: { gte: R.spikeMinCount } } },
  });
  for (const s of sellers) counts.year_end_spike += (await checkYearEnd(s.sellerOrgId, year)).length;

  // amount outliers: per type and field over the last three years, in one query
  const outliers = await prisma.$queryRaw<Array<{ id: string }>>`
    WITH bounds AS (
      SELECT type, field, count(*) AS n,
        percentile_cont(0.25) WITHIN GROUP (ORDER BY "contractAmountFen") AS q1,
        percentile_cont(0.75) WITHIN GROUP (ORDER BY "contractAmountFen") AS q3
      FROM "Contract"
      WHERE status = 'registered' AND "registeredYear" BETWEEN ${year - R.outlierYears + 1} AND ${year}
      GROUP BY type, field
    )
    SELECT c.id FROM "Contract" c JOIN bounds b ON b.type = c.type AND b.field IS NOT DISTINCT FROM c.field
    WHERE c.status = 'registered' AND c."registeredYear" = ${year} AND b.n >= ${R.outlierMinComparables}
      AND (c."contractAmountFen" > b.q3 + ${R.outlierIqrFactor} * (b.q3 - b.q1)
        OR c."contractAmountFen" < b.q1 - ${R.outlierIqrFactor} * (b.q3 - b.q1))`;
  for (const o of outliers) {
    const c = await prisma.contract.findUniqueOrThrow({ where: { id: o.id }, select: checkSelect });
    counts.amount_outlier += (await checkOutlier(c)).length;
  }
  return { year, flagged: counts };
}
