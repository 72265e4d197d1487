// Text normalisation shared by indexing (mirrored in SQL by search_normalize()) and querying:
// NFKC folds full-width forms (ＮｄＦｅＢ → NdFeB, （ → (, ３ → 3) and compatibility characters;
// Latin is lower-cased so NdFeB, ndfeb and NDFEB are one term.

export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string) {
  return HAN.test(ch);
}

/** Splits a user query into terms: whitespace separates words; punctuation and symbols are dropped. */
export function queryTerms(q: string, maxTerms = 12, maxTermLength = 40): string[] {
  const norm = normalizeText(q.slice(0, 2_000));
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const raw of norm.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    // a run mixing Han and Latin/digits ("ndfeb磁体", "5g基站") is split into script runs
    for (const part of raw.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
      const term = part.slice(0, maxTermLength);
      if (!term || seen.has(term)) continue;
      seen.add(term);
      terms.push(term);
      if (terms.length >= maxTerms) return terms;
    }
  }
  return terms;
}
