// generateDemoDeals(data, { now }): the demo deal flow as a plan — plain objects, pure and
// deterministic (seeded PRNG) — that seeds/contracts.server.ts carries out through the backend's
// own functions (import, offers, contracts, review, amend, cancel, targets).
//
// - Last year (the Asia/Shanghai year before `now`'s): ~150 registered contracts, imported as
//   history with registration numbers (YY 36 07 PP SSSSSS), ≈10亿元 合同成交额, amounts skewed
//   (many 20–300万元, a few 1,000–5,000万元), over months, counties, types, fields and sellers
//   (Ganzhou, Nanchang and Greater Bay Area universities and institutes, some enterprises and
//   agencies). It holds one deliberate split deal and one deliberate year-end spike, so the
//   bureau's anomaly list shows what the rules are for.
// - This year: a full-year plan of ~90 contracts paced for the 12亿元 target, of which those
//   registered before `now` − 2 days are imported (back-dated registrations); then the live part,
//   carried out at seeding time: offers and negotiation threads between the demo accounts,
//   contracts from accepted offers and entered directly, submitted, registered, returned,
//   rejected, amended; one imported contract cancelled.
// - Targets: the city's 12亿元 this year and 10亿元 last year, and a few county targets.
//
// Keys, parties, titles, amounts and states depend only on the seed; dates follow `now`, and so
// does how much of this year's plan has already been registered.
import type { ContractType, Field, TransferMode } from "../app/domain/catalog.ts";
import { isBayArea, isGanzhou } from "../app/domain/regions.ts";
import {
  ACCOUNTS,
  NEED_TEMPLATES,
  ORGANIZATIONS,
  RESULT_TOPICS,
  type OrganizationDef,
  type ResultTopic,
} from "./data/index.ts";
import { Rng } from "./data/random.ts";
import type { DemoData, DemoResult } from "./generate.ts";
import { shanghaiDayStart, shanghaiDayString, shanghaiYearMonth } from "../app/domain/time.ts";
import { registrationNumber } from "../app/contracts/registration-number.ts";

const DAY = 86_400_000;
const WAN = 1_000_000; // 1万元 in fen
/** Back-dated registrations end this long before `now`; the live ones happen at `now`. */
const IMPORT_CUTOFF_DAYS = 2;

export const DEMO_CITY_TARGET_FEN = 120_000_000_000; // 12亿元
export const DEMO_LAST_YEAR_TARGET_FEN = 100_000_000_000; // 10亿元
/** Sum of last year's imported contracts (before rounding each amount). */
const LAST_YEAR_TOTAL_WAN = 100_000;
/** This year's full-year plan: a pace slightly above the target. */
const THIS_YEAR_PLAN_WAN = 120_000;
const LAST_YEAR_COUNT = 150;
const THIS_YEAR_PLAN_COUNT = 90;

// ------------------------------------------------------------------ plan shapes

export interface DemoImportedContract {
  key: string;
  registrationNumber: string;
  registeredAt: Date;
  type: ContractType;
  subtype: string;
  title: string;
  sellerKey: string;
  buyerKey: string;
  brokerKey: string | null;
  contractAmountFen: number;
  nonTechnicalCostsFen: number;
  /** YYYY-MM-DD */
  signedAt: string;
  validUntil: string | null;
  field: Field;
  ipType: string;
}

export interface DemoTarget {
  year: number;
  /** "" = the whole city */
  regionCode: string;
  amountFen: number;
}

/** `by`: the demo account (e-mail) that acts. */
export type DemoOfferStep =
  | { do: "message"; by: string; body: string; counterAmountFen?: number }
  | { do: "accept" | "reject" | "withdraw"; by: string };

export interface DemoOffer {
  key: string;
  by: string;
  resultKey?: string;
  needKey?: string;
  amountFen: number | null;
  mode: TransferMode;
  message: string;
  /** after the creation: messages, counter-offers, closing */
  steps: DemoOfferStep[];
}

export type DemoContractStep =
  | { do: "submit"; by: string }
  | { do: "review"; by: string; decision: "register" | "return" | "reject"; note?: string }
  | { do: "amend"; by: string; contractAmountFen?: number; nonTechnicalCostsFen?: number; reason: string }
  | { do: "cancel"; by: string; reason: string };

export interface DemoLiveContract {
  key: string;
  /** the account that enters it */
  by: string;
  /** created from this accepted offer (parties and amount prefilled) */
  offerKey?: string;
  type: ContractType;
  subtype: string;
  title: string;
  sellerKey?: string;
  buyerKey?: string;
  brokerKey?: string;
  contractAmountFen?: number;
  nonTechnicalCostsFen: number;
  signedAt: string;
  validUntil: string;
  resultKey?: string;
  needKey?: string;
  field?: Field;
  ipType: string;
  steps: DemoContractStep[];
}

/** A later change to an imported contract (found by its registration number). */
export interface DemoContractChange {
  registrationNumber: string;
  steps: DemoContractStep[];
}

/** The bureau's conclusion on the flags a rule raised on these contracts. */
export interface DemoFlagResolution {
  kind: "year_end_spike" | "split_deal" | "related_parties" | "amount_outlier";
  registrationNumbers: string[];
  by: string;
  resolution: string;
}

