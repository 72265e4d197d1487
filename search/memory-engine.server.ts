// searchListings() answered from the in-process index (search/memory-index.ts, kept in step by
// search/memory-sync.server.ts), with the PostgreSQL engine's rules so that both give the same
// pages: the same query terms and thesaurus alternatives (prepareQuery, with PostgreSQL's lexeme
// statistics), the same tiers (exact in title/keywords 3, exact in the text 2, thesaurus form in
// title/keywords 1, elsewhere 0), the same scoring of the first CANDIDATES hits (pg-plan.server.ts
// scoredCte, written out here), the same order past them, filters, sorts and facet dimensions.
// Differences, by design (docs/decisions/0026-in-process-search-index.md): totals and facet counts
// are always exact (no estimate past EXACT_TOTAL_LIMIT), and a very common term is ranked over all
// its hits rather than over the "walk" plan's per-tier windows.
// Anything else — other statuses than published (owners' and reviewers' lists), an index still
// building or behind — goes to the PostgreSQL engine.
import { getEnv } from "../app/env.server.ts";
import type { Beside, BesideDone, ListingKind, ListItem, SearchParams, SearchResponse } from "./types.ts";
import { highlightListing } from "./highlight.ts";
import { isHanTerm } from "./normalize.ts";
import { andForm, andInto, orForm, popcount, tierSet, type FormSet } from "./bitset.ts";
import { countFacets, filterPredicates, hitBits } from "./memory-filters.server.ts";
import { firstInOrder, type MemoryIndex, type SortKey } from "./memory-index.ts";
import { countAnswer, memoryIndexesNow } from "./memory-sync.server.ts";
import { pgSearch } from "./pg-engine.server.ts";
import { emptySearchResponse } from "./pg-facets.server.ts";
import { CANDIDATES, paging, statusesOf } from "./pg-plan.server.ts";
import { loadLexemeStats, prepareQuery, termFrequency, type PreparedQuery } from "./pg-query.server.ts";
import { searchPool } from "./pool.server.ts";

/** True when this search can be answered from memory (the index holds published listings only). */
export function memoryCanAnswer(params: SearchParams) {
  const statuses = statusesOf(params);
  return statuses.length === 1 && statuses[0] === "published";
}

/**
 * The hit set of a prepared query, and the sets its tiers are told by (pg-plan's "hits" plan):
 * exact in title/keywords 3, exact in the text 2, a thesaurus form in title/keywords 1, else 0.
 */
type Sets = { recall: Uint32Array; headExact: Uint32Array; tsvExact: Uint32Array; headExpanded: Uint32Array | null };

function hitSets(ix: MemoryIndex, prepared: PreparedQuery): Sets {
  const memo = new Map<string, FormSet>();
  const form = (f: string, where: "head" | "tsv") => {
    const key = `${where}\0${f}`;
    let set = memo.get(key);
    if (!set) memo.set(key, (set = ix.formSet(f, where)));
    return set;
  };
  const scratch = ix.scratch();
  const all = (where: "head" | "tsv") => {
    const out = scratch.take();
    orForm(out, form(prepared.terms[0]!, where));
    for (let i = 1; i < prepared.terms.length; i++) andForm(out, form(prepared.terms[i]!, where));
    return out;
  };
  const anyForm = (where: "head" | "tsv") => {
    let out: Uint32Array | null = null;
    prepared.terms.forEach((_, g) => {
      const group = scratch.take();
      for (const f of prepared.forms) if (f.group === g) orForm(group, form(f.form, where));
      out = out ? andInto(out, group) : group;
    });
    return out!;
  };
  const headExact = all("head");
  const tsvExact = all("tsv");
  if (!prepared.expandedTsq) return { recall: tsvExact, headExact, tsvExact, headExpanded: null };
  return { recall: anyForm("tsv"), headExact, tsvExact, headExpanded: anyForm("head") };
}

/** Occurrences of `term` in `text` (not overlapping, as split() counts them), counted up to `cap`. */
function occurrences(text: string, term: string, cap: number) {
  if (!term) return 0;
  let n = 0;
  for (let at = text.indexOf(term); at >= 0 && n < cap; at = text.indexOf(term, at + term.length)) n++;
  return n;
}

