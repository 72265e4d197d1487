// The in-process search index of one kind of listing (results or needs), published listings only
// (docs/decisions/0026-in-process-search-index.md). The same lexemes as the PostgreSQL engine's
// tsvectors (search/normalize.ts: Han bigrams plus the last character of each run, Latin words),
// so a query term matches exactly the documents its tsquery would: n ≥ 2 Han characters = every
// bigram, one Han character or a Latin word = any lexeme starting with it.
//
// Compact: each lexeme's postings are slots in increasing order, frozen into a Uint32Array after
// the initial build; a changed listing gets a new slot (appended to the postings) and its old slot
// is marked dead, so postings never need re-sorting. Query-time sets are bitsets over the slots.
import { andInto, compactFormSet, forEachBit, formSetBytes, grownTo, hasBit, orInto, Scratch } from "./bitset.ts";
import type { FormSet } from "./bitset.ts";
import { ItemStore, type HeldItem, type ItemSource } from "./memory-items.ts";
import { SortOrders, type SortKey } from "./memory-order.ts";
import { queryTerms, termLexemes } from "./normalize.ts";

export type MemoryDoc = {
  id: string;
  organizationId: string;
  field: string;
  maturity: string | null;
  regionCode: string;
  orgKind: string;
  modes: string[];
  /** fen; null without a price (results) or budget (needs) */
  priceFen: number | null;
  /** epoch ms */
  publishedAt: number | null;
  createdAt: number;
  /** SearchText: NFKC-normalised, lower-cased (used to score candidates) */
  title: string;
  keywords: string;
  body: string;
  /** lexemes of title + keywords, and of the whole text (head ∪ body) */
  head: string[];
  tsv: string[];
  /** the listing's list API item (memory-items.ts), when the builder read it */
  item?: ItemSource;
};

type Posting = { frozen: Uint32Array; added: number[] };
export type { SortKey };

export type FacetDim = "field" | "maturity" | "regionCode" | "orgKind" | "transferMode";
export const FACET_DIMS: FacetDim[] = ["field", "maturity", "regionCode", "orgKind", "transferMode"];

/** The distinct values of one facet dimension, numbered in order of appearance. */
export class Codes {
  values: string[] = [];
  private at = new Map<string, number>();
  code(v: string) {
    let c = this.at.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.at.set(v, c);
    }
    return c;
  }
}
const EMPTY = new Uint32Array(0);
const FORM_CACHE_BYTES = 8 * 1024 * 1024;

export class MemoryIndex {
  /** slot → attributes (slots are never reused; dead slots keep their values) */
  slots = 0;
  ids: string[] = [];
  org: string[] = [];
  field: string[] = [];
  maturity: (string | null)[] = [];
  region: string[] = [];
  orgKind: string[] = [];
  modes: string[][] = [];
  price: number[] = [];
  pub: number[] = [];
  cre: number[] = [];
  title: string[] = [];
  keywords: string[] = [];
  body: string[] = [];
  alive = new Uint8Array(1024);
  live = 0;
  /**
   * Facet values as small integers per slot (-1: none), so filters and facet counts are array
   * lookups and counts go into typed arrays instead of string-keyed objects.
   */
  codes: Record<FacetDim, Codes> = {
    field: new Codes(),
    maturity: new Codes(),
    regionCode: new Codes(),
    orgKind: new Codes(),
    transferMode: new Codes(),
  };
  fieldC: number[] = [];
  maturityC: number[] = [];
  regionC: number[] = [];
  orgKindC: number[] = [];
  modeC: number[][] = [];
  /**
   * Per facet dimension and code, the slots holding that value, and the live slots, as bitsets
   * (grown with the slots): a filter is the OR of its allowed codes' sets, ANDed with the hits
   * word by word, instead of a test per hit — a common term's 20,000 hits cost 3,000 word
   * operations per filter, not 20,000 calls.
   */
  private codeBits: Record<FacetDim, Uint32Array[]> = {
    field: [],
    maturity: [],
    regionCode: [],
    orgKind: [],
    transferMode: [],
  };
  private aliveBits: Uint32Array = new Uint32Array(32);
  private arena = new Scratch(0);
  private slotOf = new Map<string, number>();
  private tsv = new Map<string, Posting>();
  private head = new Map<string, Posting>();
  /** lexemes by their first character (prefix queries: 钨:*, bms:*) */
  private byFirst = new Map<string, string[]>();
  private intern = new Map<string, string>();
  /**
   * The sets of recently searched thesaurus forms and terms (most recent last), dropped whenever a
   * listing is added: a search box's queries share their words, and a common bigram's or a
   * one-character prefix's set is most of a query's work. Bounded by FORM_CACHE_BYTES.
   */
  private formCache = new Map<string, FormSet>();
  private formCacheBytes = 0;
  private orders = new SortOrders(this);
  private items = new ItemStore();

  private s(v: string) {
    let x = this.intern.get(v);
    if (x === undefined) this.intern.set(v, (x = v));
    return x;
  }

