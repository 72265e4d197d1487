// Highlighting: everything is HTML-escaped, and only matched terms are wrapped in <mark>…</mark>.
// The UI renders these strings as HTML, so this module is the only place escaping happens.
import { normalizeText } from "./normalize.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Character ranges of `text` matched by any of the (normalised) terms. Matching runs on the
 * NFKC/lower-cased form, mapped back to the original characters so full-width text is marked too.
 */
export function matchRanges(text: string, terms: string[]): Array<[number, number]> {
  if (!text || terms.length === 0) return [];
  const aligned = alignedNorm(text);
  if (aligned !== null) return merge(findAll(aligned, terms, (at, end) => [at, end]));
  // normalise character by character so offsets map back to the original string
  const starts: number[] = [];
  let norm = "";
  let offset = 0;
  for (const ch of text) {
    const n = normalizeChar(ch);
    for (let i = 0; i < n.length; i++) starts.push(offset);
    norm += n;
    offset += ch.length;
  }
  starts.push(offset);
  return merge(
    findAll(norm, terms, (at, endNorm) => {
      // end = start of the next original character after the last matched normalised one
      let end = starts[endNorm] ?? offset;
      if (end === starts[endNorm - 1]) end = nextStart(starts, endNorm - 1, offset);
      return [starts[at]!, end];
    }),
  );
}

function findAll(norm: string, terms: string[], range: (at: number, end: number) => [number, number]) {
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    let from = 0;
    for (;;) {
      const at = norm.indexOf(term, from);
      if (at < 0) break;
      ranges.push(range(at, at + term.length));
      from = at + Math.max(1, term.length);
    }
  }
  return ranges;
}

function merge(ranges: Array<[number, number]>) {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

// the characters normalizeChar() may change: A–Z and everything outside ASCII and U+4E00–U+9FFF
// eslint-disable-next-line no-control-regex -- ASCII is a range here, control characters included
const MAY_CHANGE = /[A-Z]|[^\x00-\x7f\u4e00-\u9fff]/gu;

/**
 * The normalised text when its offsets are the original's (every character normalises to one
 * UTF-16 unit, or stays as it is), else null. The usual listing text: ideographs, ASCII and
 * full-width punctuation (，→ ,), found in one native pass instead of a string and an offset per
 * character — highlighting the page's listings was a tenth of an uncached search's CPU.
 */
function alignedNorm(text: string): string | null {
  let aligned = true;
  const norm = text.replace(MAY_CHANGE, (ch) => {
    const n = cachedNormalizeChar(ch);
    if (n !== ch && (n.length !== 1 || ch.length !== 1)) aligned = false;
    return n;
  });
  return aligned ? norm : null;
}

/**
 * normalizeText() of one character, without calling it for the characters it never changes:
 * ASCII other than A–Z and the CJK Unified Ideographs, most of any text here (a listing's body
 * is highlighted on every search; normalising each character was most of a request's own CPU).
 */
function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : ch;
  if (code >= 0x4e00 && code <= 0x9fff) return ch;
  return normalizeText(ch);
}

// a listing's text repeats a few dozen such characters (full-width punctuation, Latin capitals):
// each is normalised once per process, not at every occurrence
const CHAR_CACHE_MAX = 4096;
const charCache = new Map<string, string>();
function cachedNormalizeChar(ch: string): string {
  let n = charCache.get(ch);
  if (n === undefined) {
    n = normalizeChar(ch);
    if (charCache.size < CHAR_CACHE_MAX) charCache.set(ch, n);
  }
  return n;
}

/**
 * Where the first match starts (matchRanges(text, terms)[0][0], 0 without one) without finding
 * every occurrence of every term in a listing's whole body: the snippet needs only the first.
 */
function firstMatch(text: string, terms: string[]): number {
  const aligned = alignedNorm(text);
  if (aligned === null) return matchRanges(text, terms)[0]?.[0] ?? 0;
  let first = -1;
  for (const term of terms) {
    if (!term) continue;
    const at = aligned.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first < 0 ? 0 : first;
}

function nextStart(starts: number[], i: number, total: number) {
  const s = starts[i]!;
  for (let j = i + 1; j < starts.length; j++) if (starts[j]! > s) return starts[j]!;
  return total;
}

/** Escaped text with <mark> around matches. */
export function highlightText(text: string, terms: string[]): string {
  const ranges = matchRanges(text, terms);
  let out = "";
  let pos = 0;
  for (const [a, b] of ranges) {
    out += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
    pos = b;
  }
  return out + escapeHtml(text.slice(pos));
}

/** A listing's highlights: its title marked, and a snippet of its text around the first match. */
export function highlightListing(title: string, body: string, terms: string[]) {
  return { title: highlightText(title, terms), snippet: snippet(body, terms) };
}

/**
 * A window of about `length` characters around the first match (or the start of the text),
 * escaped and highlighted, with an ellipsis where it was cut.
 */
export function snippet(text: string, terms: string[], length = 120): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= length) return highlightText(clean, terms);
  const first = firstMatch(clean, terms);
  let start = Math.max(0, first - Math.floor(length / 4));
  // don't split a surrogate pair
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start] ?? "")) start--;
  let end = Math.min(clean.length, start + length);
  if (end < clean.length && /[\uDC00-\uDFFF]/.test(clean[end] ?? "")) end++;
  const body = clean.slice(start, end);
  return (start > 0 ? "…" : "") + highlightText(body, terms) + (end < clean.length ? "…" : "");
}
