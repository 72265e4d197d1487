// Text normalisation shared by indexing (mirrored in SQL by search_normalize() and
// search_lexemes() in prisma/migrations/20261128040000_search) and querying: NFKC folds full-width
// forms (ＮｄＦｅＢ → NdFeB, （ → (, ３ → 3) and compatibility characters; Latin is lower-cased so
// NdFeB, ndfeb and NDFEB are one term.

/** Han characters indexed as bigrams (same ranges as the SQL tokenizer). */
export const HAN_CLASS = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
/** Latin, digits and other alphabetic scripts indexed as words (same ranges as the SQL tokenizer). */
export const LATIN_CLASS = "a-z0-9\\u00e0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff";

const RUN = new RegExp(`[${HAN_CLASS}]+|[${LATIN_CLASS}]+`, "gu");
const HAN_START = new RegExp(`^[${HAN_CLASS}]`, "u");

export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function isHanTerm(term: string) {
  return HAN_START.test(term);
}

/**
 * Splits a user query into terms: whitespace and punctuation separate words; a run mixing Han
 * and Latin ("ndfeb磁体", "5g基站") is split by script. Anything else (emoji, symbols, SQL or
 * FTS operators) is dropped, so no input can reach the query syntax.
 */
export function queryTerms(q: string, maxTerms = 12, maxTermLength = 32): string[] {
  const norm = normalizeText(q.slice(0, 2_000));
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const m of norm.matchAll(RUN)) {
    const term = m[0].slice(0, maxTermLength);
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push(term);
    if (terms.length >= maxTerms) break;
  }
  return terms;
}

/** The index lexemes one term needs: bigrams (AND), a prefix for one Han character, a word prefix for Latin. */
export function termLexemes(term: string): { lexemes: string[]; prefix: boolean } {
  if (!isHanTerm(term)) return { lexemes: [term], prefix: true };
  const chars = Array.from(term);
  if (chars.length === 1) return { lexemes: [term], prefix: true };
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i]! + chars[i + 1]!);
  return { lexemes: [...grams], prefix: false };
}

/** tsquery text for one term; lexemes only hold Han/Latin letters and digits, so quoting is safe. */
export function termTsquery(term: string): string {
  const { lexemes, prefix } = termLexemes(term);
  const parts = lexemes.map((l) => `'${l}'${prefix ? ":*" : ""}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(" & ")})`;
}
