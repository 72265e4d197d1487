// Profiles and scores of two-way matching (the whole method: matching.server.ts): a listing's
// words and thesaurus concepts weighted by where they occur, and the score of one listing for
// another with the reasons written from what they share.
import { idf as idfDict } from "@node-rs/jieba/dict";
import { FIELD_NAMES, type Field } from "../app/domain/catalog.ts";
import { isHanTerm, normalizeText, queryTerms } from "./normalize.ts";
import { segmenter } from "./pg-engine.server.ts";
import { thesaurus } from "./thesaurus.ts";

// ---------------------------------------------------------------- profiles

const PART_WEIGHT = { title: 3, keywords: 3, indicators: 1.5, body: 1 } as const;
type PartName = keyof typeof PART_WEIGHT;

const STOP = new Set(
  "技术 研究 提高 提供 采用 进行 实现 通过 应用 开发 系统 方法 问题 需要 我们 公司 企业 产品 生产 目前 希望 能够 可以 一种 以上 以下 具有 相关 要求 主要 基于 及其 其中 以及 对于 由于 因此 项目 成果 需求 解决 合作 单位 团队 情况 方面 现有 现在 已经 经过 完成 工作 利用 使用 效果 明显 显著 达到 提升 降低 减少 增加 国内 领先 水平 行业 市场 推广 有限公司 我司 本公司 本项目 本成果 本技术 万元 左右 怎么 如何 什么 怎么办 希望 寻求 寻找 征集 面向 针对 重点 关键 核心 新型 一体化 高效 低成本 一个 这个 那个 还有 不能 不够 问题 较低 较高 太高 太低 严重 经常 每年 每天 今年 没有 出现 导致 造成 影响".split(
    /\s+/,
  ),
);

let idfMap: Map<string, number> | undefined;
/** General-language inverse document frequency (jieba's table): 技术 4.7, 钕铁硼 12.8. */
function idfOf(word: string): number {
  if (!idfMap) {
    idfMap = new Map();
    for (const line of Buffer.from(idfDict).toString("utf8").split("\n")) {
      const sp = line.lastIndexOf(" ");
      if (sp > 0) idfMap.set(line.slice(0, sp).toLowerCase(), Number(line.slice(sp + 1)));
    }
  }
  return idfMap.get(word) ?? 11; // unknown compound: specific
}

export type Profile = {
  field: string;
  /** normalised word → weight and the form shown in reasons */
  words: Map<string, { weight: number; display: string }>;
  /** concept id → weight and the (normalised) forms it was found by */
  concepts: Map<string, { weight: number; forms: Set<string> }>;
  text: { head: string; all: string };
  /** bigrams of text.all, computed once */
  grams?: Set<string>;
};

export type ListingText = {
  title: string;
  keywords: string[] | string;
  body: string;
  indicators?: string;
  field: string;
};

function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cut(text.normalize("NFKC"), true)) {
    const w = raw.trim();
    if (!w) continue;
    const lower = w.toLowerCase();
    if (isHanTerm(lower)) {
      if (Array.from(lower).length < 2 || STOP.has(lower)) continue;
    } else if (!/^[a-z][a-z0-9-]+$/i.test(w) && !/^[a-z0-9]*[a-z][a-z0-9]*$/i.test(w)) continue;
    else if (lower.length < 2) continue;
    out.push(w);
  }
  return out;
}