/** pg-plan's scoredCte for one candidate (`weights`: each form's weight as the SQL rounds it). */
function score(ix: MemoryIndex, s: number, tier: number, prepared: PreparedQuery, weights: number[], now: number) {
  const title = ix.title[s]!;
  const keywords = ix.keywords[s]!;
  const body = ix.body[s]!;
  const { forms, terms } = prepared;
  let total = 0;
  for (let g = 0; g < terms.length; g++) {
    let best = -Infinity;
    for (let i = 0; i < forms.length; i++) {
      const f = forms[i]!;
      if (f.group !== g) continue;
      const v =
        weights[i]! * (6 * +title.includes(f.form) + 4 * +keywords.includes(f.form) + 2 * +body.includes(f.form));
      if (v > best) best = v;
    }
    total += best + 0.5 * occurrences(body, terms[g]!, 4);
  }
  const first = terms[0]!;
  total += tier * 0.5;
  if (title.startsWith(first)) total += 1.5;
  if (title.replaceAll(" ", "").includes(terms.join(""))) total += 2;
  const when = Number.isNaN(ix.pub[s]!) ? ix.cre[s]! : ix.pub[s]!;
  total += 0.5 / (1 + (now - when) / 1000 / 15552000.0);
  return total;
}

type Page = { total: number; slots: number[]; facets?: Record<string, Record<string, number>> };

/** One search over the index (no I/O); its working bitsets go back to the index's arena. */
export function searchIndex(ix: MemoryIndex, params: SearchParams, prepared: PreparedQuery | null): Page {
  try {
    return searchWith(ix, params, prepared);
  } finally {
    ix.scratch().release();
  }
}

function searchWith(ix: MemoryIndex, params: SearchParams, prepared: PreparedQuery | null): Page {
  const preds = filterPredicates(params, ix);
  const { pageSize, offset } = paging(params);
  const sort = params.sort && params.sort !== "relevance" ? params.sort : prepared ? "relevance" : "newest";
  const key: SortKey = sort === "price_asc" || sort === "price_desc" ? sort : "recency";
  const sets = prepared ? hitSets(ix, prepared) : null;
  // every hit passing the filters
  const hits = hitBits(ix, sets ? sets.recall : null, preds);
  const facets = params.facets ? countFacets(params, ix, sets ? sets.recall : null, preds) : undefined;
  if (sort !== "relevance" || !sets || !prepared) {
    return {
      total: hits.count,
      slots: firstInOrder(ix, hits.bits, hits.count, key, offset + pageSize).slice(offset),
      facets,
    };
  }
  // the hits by tier, by recency within a tier: only as far as the scored candidates and the page reach
  const { headExact, tsvExact, headExpanded } = sets;
  const scratch = ix.scratch();
  // a tier's set is made only when the tiers above it hold fewer than the page and candidates need
  const tiers: Array<[number, Uint32Array | null, Array<Uint32Array | null>]> = headExpanded
    ? [
        [3, headExact, []],
        [2, tsvExact, [headExact]],
        [1, headExpanded, [headExact, tsvExact]],
        [0, null, [headExact, tsvExact, headExpanded]],
      ]
    : [
        [3, headExact, []],
        [2, null, [headExact]],
      ];
  const reach = Math.max(CANDIDATES, offset + pageSize);
  const byTier: Array<{ s: number; tier: number }> = [];
  for (const [tier, within, higher] of tiers) {
    if (byTier.length >= reach) break;
    const set = tierSet(hits.bits, within, higher, scratch.take());
    const n = popcount(set);
    for (const s of firstInOrder(ix, set, n, "recency", reach - byTier.length)) byTier.push({ s, tier });
  }
  const now = Date.now();
  const weights = prepared.forms.map((f) => Number(f.weight.toFixed(3)));
  const cand = byTier
    .slice(0, CANDIDATES)
    .map(({ s, tier }) => ({ s, score: score(ix, s, tier, prepared, weights, now) }));
  cand.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const pa = ix.pub[a.s]!;
    const pb = ix.pub[b.s]!;
    if (pa !== pb) {
      // NULLS LAST here (the SQL says so)
      if (Number.isNaN(pa)) return 1;
      if (Number.isNaN(pb)) return -1;
      return pb - pa;
    }
    const ia = ix.ids[a.s]!;
    const ib = ix.ids[b.s]!;
    return ix.cre[b.s]! - ix.cre[a.s]! || (ia < ib ? -1 : ia > ib ? 1 : 0);
  });
  const slots: number[] = [];
  for (let pos = offset; pos < Math.min(offset + pageSize, byTier.length); pos++) {
    slots.push(pos < cand.length ? cand[pos]!.s : byTier[pos]!.s);
  }
  return { total: hits.count, slots, facets };
}

const RAW: Record<ListingKind, string> = {
  result: `SELECT id, title, summary AS body FROM "Result" WHERE id = ANY($1::text[])`,
  need: `SELECT id, title, description || E'\\n' || "targetIndicators" AS body FROM "Need" WHERE id = ANY($1::text[])`,
};

/**
 * searchListings() from memory when the index is ready and in step; otherwise (still building,
 * rebuilding after a large change, other statuses) from the PostgreSQL engine.
 */