export interface DemoDeals {
  seed: number;
  now: Date;
  lastYear: number;
  thisYear: number;
  targets: DemoTarget[];
  /** last year's and this year's back-dated registrations, in registration order */
  imported: DemoImportedContract[];
  offers: DemoOffer[];
  contracts: DemoLiveContract[];
  changes: DemoContractChange[];
  resolutions: DemoFlagResolution[];
}

// ------------------------------------------------------------------ who is who

const RESEARCHER = "researcher@demo.gz";
const COMPANY = "company@demo.gz";
const BROKER = "broker@demo.gz";
const BUREAU = "bureau@demo.gz";

const ORG = new Map(ORGANIZATIONS.map((o) => [o.key, o]));
function org(key: string): OrganizationDef {
  const o = ORG.get(key);
  if (!o) throw new Error(`demo deals: unknown organization ${key}`);
  return o;
}
/** Organizations with a demo account: the related-party check sees their shared demo.gz mail domain. */
const WITH_ACCOUNT = new Set(ACCOUNTS.flatMap((a) => (a.org ? [a.org] : [])));

// ------------------------------------------------------------------ small helpers

function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A working day (Mon–Fri) of the month near `day`, as [year, month, day]. */
function workingDay(year: number, month: number, day: number): [number, number, number] {
  const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  let d = day;
  if (dow === 6) d = day + 2 <= daysInMonth(year, month) ? day + 2 : day - 1;
  if (dow === 0) d = day + 1 <= daysInMonth(year, month) ? day + 1 : day - 2;
  return [year, month, d];
}

/** An instant during Shanghai office hours on that day. */
function officeTime(rng: Rng, [year, month, day]: [number, number, number]) {
  const minutes = rng.int(8 * 60 + 40, 17 * 60 + 20);
  return new Date(shanghaiDayStart(year, month, day).getTime() + minutes * 60_000 + rng.int(0, 59) * 1000);
}

/** 万元 → fen, rounded the way contracts are written (¥1,000 / ¥10,000 / ¥100,000 steps). */
function roundFen(wan: number) {
  const stepFen = wan < 100 ? 100_000 : wan < 1000 ? 1_000_000 : 10_000_000;
  return Math.max(1, Math.round((wan * WAN) / stepFen)) * stepFen;
}

/** 万元 → fen for the hand-written amounts (38.5万元 → 38,500,000). */
function wan(amount: number) {
  return Math.round(amount * WAN);
}

function logUniform(rng: Rng, lo: number, hi: number) {
  return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.next());
}

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

// ------------------------------------------------------------------ titles

/** "…技术" + "开发合同" → "…技术开发合同"; "…工艺" + "开发合同" → "…工艺技术开发合同". */
function tech(base: string, words: string) {
  return base.endsWith("技术") ? `${base}${words}` : `${base}技术${words}`;
}

const CONTRACT_WORDS: Record<string, (base: string) => string> = {
  "development:commissioned": (s) => tech(s, "开发合同"),
  "development:cooperative": (s) => tech(s, "合作开发合同"),
  "transfer:patent": (s) => `${s}专利权转让合同`,
  "transfer:patent_application": (s) => `${s}专利申请权转让合同`,
  "transfer:know_how": (s) => tech(s, "秘密转让合同"),
  "license:patent": (s) => `${s}专利实施许可合同`,
  "license:know_how": (s) => tech(s, "秘密许可合同"),
  "consulting:consulting": (s) => tech(s, "咨询合同"),
  "service:service": (s) => tech(s, "服务合同"),
  "service:training": (s) => tech(s, "培训合同"),
  "service:brokerage": (s) => `${s}中介服务合同`,
};

/** A contract's name from its subject (a result's title or a service): "…制备技术" → "…制备技术开发合同". */
export function contractTitle(subject: string, type: ContractType, subtype: string) {
  const make = CONTRACT_WORDS[`${type}:${subtype}`];
  if (!make) throw new Error(`demo deals: no title pattern for ${type}/${subtype}`);
  return make(subject.replace(/(开发|研制|及其制备方法)$/, ""));
}

// ------------------------------------------------------------------ the deal space

/** One kind of deal: who sells, who buys, what about. */
interface Edge {
  field: Field;
  sellers: string[];
  buyers: string[];
  /** result topic the deal is about (its results give the subject), or fixed subjects */
  topic?: ResultTopic;
  subjects?: string[];
  /** allowed type/subtype pairs; empty = drawn from the tier's mix and the topic's modes */
  kinds?: Array<[ContractType, string]>;
  /** the largest tier this kind of deal reaches */
  maxTier: 0 | 1 | 2;
}

