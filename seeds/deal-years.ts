// One year of demo registrations (deals.ts): drafted over months, sellers, fields and types,
// scaled to the year's total, with the deliberate year-end spike and no accidental split deals.
import type { ContractType, Field } from "../app/domain/catalog.ts";
import { type Rng } from "./data/random.ts";
import type { DemoData, DemoResult } from "./demo-shapes.ts";
import { shanghaiDayString } from "../app/domain/time.ts";
import { registrationNumber } from "../app/contracts/registration-number.ts";
import { type DemoImportedContract } from "./deal-shapes.ts";
import {
  DAY,
  ENTERPRISE_EDGES,
  type Edge,
  FIELD_WEIGHTS,
  HEAVY,
  LIGHT,
  MODE_TYPES,
  SERVICE_MID_RANGE,
  TIER_RANGES,
  TYPE_MIX,
  WAN,
  WITH_ACCOUNT,
  addDays,
  brokerFor,
  contractTitle,
  costShare,
  daysInMonth,
  ipTypeFor,
  logUniform,
  officeTime,
  pointFor,
  researchEdges,
  roundFen,
  sellerWeight,
  subtypeFor,
  validityDays,
  weighted,
  workingDay,
} from "./deal-space.ts";

// ------------------------------------------------------------------ one year's registrations

const MONTH_WEIGHTS = [5, 3, 7, 8, 8, 11, 8, 7, 9, 6, 9, 13];
const YEAR_END_FROM_DAY = 18; // the anomaly rule's window: the last 14 days of December

export interface Draft {
  key: string;
  field: Field;
  seller: string;
  buyer: string;
  broker: string | null;
  type: ContractType;
  subtype: string;
  title: string;
  ipType: string;
  /** 万元 before scaling; fixed drafts keep theirs */
  wan: number;
  fixed: boolean;
  costShare: number;
  date: [number, number, number];
  registeredAt: Date;
  signLagDays: number;
  validityDays: number;
}

function resultsOf(data: DemoData) {
  const byTopicOrg = new Map<string, DemoResult[]>();
  const byTopic = new Map<string, DemoResult[]>();
  for (const r of data.results) {
    const k = `${r.topic}:${r.orgKey}`;
    byTopicOrg.set(k, [...(byTopicOrg.get(k) ?? []), r]);
    byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  }
  return { byTopicOrg, byTopic };
}

interface YearShape {
  rng: Rng;
  year: number;
  count: number;
  keyPrefix: string;
  /** shares of the amount tiers (small, mid, large) over all fields */
  tiers: [number, number, number];
  largeMaxWan: number;
  fixed: Draft[];
}

export function draftYear(data: DemoData, opts: YearShape): Draft[] {
  const { rng, year } = opts;
  const results = resultsOf(data);
  const researchByField = new Map<Field, Edge[]>();
  for (const e of researchEdges()) researchByField.set(e.field, [...(researchByField.get(e.field) ?? []), e]);
  const fieldWeights = FIELD_WEIGHTS.filter(([f]) => researchByField.has(f));
  const [small, mid, large] = opts.tiers;

  const drafts: Draft[] = [...opts.fixed];
  while (drafts.length < opts.count) {
    // enterprises and agencies sell about one deal in seven; the rest is research for industry
    const edge = rng.chance(0.15)
      ? rng.pick(ENTERPRISE_EDGES)
      : rng.pick(researchByField.get(weighted(rng, fieldWeights))!);
    const field = edge.field;
    const seller = weighted(
      rng,
      edge.sellers.map((k) => [k, sellerWeight(k)] as const),
    );
    // the demo accounts' organizations all share the demo.gz mail domain, which the related-party
    // check reads as a shared organization mail domain: such pairs only in the deliberate history
    const buyers = edge.buyers.filter((b) => b !== seller && !(WITH_ACCOUNT.has(seller) && WITH_ACCOUNT.has(b)));
    if (!buyers.length) continue;
    const buyer = rng.pick(buyers);

    const tierMix: Array<readonly [0 | 1 | 2, number]> = HEAVY.has(field)
      ? [
          [0, small * 0.8],
          [1, mid * 1.1],
          [2, large * 1.6],
        ]
      : LIGHT.has(field)
        ? [
            [0, small + large],
            [1, mid * 0.5],
          ]
        : [
            [0, small],
            [1, mid],
            [2, large * 0.5],
          ];
    let tier = Math.min(edge.maxTier, weighted(rng, tierMix)) as 0 | 1 | 2;

    let type: ContractType;
    let subtype: string;
    if (edge.kinds) {
      [type, subtype] = rng.pick(edge.kinds);
    } else {
      type = edge.topic && rng.chance(0.5) ? MODE_TYPES[rng.pick(edge.topic.modes)] : weighted(rng, TYPE_MIX[tier]);
      if (tier === 2 && (type === "service" || type === "consulting")) type = "development";
      subtype = subtypeFor(rng, type, tier, edge.topic);
    }
    const serviceLike = type === "service" || type === "consulting";
    if (serviceLike) tier = Math.min(tier, 1) as 0 | 1;

    let subject: string;
    if (edge.topic) {
      const own = results.byTopicOrg.get(`${edge.topic.slug}:${seller}`) ?? results.byTopic.get(edge.topic.slug)!;
      subject = rng.pick(own).title;
    } else {
      subject = rng.pick(edge.subjects!);
    }
    const [lo, hi] =
      tier === 2
        ? [TIER_RANGES[2]![0], opts.largeMaxWan]
        : tier === 1 && serviceLike
          ? SERVICE_MID_RANGE
          : TIER_RANGES[tier]!;
    const wan = tier === 2 ? lo + (hi - lo) * Math.pow(rng.next(), 0.6) : logUniform(rng, lo, hi);
    const date = workingDay(year, 1, 1); // assigned below
    drafts.push({
      key: `${opts.keyPrefix}-${String(drafts.length + 1).padStart(3, "0")}`,
      field,
      seller,
      buyer,
      broker: brokerFor(rng, seller, buyer, field, type),
      type,
      subtype,
      title: contractTitle(subject, type, subtype),
      ipType: ipTypeFor(rng, type, subtype, edge.topic),
      wan,
      fixed: false,
      costShare: costShare(rng, type, subtype),
      date,
      registeredAt: officeTime(rng, date),
      signLagDays: rng.int(6, 75),
      validityDays: validityDays(rng, type),
    });
  }
  // Registration dates: stratified over the year by the monthly weights, so every month gets its
  // share (a small year-start lull around the Spring Festival, mid-year and year-end peaks).
  const free = rng.shuffle(drafts.filter((d) => !d.fixed));
  const total = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
  free.forEach((d, i) => {
    let u = ((i + rng.next()) / free.length) * total;
    let month = 1;
    while (month < 12 && u >= MONTH_WEIGHTS[month - 1]!) u -= MONTH_WEIGHTS[month++ - 1]!;
    const day = Math.min(
      daysInMonth(year, month),
      1 + Math.floor((u / MONTH_WEIGHTS[month - 1]!) * daysInMonth(year, month)),
    );
    d.date = workingDay(year, month, day);
    d.registeredAt = officeTime(rng, d.date);
  });
  return drafts;
}

