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

const HAN_RUN = new RegExp(`[${HAN_CLASS}]+`, "g");
const LATIN_RUN = new RegExp(`[${LATIN_CLASS}]+`, "g");
// Characters outside the Basic Multilingual Plane: NFKC tables newer than PostgreSQL's could fold
// them differently (e.g. characters added in Unicode 15).
const ASTRAL = /[\ud800-\udfff]/;

/**
 * A text exactly as SQL's search_normalize() folds it (NFKC, then lower case) for the search rows
 * ("SearchText"), or null when V8 and PostgreSQL could fold it differently (as for indexLexemes).
 * Bulk imports pass it to search_index_results/needs: normalising 100,000 listings in SQL cost
 * ~20 s of the database's CPU on a loaded machine, here a fraction of a second.
 */
export function indexText(text: string): string | null {
  if (ASTRAL.test(text)) return null;
  const folded = text.normalize("NFKC");
  const lower = folded.toLowerCase();
  // only ASCII letters may change case (both sides agree on those)
  if (lower !== folded.replace(/[A-Z]+/g, (m) => m.toLowerCase())) return null;
  return lower;
}

/**
 * The index lexemes of a text exactly as SQL's search_lexemes() computes them (every Han bigram
 * plus the last character of each Han run, and Latin/digit words, after NFKC and lower-casing),
 * computed here so that bulk imports do not spend a regular-expression pass per document in the
 * database. Returns null when V8 and PostgreSQL could fold the text differently — lower() of a
 * non-ASCII letter depends on the database's locale, and characters outside the BMP on Unicode
 * versions — and those texts are left to SQL. tests/unit/search-lexemes.test.ts compares both.
 */
export function indexLexemes(text: string): string[] | null {
  const lower = indexText(text);
  return lower === null ? null : lexemesOfIndexText(lower);
}

/** indexLexemes of a text already folded by indexText (a caller that keeps the folded text too folds it once). */
export function lexemesOfIndexText(lower: string): string[] {
  const out: string[] = [];
  for (const m of lower.matchAll(HAN_RUN)) {
    const run = m[0];
    for (let i = 0; i < run.length - 1; i++) out.push(run[i]! + run[i + 1]!);
    out.push(run[run.length - 1]!);
  }
  for (const m of lower.matchAll(LATIN_RUN)) out.push(m[0]);
  return out;
}