// Enterprises and agencies sell too: software, environmental services, equipment retrofits,
// cutting-tool services, brokerage and patent navigation.
const ENTERPRISE_EDGES: Edge[] = [
  {
    field: "software",
    sellers: ["zhicheng"],
    buyers: ["huasen", "gongtu", "jingcheng"],
    subjects: [
      "板式家具生产执行系统（MES）定制开发",
      "家具订单排产与车间数据采集系统",
      "共享喷涂中心订单与环保数据管理系统",
    ],
    kinds: [
      ["development", "commissioned"],
      ["service", "service"],
    ],
    maxTier: 1,
  },
  {
    field: "energy_env",
    sellers: ["qingyuan"],
    buyers: ["xinyuan", "jinghuan", "hongwu"],
    subjects: ["稀土冶炼废水深度处理工艺优化", "冶炼厂区土壤污染状况调查与风险评估", "含氨氮废水处理站运行诊断"],
    kinds: [
      ["service", "service"],
      ["consulting", "consulting"],
    ],
    maxTier: 1,
  },
  {
    field: "equipment",
    sellers: ["yuanhang"],
    buyers: ["hongwu", "wufeng"],
    subjects: ["钨选矿车间破碎筛分系统智能化改造", "硬质合金压制成型自动上下料系统"],
    kinds: [
      ["development", "commissioned"],
      ["service", "service"],
    ],
    maxTier: 1,
  },
  {
    field: "tungsten",
    sellers: ["ruifeng"],
    buyers: ["chiyuan", "hengdong", "jingcheng"],
    subjects: ["电机壳体高效切削刀具方案与工艺优化", "数控刀具选型与切削参数优化"],
    kinds: [
      ["service", "service"],
      ["service", "training"],
    ],
    maxTier: 0,
  },
  {
    field: "rare_earth",
    sellers: ["huaguang"],
    buyers: ["rongguang"],
    subjects: ["背光模组用窄带红色荧光粉适配"],
    kinds: [["development", "commissioned"]],
    maxTier: 1,
  },
  {
    field: "new_energy",
    sellers: ["liyuan"],
    buyers: ["xunli", "ruijin-power"],
    subjects: ["再生磷酸铁锂前驱体品质提升", "储能电站电芯一致性评估"],
    kinds: [
      ["development", "cooperative"],
      ["service", "service"],
    ],
    maxTier: 1,
  },
  {
    field: "electronics",
    sellers: ["xinlian"],
    buyers: ["huijing", "rongguang"],
    subjects: ["QFN封装分层失效分析与工艺改进", "车规级功率模块封装可靠性验证"],
    kinds: [
      ["service", "service"],
      ["development", "commissioned"],
    ],
    maxTier: 1,
  },
  {
    field: "equipment",
    sellers: ["jingcheng"],
    buyers: ["huasen", "gongtu"],
    subjects: ["板式家具数控开料设备智能化改造", "封边机自动换料系统"],
    kinds: [
      ["development", "commissioned"],
      ["service", "service"],
    ],
    maxTier: 1,
  },
  {
    field: "other",
    sellers: ["zhihui-ip"],
    buyers: ["hengdong", "wufeng", "huaguang", "ruifeng", "kangyuan"],
    subjects: ["稀土永磁产业专利导航与高价值专利培育", "硬质合金企业专利布局分析", "企业知识产权贯标与专利挖掘"],
    kinds: [
      ["consulting", "consulting"],
      ["service", "service"],
    ],
    maxTier: 0,
  },
  {
    field: "rare_earth",
    sellers: ["xjg-ttc", "gba-ttc", "ln-kcfw"],
    buyers: ["hengdong", "huaguang", "jinghuan", "xinyuan", "huijing"],
    subjects: ["稀土功能材料技术成果对接", "大湾区高校稀土永磁成果转化对接"],
    kinds: [["service", "brokerage"]],
    maxTier: 0,
  },
];

const TOPICS = new Map(RESULT_TOPICS.map((t) => [t.slug, t]));

/** Need templates × the result topics that answer them: the enterprises that buy, the institutes that sell. */
function researchEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const template of NEED_TEMPLATES) {
    const buyers = [...new Set(template.companies)].filter((k) => org(k).kind === "enterprise");
    if (!buyers.length) continue;
    for (const slug of template.matches) {
      const topic = TOPICS.get(slug)!;
      edges.push({ field: topic.field, sellers: [...topic.orgs], buyers, topic, maxTier: 2 });
    }
  }
  return edges;
}

// The city's leading industries carry most of the money.
const FIELD_WEIGHTS: Array<readonly [Field, number]> = [
  ["rare_earth", 3.2],
  ["tungsten", 2.4],
  ["new_energy", 2],
  ["electronics", 1.8],
  ["equipment", 1.4],
  ["biomedicine", 1.2],
  ["agriculture", 1.6],
  ["new_materials", 1.1],
  ["energy_env", 1.2],
  ["software", 0.8],
  ["other", 0.3],
];
const HEAVY = new Set<Field>(["rare_earth", "tungsten", "new_energy", "electronics", "new_materials"]);
const LIGHT = new Set<Field>(["agriculture", "software", "other"]);

/** Amount tiers in 万元: 0 = 20–300, 1 = 300–1,000, 2 = 1,000 up to the year's largest deal. */
const TIER_RANGES: Array<[number, number]> = [
  [20, 300],
  [300, 1000],
  [1000, 5000],
];
/** Services and consulting stay smaller. */
const SERVICE_MID_RANGE: [number, number] = [300, 800];

/** Where the seller is: Ganzhou's own institutes sell most, then Nanchang, then the Bay Area. */
function sellerWeight(key: string) {
  const region = org(key).regionCode;
  return isGanzhou(region) ? 3 : isBayArea(region) ? 1 : 1.6;
}

