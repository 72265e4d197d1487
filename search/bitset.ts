// Bitsets over the in-process index's slots (search/memory-index.ts): a bit per listing, 32 to a
// word, so hits, tiers and filters are word-wise operations (docs/decisions/0026).

/** `set`, or a copy twice as long, so that it holds bit `slot`. */
export function grownTo(set: Uint32Array, slot: number): Uint32Array {
  if (slot >>> 5 < set.length) return set;
  let n = set.length;
  while (slot >>> 5 >= n) n *= 2;
  const grown = new Uint32Array(n);
  grown.set(set);
  return grown;
}

export function andInto(a: Uint32Array, b: Uint32Array) {
  for (let i = 0; i < a.length; i++) a[i]! &= b[i] ?? 0;
  return a;
}

export function orInto(a: Uint32Array, b: Uint32Array) {
  for (let i = 0; i < a.length; i++) a[i]! |= b[i] ?? 0;
  return a;
}

/**
 * A thesaurus form's or query term's hits as the index caches them: a bitset, or for a rare form
 * its slots in increasing order. Most forms a search box asks about are rare; as slot lists they
 * cost what their hits do to OR and AND into a search's sets (not a pass over every word), and
 * hundreds of them fit where one bitset did (docs/decisions/0026, fifth profile).
 */
export type FormSet = { bits: Uint32Array; slots: null } | { bits: null; slots: Uint32Array };

/** `set` as a FormSet (a copy): a slot list when that is at most half the bitset's size. */
export function compactFormSet(set: Uint32Array): FormSet {
  const n = popcount(set);
  if (2 * n > set.length) return { bits: set.slice(), slots: null };
  const slots = new Uint32Array(n);
  let i = 0;
  for (let w = 0; w < set.length; w++) {
    let bits = set[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      slots[i++] = (w << 5) + 31 - Math.clz32(low);
      bits ^= low;
    }
  }
  return { bits: null, slots };
}

export function formSetBytes(f: FormSet) {
  return (f.bits ?? f.slots).byteLength;
}

/** out |= f */
export function orForm(out: Uint32Array, f: FormSet) {
  if (f.bits) return orInto(out, f.bits);
  for (const s of f.slots) out[s >>> 5]! |= 1 << (s & 31);
  return out;
}

/** out &= f */
export function andForm(out: Uint32Array, f: FormSet) {
  if (f.bits) return andInto(out, f.bits);
  const slots = f.slots;
  let w = 0;
  for (let i = 0; i < slots.length;) {
    const sw = slots[i]! >>> 5;
    if (sw >= out.length) break;
    out.fill(0, w, sw);
    let mask = 0;
    for (; i < slots.length && slots[i]! >>> 5 === sw; i++) mask |= 1 << (slots[i]! & 31);
    out[sw]! &= mask;
    w = sw + 1;
  }
  out.fill(0, w);
  return out;
}

export function hasBit(set: Uint32Array, slot: number) {
  return (set[slot >>> 5]! & (1 << (slot & 31))) !== 0;
}

export function popcount(set: Uint32Array) {
  let n = 0;
  for (let v of set) {
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** The hits of one tier, as a new bitset: `hits` ∩ `tier` minus the higher tiers' sets. */
export function tierSet(
  hits: Uint32Array,
  tier: Uint32Array | null,
  higher: Array<Uint32Array | null>,
  out: Uint32Array = new Uint32Array(hits.length),
) {
  // one tight pass per set rather than a loop over `higher` inside the pass over the words: the
  // same bits, at about half the cost (a common term's tiers, 0026 "Ninth")
  const n = out.length;
  if (tier) for (let w = 0; w < n; w++) out[w] = hits[w]! & (tier[w] ?? 0);
  else for (let w = 0; w < n; w++) out[w] = hits[w] ?? 0;
  for (const h of higher) {
    if (!h) continue;
    const m = Math.min(n, h.length);
    for (let w = 0; w < m; w++) out[w] = out[w]! & ~h[w]!;
  }
  return out;
}

export function forEachBit(set: Uint32Array, fn: (slot: number) => void) {
  for (let w = 0; w < set.length; w++) {
    let bits = set[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      fn((w << 5) + 31 - Math.clz32(low));
      bits ^= low;
    }
  }
}

/**
 * The working bitsets of one search, reused by the next: a search takes a dozen or more sets of
 * words() words (hits, tiers, filter masks, a term's second bigram), and at 100,000 listings
 * allocating them fresh (12.5 KB each, off the V8 heap) made the collector a tenth of the stream's
 * CPU. A search is synchronous, so one arena per index serves every search of the process.
 */
export class Scratch {
  private free: Uint32Array[] = [];
  private used: Uint32Array[] = [];
  constructor(readonly words: number) {}

  /** A zeroed set of `words` words, valid until release(). */
  take(): Uint32Array {
    const set = this.free.pop();
    const out = set ? set.fill(0) : new Uint32Array(this.words);
    this.used.push(out);
    return out;
  }

  release() {
    for (const set of this.used) this.free.push(set);
    this.used = [];
    // a search that needed many (a long query) does not keep them all
    if (this.free.length > 64) this.free.length = 64;
  }
}
