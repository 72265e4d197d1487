// The index's sort orders are made at the build and then kept in step with changes by merging the
// changed listings in (search/memory-order.ts): after any sequence of changes they must equal the
// orders sorted from scratch, ties, missing prices and missing dates included.
import { expect, test } from "vitest";
import { MemoryIndex, type MemoryDoc } from "./memory-index.ts";
import { comparator, SORT_KEYS } from "./memory-order.ts";

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

function doc(id: string, next: () => number): MemoryDoc {
  // few distinct values, so that ties fall through to the later keys
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  return {
    id,
    organizationId: "org",
    field: "tungsten",
    maturity: null,
    regionCode: "360702",
    orgKind: "university",
    modes: [],
    priceFen: pick([null, 100, 200, 300, 300_000]),
    publishedAt: pick([null, 1_000, 2_000, 3_000]),
    createdAt: pick([10, 20, 30]),
    title: "",
    keywords: "",
    body: "",
    head: [],
    tsv: [],
  };
}

/** The live slots sorted from scratch. */
function expected(ix: MemoryIndex, key: (typeof SORT_KEYS)[number]) {
  const live: number[] = [];
  for (let s = 0; s < ix.slots; s++) if (ix.alive[s]) live.push(s);
  return live.sort(comparator(ix, key));
}

test("orders kept in step through adds, changes and removals equal orders sorted again", () => {
  const next = rng(11);
  const ix = new MemoryIndex();
  for (let i = 0; i < 300; i++) ix.add(doc(`r${String(i).padStart(4, "0")}`, next));
  ix.freeze();
  let ids = 300;
  for (let round = 0; round < 40; round++) {
    // a batch of changes between two searches, as a change check applies them
    const changes = Math.floor(next() * 12);
    for (let c = 0; c < changes; c++) {
      const r = next();
      const id = `r${String(Math.floor(next() * ids)).padStart(4, "0")}`;
      if (r < 0.4) ix.add(doc(id, next));
      else if (r < 0.6) ix.remove(id);
      else ix.add(doc(`r${String(ids++).padStart(4, "0")}`, next));
    }
    for (const key of SORT_KEYS) {
      const want = expected(ix, key);
      expect([...ix.order(key)], `${key}, round ${round}`).toEqual(want);
      const rank = ix.rank(key);
      want.forEach((s, r) => expect(rank[s]).toBe(r));
    }
  }
});

test("a listing changed twice before the next search appears once, at its last values", () => {
  const next = rng(3);
  const ix = new MemoryIndex();
  for (let i = 0; i < 50; i++) ix.add(doc(`r${i}`, next));
  ix.freeze();
  ix.add({ ...doc("r7", next), priceFen: 1 });
  ix.add({ ...doc("r7", next), priceFen: 999_999_999 });
  const order = [...ix.order("price_asc")];
  expect(order.filter((s) => ix.ids[s] === "r7")).toHaveLength(1);
  expect(order).toEqual(expected(ix, "price_asc"));
  expect(ix.price[order.find((s) => ix.ids[s] === "r7")!]).toBe(999_999_999);
});
