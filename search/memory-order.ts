// The in-process index's sort orders (search/memory-index.ts): its live slots by recency and by
// price, with each slot's position (docs/decisions/0026, sixth profile). Made once, when the index
// is built, and kept in step with its changes: a changed listing's new slot is put in place by a
// binary search and the dead slots are dropped in one copy, instead of sorting every listing again.
// Sorting 100,000 slots with these comparators takes tens of milliseconds, which the first search
// of each sort paid in every worker, and the next one after any change to any listing.

export type SortKey = "recency" | "price_asc" | "price_desc";
export const SORT_KEYS: SortKey[] = ["recency", "price_asc", "price_desc"];

/** The slots in sorted order, and each slot's position in it (dead slots: meaningless). */
export type Order = { slots: Uint32Array; rank: Uint32Array };

/** What the orders read from the index (slots are never reused; dead slots keep these values). */
export type OrderFields = {
  slots: number;
  live: number;
  alive: Uint8Array;
  ids: string[];
  /** epoch ms, NaN without */
  pub: number[];
  cre: number[];
  /** fen, NaN without */
  price: number[];
};

/** recency = publishedAt desc (NULLs first, as PostgreSQL's DESC), createdAt desc, id; prices NULLS LAST. */
export function comparator(ix: OrderFields, sort: SortKey): (a: number, b: number) => number {
  const { pub, cre, ids, price } = ix;
  const recency = (a: number, b: number) => {
    const pa = pub[a]!;
    const pb = pub[b]!;
    // two NULLs tie (NaN !== NaN) and go on to the next keys, as in SQL
    if (pa !== pb && !(Number.isNaN(pa) && Number.isNaN(pb))) {
      if (Number.isNaN(pa)) return -1;
      if (Number.isNaN(pb)) return 1;
      return pb - pa;
    }
    return cre[b]! - cre[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  };
  if (sort === "recency") return recency;
  const dir = sort === "price_asc" ? 1 : -1;
  return (a: number, b: number) => {
    const pa = price[a]!;
    const pb = price[b]!;
    if (Number.isNaN(pa) || Number.isNaN(pb)) {
      if (Number.isNaN(pa) && Number.isNaN(pb)) return recency(a, b);
      return Number.isNaN(pa) ? 1 : -1;
    }
    return (pa - pb) * dir || recency(a, b);
  };
}

export class SortOrders {
  private orders: Partial<Record<SortKey, Order>> = {};
  /** slots added, and slots that died, since the orders were last brought in step */
  private fresh: number[] = [];
  private gone: number[] = [];

  constructor(private ix: OrderFields) {}

  added(slot: number) {
    if (this.made()) this.fresh.push(slot);
  }

  removed(slot: number) {
    if (this.made()) this.gone.push(slot);
  }

  private made() {
    for (const key of SORT_KEYS) if (this.orders[key]) return true;
    return false;
  }

  /** Every order, now (at the end of a build, so that no search pays for a sort). */
  prepare() {
    for (const key of SORT_KEYS) this.get(key);
  }

  get(sort: SortKey): Order {
    if (this.fresh.length || this.gone.length) this.catchUp();
    return (this.orders[sort] ??= this.sortAll(sort));
  }

  private sortAll(sort: SortKey): Order {
    const { slots: count, alive, live } = this.ix;
    const slots = new Uint32Array(live);
    let i = 0;
    for (let s = 0; s < count; s++) if (alive[s]) slots[i++] = s;
    slots.sort(comparator(this.ix, sort));
    return { slots, rank: this.rankOf(slots) };
  }

  private rankOf(slots: Uint32Array) {
    const rank = new Uint32Array(this.ix.slots);
    for (let r = 0; r < slots.length; r++) rank[slots[r]!] = r;
    return rank;
  }

  /**
   * Each order with the added slots in place and the dead ones gone: the added slots sorted among
   * themselves, each one's place in the old order found by binary search (dead slots still compare
   * by their values), then block copies of the old order between those places and the dead slots'
   * positions — the same order as sorting everything again, since the comparators are total (ids
   * are unique).
   */
  private catchUp() {
    const { alive, live } = this.ix;
    const fresh = this.fresh.filter((s) => alive[s]);
    const gone = this.gone;
    this.fresh = [];
    this.gone = [];
    for (const key of SORT_KEYS) {
      const old = this.orders[key];
      if (!old) continue;
      const from = old.slots;
      const cmp = comparator(this.ix, key);
      fresh.sort(cmp);
      // positions in the old order of the slots that died (a slot added and removed since is not there)
      const skip = gone
        .filter((s) => s < old.rank.length && from[old.rank[s]!] === s)
        .map((s) => old.rank[s]!)
        .sort((a, b) => a - b);
      const slots = new Uint32Array(live);
      let n = 0;
      let i = 0;
      let k = 0;
      const copyTo = (end: number) => {
        for (; k < skip.length && skip[k]! < end; k++) {
          slots.set(from.subarray(i, skip[k]), n);
          n += skip[k]! - i;
          i = skip[k]! + 1;
        }
        slots.set(from.subarray(i, end), n);
        n += end - i;
        i = end;
      };
      for (const s of fresh) {
        let lo = i;
        let hi = from.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cmp(from[mid]!, s) < 0) lo = mid + 1;
          else hi = mid;
        }
        copyTo(lo);
        slots[n++] = s;
      }
      copyTo(from.length);
      // cannot happen while every change is reported; should it, sorting again is still right
      this.orders[key] = n === live ? { slots, rank: this.rankOf(slots) } : this.sortAll(key);
    }
  }
}
