// Realistic, seeded listings for the search benchmark: titles, summaries and keywords built from
// the vocabularies of Ganzhou's industries (the thesaurus concepts plus phrase templates), so that
// term frequencies look like a real market: a few very common words (稀土 in about 20% of the
// documents), many medium ones, a long tail.
import { FIELDS, MATURITIES, TRANSFER_MODES } from "../../app/domain/catalog.ts";
import { thesaurus } from "../../search/thesaurus.ts";

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
function pickSome<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const out = new Set<T>();
  for (let i = 0; i < n * 3 && out.size < n; i++) out.add(pick(rng, list));
  return [...out];
}

const METHODS = ["一种", "基于", "新型", "高效", "低成本", "绿色", "智能", "高性能", "面向产业化的", "连续化"];
const ACTIONS = [
  "制备方法",
  "关键技术",
  "工艺及装备",
  "技术与应用",
  "集成技术",
  "检测方法",
  "控制系统",
  "成套装备",
  "优化技术",
  "综合利用技术",
];
const SUMMARY_OPENERS = [
  "本成果针对{a}领域中{b}的问题，",
  "项目团队围绕{a}开展了多年研究，",
  "为解决企业在{a}生产中{b}的难题，",
  "本技术面向{a}产业需求，",
];
const SUMMARY_MIDDLES = [
  "提出了{c}新工艺，使{d}显著提升，",
  "开发了{c}及配套装置，{d}达到国内领先水平，",
  "通过{c}与过程控制相结合，{d}提高30%以上，",
  "采用{c}路线，降低能耗和生产成本，",
  "建立了{c}中试线，已完成小批量验证，",
];
const SUMMARY_ENDS = [
  "可在赣州及周边企业推广应用。",
  "已申请发明专利3项，可提供技术许可或合作开发。",
  "适用于中小企业的技术改造升级。",
  "与多家企业开展了应用示范，经济效益明显。",
  "可为行业绿色低碳转型提供技术支撑。",
];
const APPLICATIONS = [
  "成果可应用于{a}相关企业的新建产线和技术改造，已在合作企业完成工业试验，运行稳定。",
  "团队具有多年{a}研发经验，可为企业提供工艺设计、设备选型、人员培训等全流程服务。",
  "该技术与{a}现有装备兼容，改造投入小、见效快，投资回收期一般不超过两年。",
  "相关工作获省部级科技奖励，{a}方面已形成企业标准并通过第三方测试。",
];
const GENERIC = [
  "产品质量",
  "生产效率",
  "良品率",
  "使用寿命",
  "稳定性",
  "一致性",
  "自动化水平",
  "资源利用率",
  "环保水平",
];

// Field → concept ids of the thesaurus that describe it.
function conceptsByField() {
  const th = thesaurus();
  const map = new Map<string, string[]>();
  for (const c of th.concepts.values()) {
    const f = c.field ?? "other";
    map.set(f, [...(map.get(f) ?? []), c.id]);
  }
  return map;
}

export type BenchListing = {
  title: string;
  summary: string;
  keywords: string[];
  field: string;
  maturity: string;
  transferModes: string[];
  priceFen: number | null;
  orgIndex: number;
  publishedAt: Date;
};

export function generateListings(count: number, seed = 20261128, orgCount = 200): BenchListing[] {
  const rng = mulberry32(seed);
  const th = thesaurus();
  const byField = conceptsByField();
  const fields = FIELDS.filter((f) => byField.has(f));
  const termOf = (id: string) => {
    const c = th.concepts.get(id)!;
    const forms = [...c.terms, ...c.colloquial];
    return th.display(id, pick(rng, forms.slice(0, Math.max(1, Math.min(forms.length, 6)))));
  };
  const out: BenchListing[] = [];
  const now = Date.UTC(2026, 10, 1);
  for (let i = 0; i < count; i++) {
    // rare earth gets ~20% of the listings (the city's leading industry) and 稀土 appears in it
    // rare earths are the city's leading industry: ~12% of the listings, and with the other
    // fields' mentions 稀土 ends up in about a fifth of the documents (the "very common term")
    const field = rng() < 0.12 ? "rare_earth" : pick(rng, fields);
    const concepts = byField.get(field)!;
    const main = pick(rng, concepts);
    const second = pick(rng, concepts);
    const other = pick(rng, byField.get(pick(rng, fields))!);
    const a = termOf(main);
    const c = termOf(second);
    const title = `${pick(rng, METHODS)}${a}${c === a ? "" : c}${pick(rng, ACTIONS)}`;
    const parts = [
      pick(rng, SUMMARY_OPENERS)
        .replace("{a}", field === "rare_earth" ? `稀土${a}` : a)
        .replace("{b}", `${pick(rng, GENERIC)}不高`),
      pick(rng, SUMMARY_MIDDLES).replace("{c}", c).replace("{d}", pick(rng, GENERIC)),
      pick(rng, SUMMARY_MIDDLES).replace("{c}", termOf(other)).replace("{d}", pick(rng, GENERIC)),
      `主要技术指标：${pick(rng, GENERIC)}≥${Math.floor(rng() * 60 + 40)}%，${termOf(main)}性能稳定，${pick(rng, GENERIC)}较现有工艺提高${Math.floor(rng() * 40 + 10)}%。`,
      pick(rng, APPLICATIONS).replace("{a}", termOf(pick(rng, concepts))),
      pick(rng, SUMMARY_MIDDLES)
        .replace("{c}", termOf(pick(rng, concepts)))
        .replace("{d}", pick(rng, GENERIC)),
      pick(rng, SUMMARY_ENDS),
    ];
    out.push({
      title,
      summary: parts.join(""),
      keywords: [...new Set([a, c, termOf(other)])].slice(0, 3 + Math.floor(rng() * 2)),
      field,
      maturity: pick(rng, MATURITIES),
      transferModes: pickSome(rng, TRANSFER_MODES, 1 + Math.floor(rng() * 2)),
      priceFen: rng() < 0.25 ? null : Math.floor(rng() * 500 + 5) * 10_000_00,
      orgIndex: Math.floor(rng() * orgCount),
      publishedAt: new Date(now - Math.floor(rng() * 3 * 365 * 86400_000)),
    });
  }
  return out;
}