export async function memorySearch<T = never>(
  params: SearchParams,
  beside?: Beside<T>,
): Promise<SearchResponse & BesideDone<T>> {
  if (!memoryCanAnswer(params)) return pgSearch(params);
  const res = await searchMemory(params, beside);
  countAnswer(res ? "memory" : "postgres");
  return res ?? pgSearch(params);
}

/** The page of `params` in `ix`; a query text matching nothing as written is tried cut into words. */
function pageIn(ix: MemoryIndex, params: SearchParams, q: string, first: PreparedQuery | null, frequency?: Frequency) {
  let prepared = first;
  let page = searchIndex(ix, params, prepared);
  // Nothing contains the query as written: try it cut into words (as the PostgreSQL engine does)
  if (prepared && page.total === 0 && prepared.terms.some((t) => isHanTerm(t) && t.length >= 4)) {
    const relaxed = prepareQuery(q, { segment: true, frequency });
    if (relaxed && relaxed.exactTsq !== prepared.exactTsq) {
      prepared = relaxed;
      page = searchIndex(ix, params, prepared);
    }
  }
  return { prepared, page, ids: page.slots.map((s) => ix.ids[s]!) };
}

type Frequency = (term: string) => number;

/** Starts the caller's work on `ids`; a failure is the caller's when it awaits it, or no one's if dropped. */
function start<T>(beside: Beside<T>, ids: string[]) {
  const p = beside(ids);
  p.catch(() => {});
  return p;
}

/**
 * The search from memory; null when the index cannot answer now. It runs at once on the index as
 * it is, the caller's `beside` and the change check that started after this call going to
 * PostgreSQL meanwhile; if the check applied a change, it runs again on the index now in step
 * (memoryIndexesNow, docs/decisions/0026 "Seventh").
 */
async function searchMemory<T>(params: SearchParams, beside?: Beside<T>) {
  const started = performance.now();
  const now = memoryIndexesNow();
  if (!now) return null;
  const q = typeof params.q === "string" ? params.q : "";
  const stats = q.trim() ? await loadLexemeStats() : undefined;
  const kind: ListingKind = params.kind === "need" ? "need" : "result";
  const frequency = stats ? (t: string) => termFrequency(stats, t) : undefined;
  const prepared = prepareQuery(q, { frequency });
  if (q.trim() && !prepared) return emptySearchResponse(params, started);
  let found = pageIn(now.indexes[kind], params, q, prepared, frequency);
  // items wanted: the index's own, once in step (PostgreSQL then sees only the change check)
  const wantItems = !!params.items && getEnv().SEARCH_MEMORY_ITEMS === "1";
  let loading = beside && !wantItems && start(beside, found.ids);
  const inStep = await now.inStep;
  if (!inStep) return null;
  if (!inStep.same) {
    const again = pageIn(inStep.indexes[kind], params, q, prepared, frequency);
    // rows loaded for the same ids stand: their statement started after this search arrived
    if (beside && loading && again.ids.join() !== found.ids.join()) loading = start(beside, again.ids);
    found = again;
  }
  const { ids, page } = found;
  // synchronous from the check's answer: the items are those of every change committed before this
  // search arrived; one the index does not hold (or no longer) sends the page to PostgreSQL's rows
  const items = wantItems ? heldItems(inStep.indexes[kind], ids) : undefined;
  if (wantItems && !items && beside) loading = start(beside, ids);
  const highlights: SearchResponse["highlights"] = {};
  const done: BesideDone<T> = loading ? { beside: { value: await loading } } : {};
  // the list API and pages load these listings' rows anyway: they highlight from them, saving a query
  if (found.prepared && params.rawTextLater) {
    return {
      ids,
      total: page.total,
      highlights,
      highlightTerms: found.prepared.highlightTerms,
      ...(params.facets ? { facets: page.facets } : {}),
      tookMs: performance.now() - started,
      ...(items ? { items } : {}),
      ...done,
    };
  }
  if (found.prepared && ids.length) {
    // the raw text as the listing shows it (the index holds the normalised text only)
    const { rows } = await searchPool().query<{ id: string; title: string | null; body: string | null }>({
      name: `memory-raw-${kind}`,
      text: RAW[kind],
      values: [ids],
    });
    const raw = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = raw.get(id);
      highlights[id] = highlightListing(r?.title ?? "", r?.body ?? "", found.prepared.highlightTerms);
    }
  }
  return {
    ids,
    total: page.total,
    highlights,
    ...(params.facets ? { facets: page.facets } : {}),
    tookMs: performance.now() - started,
    ...(items ? { items } : {}),
    ...done,
  };
}

/** The items of `ids` held by the index, or null when one is not held. */
function heldItems(ix: MemoryIndex, ids: string[]): ListItem[] | null {
  const items: ListItem[] = [];
  for (const id of ids) {
    const item = ix.item(id);
    if (!item) return null;
    items.push(item);
  }
  return items;
}