/**
 * No accidental year-end spikes: apart from `spikeSeller`, a seller keeps at most two
 * registrations in the last 14 days of December; the others move to the first half of the month.
 */
export function capYearEnd(drafts: Draft[], year: number, rng: Rng, spikeSeller: string | null) {
  const inWindow = new Map<string, Draft[]>();
  for (const d of drafts) {
    if (d.date[1] === 12 && d.date[2] >= YEAR_END_FROM_DAY && d.seller !== spikeSeller) {
      inWindow.set(d.seller, [...(inWindow.get(d.seller) ?? []), d]);
    }
    if (d.seller === spikeSeller && !d.fixed && d.date[1] === 12 && d.date[2] >= YEAR_END_FROM_DAY - 3) {
      d.date = workingDay(year, 11, rng.int(3, 26));
      d.registeredAt = officeTime(rng, d.date);
    }
  }
  for (const list of inWindow.values()) {
    for (const d of list.slice(2)) {
      d.date = workingDay(year, 12, rng.int(1, 14));
      d.registeredAt = officeTime(rng, d.date);
    }
  }
}

/** Scales the drawn amounts so the year adds up to `totalWan` (the factor stays near 1). */
export function scale(drafts: Draft[], totalWan: number) {
  const fixed = drafts.filter((d) => d.fixed).reduce((s, d) => s + d.wan, 0);
  const free = drafts.filter((d) => !d.fixed).reduce((s, d) => s + d.wan, 0);
  const k = (totalWan - fixed) / free;
  for (const d of drafts) if (!d.fixed) d.wan *= k;
  return k;
}

/**
 * No accidental split deals: the rule flags two or more contracts between the same seller and
 * buyer, close in time, each with a 技术交易额 just under 500万元 (300–500万元). Apart from the
 * deliberate pair (fixed drafts), such a second contract is made smaller.
 */
export function avoidSplits(drafts: Draft[]) {
  const inBand = (d: Draft) => {
    const tech = d.wan * (1 - d.costShare);
    return tech >= 280 && tech < 520;
  };
  const seen = new Map<string, Draft[]>();
  for (const d of [...drafts].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime())) {
    if (!inBand(d)) continue;
    const pair = `${d.seller}>${d.buyer}`;
    const earlier = (seen.get(pair) ?? []).filter(
      (e) => d.registeredAt.getTime() - e.registeredAt.getTime() < 200 * DAY,
    );
    if (earlier.length && !d.fixed) d.wan *= 0.5;
    else seen.set(pair, [...(seen.get(pair) ?? []), d]);
  }
}

export function toImported(drafts: Draft[], year: number): DemoImportedContract[] {
  const sorted = [...drafts].sort(
    (a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a.key.localeCompare(b.key),
  );
  const serials = new Map<string, number>();
  return sorted.map((d) => {
    const point = pointFor(d.seller);
    const serial = (serials.get(point) ?? 0) + 1;
    serials.set(point, serial);
    const amount = roundFen(d.wan);
    const costs = d.costShare === 0 ? 0 : Math.min(amount, roundFen((amount / WAN) * d.costShare));
    const signedAt = addDays(shanghaiDayString(d.registeredAt), -d.signLagDays);
    return {
      key: d.key,
      registrationNumber: registrationNumber(year, point, serial),
      registeredAt: d.registeredAt,
      type: d.type,
      subtype: d.subtype,
      title: d.title,
      sellerKey: d.seller,
      buyerKey: d.buyer,
      brokerKey: d.broker,
      contractAmountFen: amount,
      nonTechnicalCostsFen: costs,
      signedAt,
      validUntil: addDays(signedAt, d.validityDays),
      field: d.field,
      ipType: d.ipType,
    };
  });
}

export function fixedDraft(
  rng: Rng,
  key: string,
  year: number,
  [month, day]: [number, number],
  d: Pick<Draft, "field" | "seller" | "buyer" | "type" | "subtype" | "title" | "ipType" | "wan" | "costShare"> & {
    broker?: string | null;
    signLagDays?: number;
  },
): Draft {
  const date = workingDay(year, month, day);
  return {
    key,
    broker: null,
    fixed: true,
    date,
    registeredAt: officeTime(rng, date),
    signLagDays: 20,
    validityDays: validityDays(rng, d.type),
    ...d,
  };
}