const TYPE_MIX: Record<0 | 1 | 2, Array<readonly [ContractType, number]>> = {
  0: [
    ["development", 25],
    ["transfer", 10],
    ["license", 10],
    ["service", 35],
    ["consulting", 20],
  ],
  1: [
    ["development", 45],
    ["transfer", 15],
    ["license", 20],
    ["service", 15],
    ["consulting", 5],
  ],
  2: [
    ["development", 60],
    ["transfer", 20],
    ["license", 20],
  ],
};

const MODE_TYPES: Record<TransferMode, ContractType> = {
  transfer: "transfer",
  license: "license",
  joint_development: "development",
  equity: "transfer",
  service: "service",
};

function subtypeFor(rng: Rng, type: ContractType, tier: number, topic?: ResultTopic): string {
  const ip = topic?.ip ?? "knowhow";
  switch (type) {
    case "development":
      return rng.chance(tier === 2 ? 0.5 : 0.3) ? "cooperative" : "commissioned";
    case "transfer":
      if (ip !== "patent") return "know_how";
      return weighted(rng, [
        ["patent", 60],
        ["patent_application", 15],
        ["know_how", 25],
      ] as const);
    case "license":
      return ip === "patent" && rng.chance(0.7) ? "patent" : "know_how";
    case "consulting":
      return "consulting";
    case "service":
      return rng.chance(0.8) ? "service" : "training";
  }
}

function ipTypeFor(rng: Rng, type: ContractType, subtype: string, topic?: ResultTopic): string {
  if (type === "transfer" || type === "license") {
    if (subtype === "patent") return "patent";
    if (subtype === "patent_application") return "patent_application";
    if (topic?.ip === "software") return "software_copyright";
    if (topic?.ip === "variety") return "plant_variety";
    return "know_how";
  }
  if (topic?.ip === "software") return "software_copyright";
  if (type === "development") {
    if (topic?.ip === "variety") return "plant_variety";
    return weighted(rng, [
      ["patent_application", 50],
      ["know_how", 25],
      ["none", 25],
    ] as const);
  }
  if (type === "service" && rng.chance(0.3)) return "know_how";
  return "none";
}

/** Share of the amount that is equipment, materials and other non-technical costs. */
function costShare(rng: Rng, type: ContractType, subtype: string) {
  if (type === "consulting" || subtype === "brokerage") return 0;
  if (type === "development") return rng.chance(0.3) ? 0 : 0.05 + 0.3 * rng.next();
  if (type === "transfer" || type === "license") return rng.chance(0.8) ? 0 : 0.02 + 0.08 * rng.next();
  return rng.chance(0.6) ? 0 : 0.03 + 0.17 * rng.next();
}

function validityDays(rng: Rng, type: ContractType) {
  if (type === "development") return rng.int(365, 3 * 365);
  if (type === "license") return rng.int(3 * 365, 5 * 365);
  return rng.int(300, 730);
}

/** A broker on some deals: the Bay Area centre for Bay Area sellers, the 稀金谷 centre, Longnan's. */
function brokerFor(rng: Rng, seller: string, buyer: string, field: Field, type: ContractType): string | null {
  if (org(seller).kind === "agency") return null;
  if (isBayArea(org(seller).regionCode) && rng.chance(0.5)) return "gba-ttc";
  if (org(buyer).regionCode === "360783" && rng.chance(0.3)) return "ln-kcfw";
  if ((field === "rare_earth" || field === "tungsten") && rng.chance(0.2)) return "xjg-ttc";
  if ((type === "transfer" || type === "license") && rng.chance(0.15)) return "zhihui-ip";
  return null;
}

/** Registration points: 01 the city bureau, 02 赣州经开区, 03 龙南 (by the seller's location). */
function pointFor(seller: string) {
  const o = org(seller);
  if (o.zone === "gz_etdz") return "02";
  if (o.zone === "longnan_etdz" || o.regionCode === "360783") return "03";
  return "01";
}

// ------------------------------------------------------------------ one year's registrations

const MONTH_WEIGHTS = [5, 3, 7, 8, 8, 11, 8, 7, 9, 6, 9, 13];
const YEAR_END_FROM_DAY = 18; // the anomaly rule's window: the last 14 days of December

