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

// Per UTF-16 unit of the BMP: 0 while not yet known, else 1 + the unit normalizeChar() turns it
// into, or MISALIGNED when it becomes several units (256 KB, filled as characters are met)
const UNIT_NORM = new Uint32Array(0x10000);
const MISALIGNED = 0x20000;
function unitNorm(code: number): number {
  let v = UNIT_NORM[code]!;
  if (v === 0) {
    const ch = String.fromCharCode(code);
    const n = normalizeChar(ch);
    v = n === ch ? code + 1 : n.length === 1 ? n.charCodeAt(0) + 1 : MISALIGNED;
    UNIT_NORM[code] = v;
  }
  return v;
}

/**
 * The normalised text when its offsets are the original's (every character normalises to one
 * UTF-16 unit, or stays as it is), else null. The usual listing text: ideographs, ASCII and
 * full-width punctuation (，→ ,). One pass over the code units, copying the runs that stay as
 * they are: highlighting the page's listings is a tenth of an uncached list request's CPU, and a
 * regular expression calling back for every punctuation mark cost twice this (0026, "Ninth").
 * Code points outside the BMP stay aligned only when they normalise to themselves.
 */
function alignedNorm(text: string): string | null {
  let out = "";
  let from = 0; // text[from, i) is copied as it is
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code < 0x41 || code > 0x5a) continue;
      out += text.slice(from, i) + String.fromCharCode(code + 0x20);
      from = i + 1;
      continue;
    }
    if (code >= 0x4e00 && code <= 0x9fff) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const ch = text.slice(i, i + 2);
        if (cachedNormalizeChar(ch) !== ch) return null;
        i++;
        continue;
      }
    }
    const v = unitNorm(code);
    if (v === MISALIGNED) return null;
    if (v !== code + 1) {
      out += text.slice(from, i) + String.fromCharCode(v - 1);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
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

/** Where the first match of `terms` starts in an aligned normalised text (0 without one). */
function firstMatch(aligned: string, terms: string[]): number {
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
  return marked(text, matchRanges(text, terms));
}

function marked(text: string, ranges: Array<[number, number]>): string {
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
  // normalised once: the first match, and the window's matches (a window of an aligned text is
  // aligned, and normalises to its slice: the window never splits a surrogate pair)
  const aligned = terms.length ? alignedNorm(clean) : "";
  const first = aligned === null ? (matchRanges(clean, terms)[0]?.[0] ?? 0) : firstMatch(aligned, terms);
  let start = Math.max(0, first - Math.floor(length / 4));
  // don't split a surrogate pair
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start] ?? "")) start--;
  let end = Math.min(clean.length, start + length);
  if (end < clean.length && /[\uDC00-\uDFFF]/.test(clean[end] ?? "")) end++;
  const body = clean.slice(start, end);
  const ranges =
    aligned === null ? matchRanges(body, terms) : merge(findAll(aligned.slice(start, end), terms, (a, b) => [a, b]));
  return (start > 0 ? "…" : "") + marked(body, ranges) + (end < clean.length ? "…" : "");
}