  has(id: string) {
    return this.slotOf.has(id);
  }

  add(doc: MemoryDoc) {
    this.remove(doc.id);
    const slot = this.slots++;
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.live++;
    this.slotOf.set(doc.id, slot);
    this.ids.push(doc.id);
    this.org.push(this.s(doc.organizationId));
    this.field.push(this.s(doc.field));
    this.maturity.push(doc.maturity === null ? null : this.s(doc.maturity));
    this.region.push(this.s(doc.regionCode));
    this.orgKind.push(this.s(doc.orgKind));
    this.modes.push(doc.modes.map((m) => this.s(m)));
    this.fieldC.push(this.codes.field.code(doc.field));
    this.maturityC.push(doc.maturity === null ? -1 : this.codes.maturity.code(doc.maturity));
    this.regionC.push(this.codes.regionCode.code(doc.regionCode));
    this.orgKindC.push(this.codes.orgKind.code(doc.orgKind));
    this.modeC.push(doc.modes.map((m) => this.codes.transferMode.code(m)));
    this.setBit("field", this.fieldC[slot]!, slot);
    if (this.maturityC[slot]! >= 0) this.setBit("maturity", this.maturityC[slot]!, slot);
    this.setBit("regionCode", this.regionC[slot]!, slot);
    this.setBit("orgKind", this.orgKindC[slot]!, slot);
    for (const c of this.modeC[slot]!) this.setBit("transferMode", c, slot);
    this.aliveBits = grownTo(this.aliveBits, slot);
    this.aliveBits[slot >>> 5]! |= 1 << (slot & 31);
    this.price.push(doc.priceFen ?? NaN);
    this.pub.push(doc.publishedAt ?? NaN);
    this.cre.push(doc.createdAt);
    this.title.push(doc.title);
    this.keywords.push(doc.keywords);
    this.body.push(doc.body);
    this.items.push(slot, doc.item);
    this.post(this.tsv, doc.tsv, slot, true);
    this.post(this.head, doc.head, slot, false);
    this.orders.added(slot);
    this.formCache.clear();
    this.formCacheBytes = 0;
  }

  remove(id: string) {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    this.aliveBits[slot >>> 5]! &= ~(1 << (slot & 31));
    this.live--;
    // the text of a dead slot is never read again
    this.title[slot] = this.keywords[slot] = this.body[slot] = "";
    this.items.drop(slot);
    this.orders.removed(slot);
  }

  /** The list API item of a listing held (null: not held, or held without its item). */
  item(id: string): HeldItem | null {
    const slot = this.slotOf.get(id);
    return slot === undefined ? null : this.items.get(slot, id);
  }

  private setBit(dim: FacetDim, code: number, slot: number) {
    const sets = this.codeBits[dim];
    while (sets.length <= code) sets.push(new Uint32Array(this.aliveBits.length));
    const set = (sets[code] = grownTo(sets[code]!, slot));
    set[slot >>> 5]! |= 1 << (slot & 31);
  }

  /** Working bitsets of words() words for one (synchronous) search: release() them when done. */
  scratch(): Scratch {
    if (this.arena.words !== this.words()) this.arena = new Scratch(this.words());
    return this.arena;
  }

  /** The live slots, as a scratch bitset. */
  aliveSet(): Uint32Array {
    const out = this.scratch().take();
    out.set(this.aliveBits.subarray(0, out.length));
    return out;
  }

  /**
   * ANDs into `set` the slots whose value of `dim` has an allowed code (`allow[code]` = 1); for
   * transferMode, a slot with any allowed mode. A slot without a value (maturity of a result
   * that has none) never passes.
   */
  andAllowed(set: Uint32Array, dim: FacetDim, allow: Uint8Array) {
    const sets = this.codeBits[dim];
    const mask = this.scratch().take();
    for (let c = 0; c < allow.length; c++) if (allow[c] && sets[c]) orInto(mask, sets[c]!);
    return andInto(set, mask);
  }

  private post(map: Map<string, Posting>, lexemes: string[], slot: number, lexicon: boolean) {
    for (const lx of new Set(lexemes)) {
      let p = map.get(lx);
      if (!p) {
        map.set(lx, (p = { frozen: EMPTY, added: [] }));
        if (lexicon) {
          const first = String.fromCodePoint(lx.codePointAt(0)!);
          const list = this.byFirst.get(first);
          if (list) list.push(lx);
          else this.byFirst.set(first, [lx]);
        }
      }
      p.added.push(slot);
    }
  }

  /** Packs the postings into typed arrays and sorts the listings (after the initial build). */
  freeze() {
    this.orders.prepare();
    for (const map of [this.tsv, this.head]) {
      for (const p of map.values()) {
        if (!p.added.length) continue;
        const merged = new Uint32Array(p.frozen.length + p.added.length);
        merged.set(p.frozen);
        merged.set(p.added, p.frozen.length);
        p.frozen = merged;
        p.added = [];
      }
    }
  }