interface Draft {
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

function draftYear(data: DemoData, opts: YearShape): Draft[] {
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
function capYearEnd(drafts: Draft[], year: number, rng: Rng, spikeSeller: string | null) {
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
function scale(drafts: Draft[], totalWan: number) {
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
function avoidSplits(drafts: Draft[]) {
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

function toImported(drafts: Draft[], year: number): DemoImportedContract[] {
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

function fixedDraft(
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

// ------------------------------------------------------------------ the generator

export function generateDemoDeals(data: DemoData, options: { now?: Date } = {}): DemoDeals {
  const now = options.now ?? data.now;
  const seed = data.seed;
  const thisYear = shanghaiYearMonth(now).year;
  const lastYear = thisYear - 1;
  const cutoff = new Date(now.getTime() - IMPORT_CUTOFF_DAYS * DAY);

  // ---------------------------------------------------------------- last year
  const rngLast = new Rng(`${seed}:deals:last-year`);
  const lastFixed: Draft[] = [
    // the demo company's history with the demo researcher's university
    fixedDraft(rngLast, "deal-last-jinci-1", lastYear, [5, 14], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "license",
      subtype: "patent",
      ipType: "patent",
      title: contractTitle("钕铁硼磁体表面防护涂层及其制备方法", "license", "patent"),
      wan: 45,
      costShare: 0,
    }),
    fixedDraft(rngLast, "deal-last-jinci-2", lastYear, [10, 22], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "service",
      subtype: "service",
      ipType: "none",
      title: "烧结钕铁硼磁钢生产工艺诊断技术服务合同",
      wan: 18,
      costShare: 0,
    }),
    // a split deal: two contracts just under the 500万元 expert-review threshold, 45 days apart
    fixedDraft(rngLast, "deal-last-split-1", lastYear, [8, 20], {
      field: "tungsten",
      seller: "jxust",
      buyer: "hongwu",
      type: "development",
      subtype: "commissioned",
      ipType: "patent_application",
      title: "钨冶炼离子交换废水零排放技术开发合同（一期：工艺小试与方案设计）",
      wan: 520,
      costShare: 60 / 520,
      signLagDays: 17,
    }),
    fixedDraft(rngLast, "deal-last-split-2", lastYear, [10, 9], {
      field: "tungsten",
      seller: "jxust",
      buyer: "hongwu",
      type: "development",
      subtype: "commissioned",
      ipType: "patent_application",
      title: "钨冶炼离子交换废水零排放技术开发合同（二期：工程化验证）",
      wan: 480,
      costShare: 50 / 480,
      signLagDays: 22,
    }),
    // a year-end spike: one institute registers four contracts in the last two weeks of December
    ...(
      [
        [[12, 21], "service", "service", "废硬质合金锌熔法再生工艺", 36],
        [[12, 24], "transfer", "know_how", "高切削铈基稀土抛光粉生产工艺", 88],
        [[12, 28], "consulting", "consulting", "钨冶炼渣无害化处置技术", 24],
        [[12, 30], "service", "training", "仲钨酸铵还原制备超细钨粉工艺", 15],
      ] as const
    ).map(([date, type, subtype, subject, wan], i) =>
      fixedDraft(rngLast, `deal-last-yearend-${i + 1}`, lastYear, [...date], {
        field: subject.includes("抛光") ? "rare_earth" : "tungsten",
        seller: "gzyjs",
        buyer: (["wufeng", "jinghuan", "hongwu", "ruifeng"] as const)[i]!,
        type,
        subtype,
        ipType: type === "transfer" ? "know_how" : "none",
        title: contractTitle(subject, type, subtype),
        wan,
        costShare: 0,
      }),
    ),
  ];
  const last = draftYear(data, {
    rng: rngLast,
    year: lastYear,
    count: LAST_YEAR_COUNT,
    keyPrefix: "deal-last",
    tiers: [0.6, 0.28, 0.12],
    largeMaxWan: 5000,
    fixed: lastFixed,
  });
  capYearEnd(last, lastYear, rngLast, "gzyjs");
  scale(last, LAST_YEAR_TOTAL_WAN);

  // ---------------------------------------------------------------- this year (full-year plan)
  const rngThis = new Rng(`${seed}:deals:this-year`);
  const thisFixed: Draft[] = [
    fixedDraft(rngThis, "deal-this-jinci-1", thisYear, [3, 12], {
      field: "rare_earth",
      seller: "jxust",
      buyer: "jinci",
      type: "service",
      subtype: "training",
      ipType: "none",
      title: "烧结钕铁硼晶界扩散工艺技术培训合同",
      wan: 8.6,
      costShare: 0,
    }),
  ];
  const plan = draftYear(data, {
    rng: rngThis,
    year: thisYear,
    count: THIS_YEAR_PLAN_COUNT,
    keyPrefix: "deal-this",
    tiers: [0.36, 0.36, 0.28],
    largeMaxWan: 5500,
    fixed: thisFixed,
  });
  capYearEnd(plan, thisYear, rngThis, null);
  scale(plan, THIS_YEAR_PLAN_WAN);
  avoidSplits([...last, ...plan]);
  scale(last, LAST_YEAR_TOTAL_WAN); // back to the year's figure (a change below 1 %)
  scale(plan, THIS_YEAR_PLAN_WAN);
  const thisImported = plan.filter((d) => d.registeredAt.getTime() <= cutoff.getTime());

  const imported = [...toImported(last, lastYear), ...toImported(thisImported, thisYear)];

  // ---------------------------------------------------------------- targets
  // County targets (技术输出, by the seller's county) for the three Ganzhou counties that sell the
  // most in this year's plan: the plan's figure plus 5 %, in steps of 500万元.
  const byCounty = new Map<string, number>();
  for (const d of plan) {
    const region = org(d.seller).regionCode;
    if (isGanzhou(region)) byCounty.set(region, (byCounty.get(region) ?? 0) + d.wan);
  }
  const countyTargets = [...byCounty.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([regionCode, planned]) => {
      const step = planned >= 5000 ? 500 : 50;
      return { year: thisYear, regionCode, amountFen: Math.ceil((planned * 1.05) / step) * wan(step) };
    });
  const targets: DemoTarget[] = [
    { year: lastYear, regionCode: "", amountFen: DEMO_LAST_YEAR_TARGET_FEN },
    { year: thisYear, regionCode: "", amountFen: DEMO_CITY_TARGET_FEN },
    ...countyTargets,
  ];

  // ---------------------------------------------------------------- the live part
  const today = shanghaiDayString(now);
  const { offers, contracts } = livePlan(today);

  // one of this year's registrations is cancelled (注销) by the bureau
  const thisYearImported = imported.filter((c) =>
    c.registrationNumber.startsWith(String(thisYear % 100).padStart(2, "0")),
  );
  const cancelled =
    thisYearImported.find((c) => c.sellerKey !== "jxust" && c.contractAmountFen <= wan(200) && c.type === "service") ??
    thisYearImported.find((c) => c.sellerKey !== "jxust");
  const changes: DemoContractChange[] = cancelled
    ? [
        {
          registrationNumber: cancelled.registrationNumber,
          steps: [
            {
              do: "cancel",
              by: BUREAU,
              reason:
                "合同双方协商一致解除合同，卖方提交解除协议并申请注销登记。/ Both parties terminated the contract; the seller applied for cancellation.",
            },
          ],
        },
      ]
    : [];

  // the bureau looked into last year's year-end spike and accepted it
  const spike = imported.filter((c) => c.key.startsWith("deal-last-yearend-")).map((c) => c.registrationNumber);
  const resolutions: DemoFlagResolution[] = [
    {
      kind: "year_end_spike",
      registrationNumbers: spike,
      by: BUREAU,
      resolution: "经核查，四份合同均于年内签订并履行，年底集中办理登记系单位财务结算安排，交易真实，予以确认。",
    },
  ];

  return { seed, now, lastYear, thisYear, targets, imported, offers, contracts, changes, resolutions };
}

// ------------------------------------------------------------------ offers and live contracts

/** The live part: everything here happens at seeding time, through the same calls as the API. */
function livePlan(today: string): { offers: DemoOffer[]; contracts: DemoLiveContract[] } {
  const ago = (days: number) => addDays(today, -days);
  const years = (n: number) => addDays(today, n * 365);

  const offers: DemoOffer[] = [
    {
      key: "offer-gbd-license",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-gbd-1",
      amountFen: wan(220),
      mode: "license",
      message:
        "刘老师您好，我们是赣州金磁永磁，主要做烧结钕铁硼磁钢，年产约3000吨。压缩机和新能源汽车电机客户都在压重稀土用量，贵校这项Tb晶界扩散技术正好对口。我们想以专利实施许可方式引进，在高新区工厂建一条扩散线，报价220万元，含工艺包和人员培训。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(250),
          body: "陈总您好，感谢关注。这项技术已在两家企业完成批量验证，许可费我们评估在270万元左右。考虑到贵公司就在本地、便于团队现场指导，可以按250万元许可，包含工艺包、设备选型建议和3个月驻厂指导。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "proposal-magnet-heat",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-heat-1",
      amountFen: wan(150),
      mode: "joint_development",
      message:
        "陈总您好，看到贵公司关于磁钢高温退磁的需求。我们团队在晶界扩散和晶界调控方面做了多年，可以针对贵公司的N45SH、N42UH牌号做矫顽力提升开发，目标150℃下磁通不可逆损失小于3%。建议以委托开发方式合作，周期约10个月，费用150万元（含试验材料和检测费约20万元）。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          body: "刘老师，方案我们技术部看过了，比较认可。想确认一下：开发出来的工艺知识产权怎么约定？我们希望在本公司独占使用。",
        },
        {
          do: "message",
          by: RESEARCHER,
          body: "可以约定开发成果由贵公司独占实施，专利申请双方共同署名，学校保留科研使用权，具体写进合同条款。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "offer-coating-license",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-coating-1",
      amountFen: wan(80),
      mode: "license",
      message:
        "刘老师好，我们电机客户把盐雾试验要求提高到了480小时，想引进贵校的Ni-Cu-Ni复合镀工艺，以技术秘密许可方式，80万元可以吗？",
      steps: [{ do: "accept", by: RESEARCHER }],
    },
    {
      key: "proposal-hre-cost",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-hre-cost-1",
      amountFen: wan(180),
      mode: "joint_development",
      message:
        "我们的低重稀土高矫顽力磁体技术（铈部分替代+晶界扩散），可以在保持矫顽力的前提下把镝铽用量降低40%以上。建议双方合作开发，在贵公司中试线上验证，总费用180万元，其中中试设备改造约40万元。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          counterAmountFen: wan(160),
          body: "方向很好，但今年预算有限。160万元可以的话我们马上推进。",
        },
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(170),
          body: "中试设备改造费用是实打实的，170万元是底线；另外我们可以派两名研究生驻厂配合试验。",
        },
        { do: "accept", by: COMPANY },
      ],
    },
    {
      key: "offer-recycle-buyout",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-recycle-1",
      amountFen: wan(120),
      mode: "transfer",
      message: "我们磨削油泥和边角料每年约200吨，想买断这项回收技术，出价120万元。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          body: "陈总，这项技术已有企业在用，学校只做许可、不做转让；另外120万元与评估价差距较大。我们另有一项更适合贵公司就地处理边角料的技术，会在贵公司的需求下提交方案。",
        },
        { do: "reject", by: RESEARCHER },
      ],
    },
    {
      key: "offer-cerium-open",
      by: COMPANY,
      resultKey: "result-rare_earth-ndfeb-ce-5",
      amountFen: null,
      mode: "license",
      message: "我们有一条低牌号磁钢产线，想试试富铈磁体降本。许可费请报个价？另外需要我们提供哪些试验条件？",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          counterAmountFen: wan(200),
          body: "许可费200万元，含配方、工艺参数和一次中试指导。试验条件：真空速凝炉、氢破和气流磨即可，贵公司现有产线基本满足。",
        },
        { do: "message", by: COMPANY, body: "收到，我们内部评估一下，下周给您答复。" },
      ],
    },
    {
      key: "proposal-scrap-open",
      by: RESEARCHER,
      needKey: "need-rare_earth-magnet-scrap-1",
      amountFen: wan(140),
      mode: "license",
      message:
        "针对贵公司的边角料和油泥，我们可以提供“切片边角料氧化焙烧-优溶回收”技术，适合就地处理，稀土回收率不低于98%。以技术许可方式，140万元，含工艺包。",
      steps: [
        { do: "message", by: COMPANY, body: "这个方案比买断便宜。我们关心环保审批，焙烧环节会不会有废气问题？" },
        {
          do: "message",
          by: RESEARCHER,
          body: "焙烧烟气量很小，配一套碱液喷淋就能达标，我们可以协助编写环评报告的技术章节。",
        },
      ],
    },
    {
      key: "broker-corrosion-open",
      by: BROKER,
      needKey: "need-rare_earth-magnet-corrosion-1",
      amountFen: wan(60),
      mode: "service",
      message:
        "陈总好，我是稀金谷技术转移中心的钟文华。针对贵公司磁钢盐雾试验不过的问题，我们可以组织江西理工大学和华南理工大学的涂层团队做工艺诊断，并对接电泳+真空镀铝复合防护方案。诊断及技术中介服务费60万元。",
      steps: [
        {
          do: "message",
          by: COMPANY,
          counterAmountFen: wan(45),
          body: "服务内容可以，费用能否调整到45万元？诊断结果满意的话，后续许可我们优先通过贵中心办理。",
        },
      ],
    },
    {
      key: "broker-pvd-open",
      by: BROKER,
      resultKey: "result-tungsten-carbide-pvd-1",
      amountFen: wan(180),
      mode: "license",
      message: "刘老师好，受赣州锐锋精密刀具委托，想就贵校的AlCrN涂层技术洽谈许可。客户报价180万元，希望年内签约。",
      steps: [
        {
          do: "message",
          by: RESEARCHER,
          body: "钟老师好，感谢牵线。请问锐锋现有的涂层设备是什么型号？我们需要评估是否要改造，再给报价。",
        },
      ],
    },
  ];

  const contracts: DemoLiveContract[] = [
    // from accepted offers between the demo researcher's university and the demo company
    {
      key: "contract-gbd-license",
      by: RESEARCHER,
      offerKey: "offer-gbd-license",
      type: "license",
      subtype: "patent",
      title: "Tb晶界扩散烧结钕铁硼磁体批量化制备技术专利实施许可合同",
      nonTechnicalCostsFen: 0,
      signedAt: ago(6),
      validUntil: years(5),
      ipType: "patent",
      steps: [
        { do: "submit", by: RESEARCHER },
        { do: "review", by: BUREAU, decision: "register", note: "材料齐全，准予登记。" },
        {
          do: "amend",
          by: BUREAU,
          contractAmountFen: wan(268),
          reason:
            "双方签订补充协议，增加驻厂技术指导费18万元，合同成交额变更为268万元。/ A supplementary agreement adds on-site guidance.",
        },
      ],
    },
    {
      key: "contract-magnet-heat",
      by: RESEARCHER,
      offerKey: "proposal-magnet-heat",
      type: "development",
      subtype: "commissioned",
      title: "高工作温度烧结钕铁硼磁钢矫顽力提升技术开发合同",
      nonTechnicalCostsFen: wan(20),
      signedAt: ago(12),
      validUntil: years(1),
      ipType: "patent_application",
      steps: [
        { do: "submit", by: RESEARCHER },
        { do: "review", by: BUREAU, decision: "register" },
      ],
    },
    {
      key: "contract-coating-license",
      by: RESEARCHER,
      offerKey: "offer-coating-license",
      type: "license",
      subtype: "know_how",
      title: "烧结钕铁硼磁体高耐蚀Ni-Cu-Ni复合镀防护涂层技术秘密许可合同",
      nonTechnicalCostsFen: 0,
      signedAt: ago(3),
      validUntil: years(3),
      ipType: "know_how",
      steps: [{ do: "submit", by: RESEARCHER }],
    },
    {
      key: "contract-hre-cost",
      by: RESEARCHER,
      offerKey: "proposal-hre-cost",
      type: "development",
      subtype: "cooperative",
      title: "低重稀土高矫顽力烧结钕铁硼磁体合作开发合同",
      nonTechnicalCostsFen: 0,
      signedAt: ago(5),
      validUntil: years(2),
      ipType: "patent_application",
      steps: [
        { do: "submit", by: RESEARCHER },
        {
          do: "review",
          by: BUREAU,
          decision: "return",
          note: "合同约定的中试设备改造费用（约40万元）属于非技术性费用，请在“非技术性费用”中单列并附设备清单后重新提交。",
        },
      ],
    },
    // entered directly by the seller side, a broker or the bureau
    {
      key: "contract-hlb-service",
      by: "researcher.gnnu@demo.gz",
      type: "service",
      subtype: "service",
      title: "柑橘黄龙病RPA-CRISPR快速检测技术服务合同",
      sellerKey: "gnnu",
      buyerKey: "sanbaishan",
      contractAmountFen: wan(38.5),
      nonTechnicalCostsFen: wan(6),
      signedAt: ago(9),
      validUntil: years(1),
      resultKey: "result-agriculture-hlb-lamp-1",
      ipType: "patent",
      steps: [
        { do: "submit", by: "researcher.gnnu@demo.gz" },
        { do: "review", by: BUREAU, decision: "register" },
      ],
    },
    {
      key: "contract-gia-license",
      by: "researcher.gia@demo.gz",
      type: "license",
      subtype: "patent",
      title: "超低重稀土高矫顽力烧结钕铁硼磁体制备技术专利实施许可合同",
      sellerKey: "gia",
      buyerKey: "hengdong",
      contractAmountFen: wan(320),
      nonTechnicalCostsFen: 0,
      signedAt: ago(15),
      validUntil: years(5),
      resultKey: "result-rare_earth-ndfeb-gbd-5",
      ipType: "patent",
      steps: [
        { do: "submit", by: "researcher.gia@demo.gz" },
        { do: "review", by: BUREAU, decision: "register" },
      ],
    },
    {
      key: "contract-qd-film",
      by: "researcher.scut@demo.gz",
      type: "development",
      subtype: "cooperative",
      title: "平板显示用量子点膜制备合作开发合同",
      sellerKey: "scut",
      buyerKey: "rongguang",
      brokerKey: "gba-ttc",
      contractAmountFen: wan(460),
      nonTechnicalCostsFen: wan(85),
      signedAt: ago(20),
      validUntil: years(2),
      resultKey: "result-electronics-display-miniled-4",
      ipType: "patent_application",
      steps: [
        { do: "submit", by: "researcher.scut@demo.gz" },
        { do: "review", by: BUREAU, decision: "register" },
      ],
    },
    {
      key: "contract-carbide-transfer",
      by: BROKER,
      type: "transfer",
      subtype: "patent",
      title: "高致密超细硬质合金棒材制备方法专利权转让合同",
      sellerKey: "jxust",
      buyerKey: "wufeng",
      brokerKey: "xjg-ttc",
      contractAmountFen: wan(96),
      nonTechnicalCostsFen: 0,
      signedAt: ago(8),
      validUntil: years(1),
      resultKey: "result-tungsten-carbide-ultrafine-1",
      ipType: "patent",
      steps: [
        { do: "submit", by: BROKER },
        { do: "review", by: BUREAU, decision: "register" },
      ],
    },
    {
      key: "contract-slag-service",
      by: BUREAU,
      type: "service",
      subtype: "service",
      title: "钨冶炼渣有价金属回收技术服务合同",
      sellerKey: "gzyjs",
      buyerKey: "hongwu",
      contractAmountFen: wan(58),
      nonTechnicalCostsFen: wan(8),
      signedAt: ago(11),
      validUntil: years(1),
      field: "energy_env",
      ipType: "know_how",
      steps: [
        { do: "submit", by: BUREAU },
        { do: "review", by: BUREAU, decision: "register", note: "线下受理，纸质材料已核验。" },
      ],
    },
    {
      key: "contract-routine-testing",
      by: "researcher.gmu@demo.gz",
      type: "service",
      subtype: "service",
      title: "中药饮片常规质量检验技术服务合同",
      sellerKey: "gmu",
      buyerKey: "kangyuan",
      contractAmountFen: wan(12.6),
      nonTechnicalCostsFen: 0,
      signedAt: ago(14),
      validUntil: years(1),
      field: "biomedicine",
      ipType: "none",
      steps: [
        { do: "submit", by: "researcher.gmu@demo.gz" },
        {
          do: "review",
          by: BUREAU,
          decision: "reject",
          note: "合同标的为按现行国家标准开展的常规质量检验，不属于技术服务合同的认定范围，不予登记。",
        },
      ],
    },
    {
      key: "contract-board-transfer",
      by: "researcher.scut@demo.gz",
      type: "transfer",
      subtype: "know_how",
      title: "无醛木质素基胶黏剂人造板制造技术秘密转让合同",
      sellerKey: "scut",
      buyerKey: "huasen",
      contractAmountFen: wan(110),
      nonTechnicalCostsFen: 0,
      signedAt: ago(4),
      validUntil: years(1),
      resultKey: "result-new_materials-board-no-formaldehyde-1",
      ipType: "know_how",
      steps: [{ do: "submit", by: "researcher.scut@demo.gz" }],
    },
    {
      key: "contract-nir-license",
      by: "researcher.gnnu@demo.gz",
      type: "license",
      subtype: "patent",
      title: "脐橙近红外糖酸度无损检测技术专利实施许可合同",
      sellerKey: "gnnu",
      buyerKey: "lvcheng",
      contractAmountFen: wan(65),
      nonTechnicalCostsFen: 0,
      signedAt: ago(2),
      validUntil: years(3),
      resultKey: "result-agriculture-citrus-grading-4",
      ipType: "patent",
      steps: [{ do: "submit", by: "researcher.gnnu@demo.gz" }],
    },
  ];
  return { offers, contracts };
}