/** Words and concepts of a listing, weighted by where they occur. */
export function buildProfile(listing: ListingText, frequency: (term: string) => number = () => 0): Profile {
  const th = thesaurus();
  const parts: Array<[PartName, string]> = [
    ["title", listing.title],
    ["keywords", Array.isArray(listing.keywords) ? listing.keywords.join("，") : listing.keywords],
    ["body", listing.body],
    ["indicators", listing.indicators ?? ""],
  ];
  const words = new Map<string, { weight: number; display: string; tf: number }>();
  const concepts = new Map<string, { weight: number; forms: Set<string> }>();
  for (const [name, text] of parts) {
    if (!text) continue;
    const pw = PART_WEIGHT[name];
    for (const w of wordsOf(text)) {
      const key = normalizeText(w);
      const prev = words.get(key);
      const base = pw * (Math.min(idfOf(key), 13) / 13);
      if (prev) {
        prev.tf += 1;
        prev.weight = Math.max(prev.weight, base) + 0.15 * Math.min(prev.tf, 4);
      } else words.set(key, { weight: base, display: w, tf: 1 });
    }
    for (const { form, count, hits } of th.findForms(normalizeText(text))) {
      for (const hit of hits) {
        const w = pw * (hit.kind === "term" ? 1 : 0.85) * (1 + 0.15 * Math.min(count - 1, 3));
        const c = concepts.get(hit.conceptId) ?? { weight: 0, forms: new Set<string>() };
        c.weight = Math.max(c.weight, w);
        c.forms.add(form);
        concepts.set(hit.conceptId, c);
      }
    }
  }
  // words common in this market say little (稀土 in a third of the listings)
  for (const [key, v] of words) v.weight /= 1 + 12 * frequency(key);
  for (const [, c] of concepts) {
    const f = Math.min(...[...c.forms].map((x) => frequency(x)));
    c.weight /= 1 + 6 * (Number.isFinite(f) ? f : 0);
  }
  const kw = Array.isArray(listing.keywords) ? listing.keywords.join(" ") : listing.keywords;
  const head = normalizeText(`${listing.title} ${kw}`);
  const all = normalizeText(`${head}\n${listing.body}\n${listing.indicators ?? ""}`);
  return {
    grams: gramsOf(all),
    field: listing.field,
    words: new Map([...words].map(([k, v]) => [k, { weight: v.weight, display: v.display }])),
    concepts,
    text: { head, all },
  };
}

// ---------------------------------------------------------------- scoring

type Related = { from: string; to: string; relation: "related" | "broader" | "narrower" };

/** Concepts of `b` connected to a concept of `a` (related, broader or narrower), not shared. */
function relatedConcepts(a: Profile, b: Profile): Related[] {
  const th = thesaurus();
  const out: Related[] = [];
  for (const id of a.concepts.keys()) {
    const c = th.concepts.get(id);
    if (!c) continue;
    const links: Array<[string, Related["relation"]]> = [
      ...c.related.map((x) => [x, "related"] as [string, Related["relation"]]),
      ...c.broader.map((x) => [x, "broader"] as [string, Related["relation"]]),
      ...c.narrower.map((x) => [x, "narrower"] as [string, Related["relation"]]),
    ];
    for (const [other, relation] of links) {
      if (b.concepts.has(other) && !a.concepts.has(other)) out.push({ from: id, to: other, relation });
    }
  }
  return out;
}

function fieldName(code: string) {
  return FIELD_NAMES[code as Field]?.zh ?? code;
}