  /** Slots that are no longer live (a rebuild reclaims them). */
  garbage() {
    return this.slots - this.live;
  }

  words() {
    return (this.slots + 31) >>> 5;
  }

  private orPosting(set: Uint32Array, p: Posting | undefined) {
    if (!p) return;
    for (const s of p.frozen) set[s >>> 5]! |= 1 << (s & 31);
    for (const s of p.added) set[s >>> 5]! |= 1 << (s & 31);
  }

  /**
   * Slots holding a term (one query term: a Han run or a Latin word) in `where`, set in `set` (zeroed,
   * words() words long).
   */
  termSet(term: string, where: "head" | "tsv", set: Uint32Array = new Uint32Array(this.words())): Uint32Array {
    const map = where === "head" ? this.head : this.tsv;
    const { lexemes, prefix } = termLexemes(term);
    if (prefix) {
      const lx = lexemes[0]!;
      const first = String.fromCodePoint(lx.codePointAt(0)!);
      for (const cand of this.byFirst.get(first) ?? []) if (cand.startsWith(lx)) this.orPosting(set, map.get(cand));
      return set;
    }
    // every bigram: start from the rarest
    const posts = lexemes.map((l) => map.get(l));
    if (posts.some((p) => !p)) return set;
    posts.sort((a, b) => a!.frozen.length + a!.added.length - (b!.frozen.length + b!.added.length));
    this.orPosting(set, posts[0]);
    for (let i = 1; i < posts.length; i++) {
      const other = this.scratch().take();
      this.orPosting(other, posts[i]);
      andInto(set, other);
    }
    return set;
  }

  /** Slots holding a thesaurus form (several words: all of them); a rare form's as a slot list. Shared: read only. */
  formSet(form: string, where: "head" | "tsv"): FormSet {
    const key = `${where}\0${form}`;
    const cached = this.formCache.get(key);
    if (cached) {
      this.formCache.delete(key);
      this.formCache.set(key, cached);
      return cached;
    }
    const set = compactFormSet(this.computeFormSet(form, where));
    this.formCache.set(key, set);
    this.formCacheBytes += formSetBytes(set);
    for (const [oldest, dropped] of this.formCache) {
      if (this.formCacheBytes <= FORM_CACHE_BYTES || dropped === set) break;
      this.formCache.delete(oldest);
      this.formCacheBytes -= formSetBytes(dropped);
    }
    return set;
  }

  private computeFormSet(form: string, where: "head" | "tsv"): Uint32Array {
    const parts = queryTerms(form);
    if (!parts.length) return this.scratch().take();
    const set = this.termSet(parts[0]!, where, this.scratch().take()); // formSet keeps a copy or a slot list
    for (let i = 1; i < parts.length; i++) andInto(set, this.termSet(parts[i]!, where, this.scratch().take()));
    return set;
  }

  /** Live slots in the order of a sort (recency = publishedAt desc, createdAt desc, id). */
  order(sort: SortKey): Uint32Array {
    return this.orders.get(sort).slots;
  }

  /** Each slot's position in order(sort) (dead slots: meaningless). */
  rank(sort: SortKey): Uint32Array {
    return this.orders.get(sort).rank;
  }

  /** Approximate bytes held (typed arrays and strings), for the memory figures. */
  footprint() {
    let postings = 0;
    let lexemes = 0;
    for (const map of [this.tsv, this.head]) {
      for (const [lx, p] of map) {
        postings += p.frozen.byteLength + p.added.length * 8;
        lexemes += 2 * lx.length + 40;
      }
    }
    let text = 0;
    for (let s = 0; s < this.slots; s++)
      text += 2 * (this.title[s]!.length + this.keywords[s]!.length + this.body[s]!.length);
    return {
      docs: this.live,
      slots: this.slots,
      lexemes: this.tsv.size,
      postings,
      lexicon: lexemes,
      text,
      items: this.items.bytes(),
    };
  }
}

/**
 * The first `limit` slots of `set` (`count` of them) in the order of `sort`. Few hits: their
 * positions in the order, sorted (k log k); many: a walk of the order that stops after `limit`
 * of them (about limit × slots / count steps). Either way, not a pass over every listing.
 */
export function firstInOrder(ix: MemoryIndex, set: Uint32Array, count: number, sort: SortKey, limit: number): number[] {
  if (limit <= 0 || count === 0) return [];
  const order = ix.order(sort);
  const out: number[] = [];
  if (count * 32 < order.length) {
    const rank = ix.rank(sort);
    const ranks = new Uint32Array(count);
    let i = 0;
    forEachBit(set, (s) => (ranks[i++] = rank[s]!));
    ranks.sort();
    for (let j = 0; j < Math.min(limit, count); j++) out.push(order[ranks[j]!]!);
    return out;
  }
  for (let i = 0; i < order.length && out.length < limit; i++) if (hasBit(set, order[i]!)) out.push(order[i]!);
  return out;
}
