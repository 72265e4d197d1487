// The demo deals' space: who sells what to whom, in which fields, types and amount ranges, and the
// small date and amount helpers the plan is built with (deals.ts).
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
import { type Rng } from "./data/random.ts";
import { shanghaiDayStart } from "../app/domain/time.ts";

export const DAY = 86_400_000;
export const WAN = 1_000_000; // 1万元 in fen

// ------------------------------------------------------------------ who is who

export const RESEARCHER = "researcher@demo.gz";
export const COMPANY = "company@demo.gz";
export const BROKER = "broker@demo.gz";
export const BUREAU = "bureau@demo.gz";

const ORG = new Map(ORGANIZATIONS.map((o) => [o.key, o]));
export function org(key: string): OrganizationDef {
  const o = ORG.get(key);
  if (!o) throw new Error(`demo deals: unknown organization ${key}`);
  return o;
}
/** Organizations with a demo account: the related-party check sees their shared demo.gz mail domain. */
export const WITH_ACCOUNT = new Set(ACCOUNTS.flatMap((a) => (a.org ? [a.org] : [])));

// ------------------------------------------------------------------ small helpers

export function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A working day (Mon–Fri) of the month near `day`, as [year, month, day]. */
export function workingDay(year: number, month: number, day: number): [number, number, number] {
  const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  let d = day;
  if (dow === 6) d = day + 2 <= daysInMonth(year, month) ? day + 2 : day - 1;
  if (dow === 0) d = day + 1 <= daysInMonth(year, month) ? day + 1 : day - 2;
  return [year, month, d];
}

/** An instant during Shanghai office hours on that day. */
export function officeTime(rng: Rng, [year, month, day]: [number, number, number]) {
  const minutes = rng.int(8 * 60 + 40, 17 * 60 + 20);
  return new Date(shanghaiDayStart(year, month, day).getTime() + minutes * 60_000 + rng.int(0, 59) * 1000);
}

/** 万元 → fen, rounded the way contracts are written (¥1,000 / ¥10,000 / ¥100,000 steps). */
export function roundFen(wan: number) {
  const stepFen = wan < 100 ? 100_000 : wan < 1000 ? 1_000_000 : 10_000_000;
  return Math.max(1, Math.round((wan * WAN) / stepFen)) * stepFen;
}

/** 万元 → fen for the hand-written amounts (38.5万元 → 38,500,000). */
export function wan(amount: number) {
  return Math.round(amount * WAN);
}

export function logUniform(rng: Rng, lo: number, hi: number) {
  return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.next());
}

export function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
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
export interface Edge {
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
export const ENTERPRISE_EDGES: Edge[] = [
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
export function researchEdges(): Edge[] {
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
export const FIELD_WEIGHTS: Array<readonly [Field, number]> = [
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
export const HEAVY = new Set<Field>(["rare_earth", "tungsten", "new_energy", "electronics", "new_materials"]);
export const LIGHT = new Set<Field>(["agriculture", "software", "other"]);

/** Amount tiers in 万元: 0 = 20–300, 1 = 300–1,000, 2 = 1,000 up to the year's largest deal. */
export const TIER_RANGES: Array<[number, number]> = [
  [20, 300],
  [300, 1000],
  [1000, 5000],
];
/** Services and consulting stay smaller. */
export const SERVICE_MID_RANGE: [number, number] = [300, 800];

/** Where the seller is: Ganzhou's own institutes sell most, then Nanchang, then the Bay Area. */
export function sellerWeight(key: string) {
  const region = org(key).regionCode;
  return isGanzhou(region) ? 3 : isBayArea(region) ? 1 : 1.6;
}

export const TYPE_MIX: Record<0 | 1 | 2, Array<readonly [ContractType, number]>> = {
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

export const MODE_TYPES: Record<TransferMode, ContractType> = {
  transfer: "transfer",
  license: "license",
  joint_development: "development",
  equity: "transfer",
  service: "service",
};

export function subtypeFor(rng: Rng, type: ContractType, tier: number, topic?: ResultTopic): string {
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

export function ipTypeFor(rng: Rng, type: ContractType, subtype: string, topic?: ResultTopic): string {
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
export function costShare(rng: Rng, type: ContractType, subtype: string) {
  if (type === "consulting" || subtype === "brokerage") return 0;
  if (type === "development") return rng.chance(0.3) ? 0 : 0.05 + 0.3 * rng.next();
  if (type === "transfer" || type === "license") return rng.chance(0.8) ? 0 : 0.02 + 0.08 * rng.next();
  return rng.chance(0.6) ? 0 : 0.03 + 0.17 * rng.next();
}

export function validityDays(rng: Rng, type: ContractType) {
  if (type === "development") return rng.int(365, 3 * 365);
  if (type === "license") return rng.int(3 * 365, 5 * 365);
  return rng.int(300, 730);
}

/** A broker on some deals: the Bay Area centre for Bay Area sellers, the 稀金谷 centre, Longnan's. */
export function brokerFor(rng: Rng, seller: string, buyer: string, field: Field, type: ContractType): string | null {
  if (org(seller).kind === "agency") return null;
  if (isBayArea(org(seller).regionCode) && rng.chance(0.5)) return "gba-ttc";
  if (org(buyer).regionCode === "360783" && rng.chance(0.3)) return "ln-kcfw";
  if ((field === "rare_earth" || field === "tungsten") && rng.chance(0.2)) return "xjg-ttc";
  if ((type === "transfer" || type === "license") && rng.chance(0.15)) return "zhihui-ip";
  return null;
}

/** Registration points: 01 the city bureau, 02 赣州经开区, 03 龙南 (by the seller's location). */
export function pointFor(seller: string) {
  const o = org(seller);
  if (o.zone === "gz_etdz") return "02";
  if (o.zone === "longnan_etdz" || o.regionCode === "360783") return "03";
  return "01";
}