/** Score (0..1) of `target` for `source`, with reasons. */
export function scoreMatch(source: Profile, target: Profile): { score: number; raw: number; reasons: string[] } {
  const th = thesaurus();
  let raw = 0;
  let self = 0;
  // shared words
  const shared: Array<{ key: string; display: string; gain: number }> = [];
  const conceptForms = new Set<string>();
  for (const c of source.concepts.values()) for (const f of c.forms) conceptForms.add(f);
  for (const [key, w] of source.words) {
    self += w.weight * 1.5;
    const inHead = target.text.head.includes(key);
    if (!inHead && !target.text.all.includes(key)) continue;
    // a word that is also a concept form is counted once, as a concept
    const gain = w.weight * (inHead ? 1.5 : 1) * (conceptForms.has(key) ? 0.5 : 1);
    raw += gain;
    shared.push({ key, display: w.display, gain });
  }
  // shared concepts
  const sharedConcepts: Array<{ id: string; gain: number; from: string; to: string }> = [];
  for (const [id, c] of source.concepts) {
    self += c.weight * 1.5;
    const t = target.concepts.get(id);
    if (!t) continue;
    const same = [...c.forms].some((f) => t.forms.has(f));
    const gain = c.weight * 1.5 * (same ? 0.7 : 1);
    raw += gain;
    // show the bridge when there is one: a source word the target does not use → a target word
    const from = [...c.forms].find((f) => !t.forms.has(f));
    const to = [...t.forms].find((f) => !c.forms.has(f));
    sharedConcepts.push({ id, gain, from: from && to ? from : "", to: from && to ? to : "" });
  }
  // a modifier concept (卖不上价 → 高值化: what the company wants done, in any industry) counts
  // only beside a subject the target shares too — a shared concept or word of its own; alone it
  // would pull up every listing about adding value, whatever the product
  const modifierForms = new Set<string>();
  for (const [id, c] of source.concepts)
    if (th.concepts.get(id)?.modifier) for (const f of c.forms) modifierForms.add(f);
  if (modifierForms.size) {
    const anchored =
      sharedConcepts.some((sc) => !th.concepts.get(sc.id)?.modifier) || shared.some((w) => !modifierForms.has(w.key));
    if (!anchored) {
      for (let i = sharedConcepts.length - 1; i >= 0; i--) {
        const sc = sharedConcepts[i]!;
        if (!th.concepts.get(sc.id)?.modifier) continue;
        raw -= sc.gain;
        sharedConcepts.splice(i, 1);
      }
      for (let i = shared.length - 1; i >= 0; i--) {
        if (!modifierForms.has(shared[i]!.key)) continue;
        raw -= shared[i]!.gain;
        shared.splice(i, 1);
      }
      raw = Math.max(0, raw);
    }
  }
  // related concepts (symptom ↔ cause, narrower ↔ broader)
  // each target concept counts once, through its strongest link; all together at most half of
  // the strongest source concept (a neighbour is a hint, not a match)
  const related = relatedConcepts(source, target);
  const relatedGain = new Map<string, number>();
  const bestPerTarget = new Map<string, number>();
  let maxConcept = 0;
  for (const c of source.concepts.values()) maxConcept = Math.max(maxConcept, c.weight);
  for (const r of related) {
    // a concept the target already shares earns its match above; its neighbours in the same
    // target add a little (no double count of one piece of evidence)
    const direct = target.concepts.has(r.from) ? 0.25 : 1;
    const gain = (source.concepts.get(r.from)?.weight ?? 0) * (r.relation === "related" ? 0.4 : 0.25) * direct;
    relatedGain.set(`${r.from}>${r.to}`, gain);
    bestPerTarget.set(r.to, Math.max(bestPerTarget.get(r.to) ?? 0, gain));
  }
  raw += Math.min(
    0.5 * maxConcept,
    [...bestPerTarget.values()].reduce((a, b) => a + b, 0),
  );
  // plain lexical overlap of the whole texts (character bigrams): catches what segmentation
  // splits differently (孔铜 / 孔 铜) without any vocabulary
  const overlap = diceOfGrams(source.grams ?? gramsOf(source.text.all), target.grams ?? gramsOf(target.text.all));
  // same field, only on top of something shared
  const sameField = source.field === target.field && source.field !== "other";
  self += 0.8;
  if (sameField && raw > 0) raw += 0.8;

  raw += LEXICAL_WEIGHT * overlap * self;
  const score = self > 0 ? 1 - Math.exp((-2.5 * raw) / self) : 0;
  const reasons: string[] = [];
  const topWords = shared
    .sort((a, b) => b.gain - a.gain)
    .slice(0, 5)
    .map((s) => s.display);
  if (topWords.length) reasons.push(`共同关键词：${topWords.join("、")}`);
  for (const sc of sharedConcepts.sort((a, b) => b.gain - a.gain).slice(0, 3)) {
    const c = th.concepts.get(sc.id)!;
    const from = th.display(sc.id, sc.from);
    const to = th.display(sc.id, sc.to);
    reasons.push(sc.from === sc.to ? `概念：${c.label}` : `概念：${c.label}（${from} → ${to}）`);
  }
  const umbrella = (id: string) =>
    (th.concepts.get(id)?.broader.length ?? 1) === 0 && (th.concepts.get(id)?.narrower.length ?? 0) >= 3;
  const shown = related
    .filter((r) => !(r.relation === "broader" && umbrella(r.to)))
    .sort((a, b) => (relatedGain.get(`${b.from}>${b.to}`) ?? 0) - (relatedGain.get(`${a.from}>${a.to}`) ?? 0));
  const seenTargets = new Set<string>();
  for (const r of shown) {
    if (seenTargets.has(r.to) || seenTargets.size >= 2) continue;
    seenTargets.add(r.to);
    const a = th.concepts.get(r.from)!;
    const b = th.concepts.get(r.to)!;
    reasons.push(
      r.relation === "related"
        ? `相关概念：${a.label} ↔ ${b.label}`
        : r.relation === "broader"
          ? `上位概念：${a.label} → ${b.label}`
          : `下位概念：${a.label} → ${b.label}`,
    );
  }
  // a neighbour concept is worth saying only when little is shared directly; at most 5 reasons
  if (sharedConcepts.length >= 2)
    for (let i = reasons.length - 1; i >= 0; i--)
      if (
        reasons[i]!.startsWith("相关概念") ||
        reasons[i]!.startsWith("上位概念") ||
        reasons[i]!.startsWith("下位概念")
      )
        reasons.splice(i, 1);
  reasons.splice(sameField && raw > 0 ? 4 : 5);
  if (sameField && raw > 0) reasons.push(`同一领域：${fieldName(source.field)}`);
  return { score: Math.round(score * 1000) / 1000, raw, reasons };
}

