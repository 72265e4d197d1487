// The embedded engine's query side: a user's text → terms, thesaurus alternatives and tsquery
// texts (prepareQuery), and how common each term is, from PostgreSQL's own statistics of the
// index (loadLexemeStats, termFrequency, estimateHits) — used to skip expanding common terms and
// to choose a plan (pg-plan.server.ts).
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { isHanTerm, queryTerms, termTsquery } from "./normalize.ts";
import { searchQuery } from "./pool.server.ts";
import { thesaurus } from "./thesaurus.ts";

export type QueryForm = { form: string; group: number; weight: number; tsq: string };
export type PreparedQuery = {
  terms: string[];
  forms: QueryForm[];
  exactTsq: string;
  /** null when no term has thesaurus alternatives */
  expandedTsq: string | null;
  highlightTerms: string[];
};

/** A form may hold several words ("candidatus liberibacter", "wc-co"): all of them are required. */
function formTsquery(form: string): string | null {
  const parts = queryTerms(form);
  if (!parts.length) return null;
  return parts.length === 1 ? termTsquery(parts[0]!) : `(${parts.map(termTsquery).join(" & ")})`;
}

let jieba: Jieba | undefined;
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // keep the domain's words whole (钕铁硼, 矫顽力, 黄龙病 …)
    const words = thesaurus().dictionaryWords();
    jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join("\n")));
  }
  return jieba;
}

/**
 * Query terms → groups of alternative forms (the term itself, weight 1, then its thesaurus
 * alternatives). `segment` splits long Han terms into words first (used when the exact query
 * finds nothing: "橙子树叶子发黄怎么办" → 橙子树 / 叶子发黄 …).
 */
export function prepareQuery(
  q: string,
  opts: { expand?: boolean; segment?: boolean; frequency?: (term: string) => number } = {},
): PreparedQuery | null {
  let terms = queryTerms(q);
  if (opts.segment) {
    const words: string[] = [];
    for (const t of terms) {
      if (isHanTerm(t) && t.length >= 4) {
        for (const w of segmenter().cut(t, false)) if (w.length >= 2 && !STOP_WORDS.has(w)) words.push(w);
      } else words.push(t);
    }
    terms = [...new Set(words)].slice(0, 12);
  }
  if (!terms.length) return null;
  const th = thesaurus();
  const forms: QueryForm[] = [];
  const groups: string[] = [];
  const exact: string[] = [];
  let expanded = false;
  terms.forEach((term, group) => {
    const tsq = termTsquery(term);
    exact.push(tsq);
    forms.push({ form: term, group, weight: 1, tsq });
    const alts = [tsq];
    // a term already found in many documents is specific enough: alternatives would only add
    // cost and noise (稀土 needs no 镧/铈/镨钕)
    const common = (opts.frequency?.(term) ?? 0) >= COMMON_TERM_FREQUENCY;
    if (opts.expand !== false && !common) {
      for (const e of th.expand(term, 10)) {
        const etsq = formTsquery(e.form);
        if (!etsq || alts.includes(etsq)) continue;
        alts.push(etsq);
        forms.push({ form: e.form, group, weight: e.weight, tsq: etsq });
        expanded = true;
      }
    }
    groups.push(alts.length === 1 ? alts[0]! : `(${alts.join(" | ")})`);
  });
  return {
    terms,
    forms,
    exactTsq: exact.join(" & "),
    expandedTsq: expanded ? groups.join(" & ") : null,
    highlightTerms: [...new Set(forms.map((f) => f.form))],
  };
}

/** A term in at least this share of the documents is not expanded with thesaurus alternatives. */
export const COMMON_TERM_FREQUENCY = 0.05;

export type LexemeStats = { at: number; freq: Map<string, number>; floor: number; documents: number };
let lexemeStats: LexemeStats | undefined;
let lexemeStatsLoading: Promise<void> | undefined;

/**
 * Share of documents holding each common lexeme, from PostgreSQL's own statistics of the tsv
 * column (pg_stats.most_common_elems, refreshed by ANALYZE/autovacuum), cached for 10 minutes.
 */
export async function loadLexemeStats(force = false): Promise<LexemeStats> {
  const fresh = lexemeStats && Date.now() - lexemeStats.at < 600_000;
  if (fresh && !force) return lexemeStats!;
  lexemeStatsLoading ??= (async () => {
    try {
      const { rows } = await searchQuery<{ elems: string[] | null; freqs: number[] | null; documents: number }>(
        `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs,
                (SELECT greatest(c.reltuples, 0)::float8 FROM pg_class c WHERE c.relname = 'SearchDocument') AS documents
         FROM (SELECT 1) one LEFT JOIN pg_stats s ON s.tablename = 'SearchDocument' AND s.attname = 'tsv'`,
      );
      const freq = new Map<string, number>();
      const elems = rows[0]?.elems ?? [];
      const freqs = rows[0]?.freqs ?? [];
      elems.forEach((e, i) => freq.set(e, freqs[i] ?? 0));
      // the element below the tracked ones is rarer than the rarest tracked
      const floor = freqs.length > elems.length ? (freqs[elems.length] ?? 0) : 0;
      lexemeStats = { at: Date.now(), freq, floor, documents: Number(rows[0]?.documents ?? 0) };
    } catch {
      lexemeStats = { at: Date.now(), freq: new Map(), floor: 0, documents: 0 };
    } finally {
      lexemeStatsLoading = undefined;
    }
  })();
  await lexemeStatsLoading;
  return lexemeStats!;
}

/** Estimated share of documents containing a query term (0 when unknown, i.e. not common). */
export function termFrequency(stats: LexemeStats, term: string): number {
  const chars = Array.from(term);
  if (!isHanTerm(term)) return stats.freq.get(term) ?? 0;
  if (chars.length === 1) {
    let sum = 0;
    for (const [lex, f] of stats.freq) if (lex.startsWith(term)) sum += f;
    return Math.min(1, sum);
  }
  let min = 1;
  for (let i = 0; i < chars.length - 1; i++) min = Math.min(min, stats.freq.get(chars[i]! + chars[i + 1]!) ?? 0);
  return min;
}

// Generic words that carry no topic in a query ("……的技术", "怎么办").
const STOP_WORDS = new Set([
  "怎么办",
  "怎么",
  "如何",
  "什么",
  "我们",
  "需要",
  "问题",
  "解决",
  "技术",
  "方法",
  "一种",
  "可以",
  "有没有",
  "哪里",
  "请问",
]);

/**
 * Hits a query is expected to have, from the lexeme statistics (a lower bound for prefixes and
 * unknown terms): enough to choose the "walk" plan directly for a very common term.
 */
export function estimateHits(stats: LexemeStats | undefined, prepared: PreparedQuery | null) {
  if (!stats || !prepared || !stats.documents) return 0;
  let share = 1;
  prepared.terms.forEach((_, g) => {
    const forms = prepared.forms.filter((f) => f.group === g);
    let sum = 0;
    for (const f of forms) {
      const parts = queryTerms(f.form);
      sum += parts.length ? Math.min(...parts.map((x) => termFrequency(stats, x))) : 0;
    }
    share = Math.min(share, Math.min(1, sum));
  });
  return share * stats.documents;
}
