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
  for (let w = 0; w < out.length; w++) {
    let v = hits[w]! & (tier ? (tier[w] ?? 0) : -1);
    for (const h of higher) if (h) v &= ~(h[w] ?? 0);
    out[w] = v;
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