/**
 * A stream of distinct search requests for the uncached throughput run (query strings of
 * GET /api/v1/results): 1-, 2- and 4-character terms taken from the thesaurus forms, multi-word
 * pairs, Latin forms, about a third with filters, a quarter with a sort, pages 1–5.
 */
export function generateQueryStream(count: number, seed = 20261206): string[] {
  const rng = mulberry32(seed);
  const forms = [...thesaurus().forms.keys()];
  const han = forms.filter((f) => /^[\u4e00-\u9fff]+$/.test(f));
  const latin = forms.filter((f) => /^[a-z][a-z0-9-]*$/i.test(f) && f.length >= 2);
  const one = [...new Set(han.map((f) => f[0]!))];
  const two = [...new Set(han.filter((f) => f.length >= 2).map((f) => f.slice(0, 2)))];
  const four = han.filter((f) => f.length === 4);
  const enc = encodeURIComponent;
  const term = () => {
    const r = rng();
    if (r < 0.15) return pick(rng, one);
    if (r < 0.45) return pick(rng, two);
    if (r < 0.65) return pick(rng, four);
    if (r < 0.8) return `${pick(rng, two)} ${pick(rng, han)}`;
    if (r < 0.9) return pick(rng, latin);
    return `${pick(rng, han)} ${pick(rng, latin)}`;
  };
  const out = new Set<string>();
  for (let i = 0; out.size < count && i < count * 20; i++) {
    let q = `q=${enc(term())}`;
    const f = rng();
    if (f < 0.12) q += `&field=${pick(rng, FIELDS)}`;
    else if (f < 0.2) q += `&maturity=${pick(rng, MATURITIES)}`;
    else if (f < 0.27) q += `&transferMode=${pick(rng, TRANSFER_MODES)}`;
    else if (f < 0.33) q += `&priceMaxFen=${Math.floor(rng() * 400 + 20) * 1_000_000}`;
    const s = rng();
    if (s < 0.1) q += "&sort=newest";
    else if (s < 0.18) q += "&sort=price_asc";
    else if (s < 0.25) q += "&sort=price_desc";
    const page = rng() < 0.7 ? 1 : 2 + Math.floor(rng() * 4);
    if (page > 1) q += `&page=${page}`;
    out.add(q);
  }
  return [...out];
}

/** One line of `npm run cli -- import results --file …` for a generated listing, owned by one of
 * the benches' `基准机构<n>` organizations (both benches import through the CLI, as an operator does). */
export function cliImportLine(r: BenchListing, orgCount: number): string {
  return JSON.stringify({
    organizationName: `基准机构${r.orgIndex % orgCount}`,
    title: r.title,
    summary: r.summary,
    keywords: r.keywords,
    field: r.field,
    maturity: r.maturity,
    transferModes: r.transferModes,
    ...(r.priceFen === null ? {} : { priceFen: r.priceFen }),
  });
}

const enc = encodeURIComponent;
/** bench:search's typical mix (its first seven classes, 21 queries) as list API query strings. */
export const CACHED_MIX = [
  ...["钨", "磁", "锂", "电机", "涂层", "电池", "硬质合金", "磷酸铁锂", "生态修复"].map((q) => "q=" + enc(q)),
  "q=BMS",
  "q=pcb",
  "q=NdFeB",
  ...["钕铁硼 矫顽力", "硬质合金 涂层", "动力电池 回收"].map((q) => "q=" + enc(q)),
  "q=" + enc("涂层") + "&field=tungsten&field=new_materials&priceMaxFen=200000000",
  "q=" + enc("电池") + "&regionCode=360700&orgKind=university",
  "q=" + enc("电机") + "&transferMode=license&maturity=pilot&maturity=industrial",
  "q=" + enc("电机") + "&sort=price_asc",
  "q=" + enc("电池") + "&sort=newest",
  "q=" + enc("涂层") + "&sort=price_desc",
];