/** Weight of the whole-text bigram overlap, relative to everything the source could share. */
const LEXICAL_WEIGHT = 1.0;

/** Han bigrams and Latin words of a normalised text. */
export function gramsOf(text: string): Set<string> {
  const set = new Set<string>();
  for (const term of queryTerms(text, 100_000, 100_000)) {
    const chars = Array.from(term);
    if (!isHanTerm(term) || chars.length === 1) set.add(term);
    else for (let i = 0; i < chars.length - 1; i++) set.add(chars[i]! + chars[i + 1]!);
  }
  return set;
}

function diceOfGrams(a: Set<string>, b: Set<string>) {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return (2 * inter) / (a.size + b.size);
}

/** A candidate's profile from its stored text: concepts only (its words are scored in SQL). */
export function buildTargetProfile(c: { field: string; title: string; keywords: string; body: string }): Profile {
  const th = thesaurus();
  const concepts = new Map<string, { weight: number; forms: Set<string> }>();
  for (const text of [c.title, c.keywords, c.body]) {
    for (const { form, hits } of th.findForms(text)) {
      for (const hit of hits) {
        const e = concepts.get(hit.conceptId) ?? { weight: 1, forms: new Set<string>() };
        e.forms.add(form);
        concepts.set(hit.conceptId, e);
      }
    }
  }
  const head = `${c.title} ${c.keywords}`;
  return { field: c.field, words: new Map(), concepts, text: { head, all: `${head}\n${c.body}` } };
}

/**
 * The plain character-bigram baseline used by the matching benchmark: Dice overlap of the two
 * texts' Han bigrams and Latin words, no thesaurus, no weights.
 */
export function bigramBaselineScore(a: string, b: string): number {
  return diceOfGrams(gramsOf(normalizeText(a)), gramsOf(normalizeText(b)));
}
