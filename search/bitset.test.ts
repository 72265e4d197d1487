// The index caches a rare form's hits as a slot list (compactFormSet); ORing and ANDing it into a
// search's sets must give exactly what the bitset would.
import { expect, test } from "vitest";
import { andForm, andInto, compactFormSet, orForm, orInto, popcount, tierSet } from "./bitset.ts";

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

function randomSet(words: number, density: number, next: () => number) {
  const set = new Uint32Array(words);
  for (let s = 0; s < words * 32; s++) if (next() < density) set[s >>> 5]! |= 1 << (s & 31);
  return set;
}

// at most half the bitset's size: 5 slots in 16 words are a list, 8 full words stay a bitset
test("a sparse set becomes its slots in order, a dense one stays a bitset", () => {
  const sparse = new Uint32Array(16);
  for (const s of [3, 31, 32, 200, 255]) sparse[s >>> 5]! |= 1 << (s & 31);
  expect(compactFormSet(sparse)).toEqual({ bits: null, slots: new Uint32Array([3, 31, 32, 200, 255]) });
  const dense = new Uint32Array(8).fill(0xffffffff);
  expect(compactFormSet(dense).bits).toEqual(dense);
  expect(compactFormSet(new Uint32Array(16))).toEqual({ bits: null, slots: new Uint32Array(0) });
});

test("OR and AND with a slot list equal OR and AND with the bitset", () => {
  const next = rng(7);
  for (const words of [1, 5, 97]) {
    for (const density of [0, 0.001, 0.01, 0.05, 0.3, 0.9]) {
      const form = randomSet(words, density, next);
      const compact = compactFormSet(form);
      for (let round = 0; round < 5; round++) {
        const base = randomSet(words, [0.02, 0.5, 1][round % 3]!, next);
        expect(orForm(base.slice(), compact)).toEqual(orInto(base.slice(), form));
        expect(andForm(base.slice(), compact)).toEqual(andInto(base.slice(), form));
      }
      expect(popcount(orForm(new Uint32Array(words), compact))).toBe(popcount(form));
    }
  }
});

test("tierSet: the hits in a tier minus the higher tiers, word by word", () => {
  let seed = 11;
  const word = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) ^ (seed << 7);
  const set = (n: number) => Uint32Array.from({ length: n }, () => word());
  for (let round = 0; round < 50; round++) {
    const hits = set(40);
    const tier = round % 3 ? set(40) : null;
    const higher = [set(40), round % 2 ? null : set(40), set(round % 4 ? 40 : 25)];
    const expected = Uint32Array.from(hits, (v, w) => {
      let bits = v & (tier ? tier[w]! : -1);
      for (const h of higher) if (h) bits &= ~(h[w] ?? 0);
      return bits;
    });
    expect(tierSet(hits, tier, higher, new Uint32Array(40).fill(0xffffffff))).toEqual(expected);
  }
});
