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
import type { ListingKind, SearchParams, SearchResponse } from "./types.ts";
import { highlightText, snippet } from "./highlight.ts";
import { isHanTerm } from "./normalize.ts";
import { andInto, hasBit, orInto, type MemoryIndex } from "./memory-index.ts";
import { countAnswer, memoryIndexes } from "./memory-sync.server.ts";
import { pgSearch } from "./pg-engine.server.ts";
import { emptyFacets } from "./pg-facets.server.ts";
import { CANDIDATES, paging, regionPatterns, statusesOf, type Dim } from "./pg-plan.server.ts";
import { loadLexemeStats, prepareQuery, termFrequency, type PreparedQuery } from "./pg-query.server.ts";
import { searchPool } from "./pool.server.ts";

type Pred = (slot: number) => boolean;

/** The filters of pg-plan's filterConditions, as predicates over slots (per facet dimension). */
export function filterPredicates(params: SearchParams, ix: MemoryIndex) {
  const f = params.filters ?? {};
  const dims: Partial<Record<Dim, Pred>> = {};
  const other: Pred[] = [];
  const list = (v?: string[]) => (v && v.length ? new Set(v.slice(0, 50).map(String)) : null);
  const field = list(f.field);
  if (field) dims.field = (s) => field.has(ix.field[s]!);
  const maturity = list(f.maturity);
  if (maturity && params.kind === "result") dims.maturity = (s) => maturity.has(ix.maturity[s] ?? "\0");
  if (f.regionCode && f.regionCode.length) {
    const patterns = regionPatterns(f.regionCode.slice(0, 50).map(String));
    const exact = new Set(patterns.filter((p) => !p.endsWith("%")));
    const prefixes = patterns.filter((p) => p.endsWith("%")).map((p) => p.slice(0, -1));
    dims.regionCode = (s) => {
      const r = ix.region[s]!;
      return exact.has(r) || prefixes.some((p) => r.startsWith(p));
    };
  }
  const orgKind = list(f.orgKind);
  if (orgKind) dims.orgKind = (s) => orgKind.has(ix.orgKind[s]!);
  const modes = list(f.transferMode);
  if (modes) dims.transferMode = (s) => ix.modes[s]!.some((m) => modes.has(m));
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : null);
  const min = num(f.priceMinFen);
  if (min !== null) other.push((s) => ix.price[s]! >= min); // NaN (no price) is never in range
  const max = num(f.priceMaxFen);
  if (max !== null) other.push((s) => ix.price[s]! <= max);
  if (f.organizationId) {
    const org = String(f.organizationId);
    other.push((s) => ix.org[s] === org);
  }
  return { dims, other };
}

/** True when this search can be answered from memory (the index holds published listings only). */
export function memoryCanAnswer(params: SearchParams) {
  const statuses = statusesOf(params);
  return statuses.length === 1 && statuses[0] === "published";
}

const FACET_DIMS: Dim[] = ["field", "maturity", "regionCode", "orgKind", "transferMode"];

function countFacets(
  params: SearchParams,
  ix: MemoryIndex,
  slots: Iterable<number>,
  preds: ReturnType<typeof filterPredicates>,
) {
  const facets = emptyFacets(params);
  const dims = FACET_DIMS.filter((d) => d in facets);
  const bump = (dim: string, val: string | null) => {
    if (val === null) return;
    const m = facets[dim]!;
    m[val] = (m[val] ?? 0) + 1;
  };
  for (const s of slots) {
    if (!preds.other.every((p) => p(s))) continue;
    let failed: Dim | null = null;
    let fails = 0;
    for (const d of dims) {
      const p = preds.dims[d];
      if (p && !p(s)) {
        failed = d;
        if (++fails > 1) break;
      }
    }
    if (fails > 1) continue;
    for (const d of dims) {
      if (fails === 1 && d !== failed) continue;
      if (d === "field") bump(d, ix.field[s]!);
      else if (d === "maturity") bump(d, ix.maturity[s] ?? null);
      else if (d === "regionCode") bump(d, ix.region[s]!);
      else if (d === "orgKind") bump(d, ix.orgKind[s]!);
      else for (const m of ix.modes[s]!) bump(d, m);
    }
  }
  return facets;
}

type Sets = { recall: Uint32Array; tier: (slot: number) => number };

/** The hit set of a prepared query and each hit's tier (pg-plan's "hits" plan). */
function hitSets(ix: MemoryIndex, prepared: PreparedQuery): Sets {
  const memo = new Map<string, Uint32Array>();
  const form = (f: string, where: "head" | "tsv") => {
    const key = `${where}\0${f}`;
    let set = memo.get(key);
    if (!set) memo.set(key, (set = ix.formSet(f, where)));
    return set;
  };
  const all = (where: "head" | "tsv") => {
    const out = form(prepared.terms[0]!, where).slice();
    for (let i = 1; i < prepared.terms.length; i++) andInto(out, form(prepared.terms[i]!, where));
    return out;
  };
  const anyForm = (where: "head" | "tsv") => {
    let out: Uint32Array | null = null;
    prepared.terms.forEach((_, g) => {
      const group = new Uint32Array(ix.words());
      for (const f of prepared.forms) if (f.group === g) orInto(group, form(f.form, where));
      out = out ? andInto(out, group) : group;
    });
    return out!;
  };
  const headExact = all("head");
  const tsvExact = all("tsv");
  if (!prepared.expandedTsq) return { recall: tsvExact, tier: (s) => (hasBit(headExact, s) ? 3 : 2) };
  const headExpanded = anyForm("head");
  const recall = anyForm("tsv");
  return {
    recall,
    tier: (s) => (hasBit(headExact, s) ? 3 : hasBit(tsvExact, s) ? 2 : hasBit(headExpanded, s) ? 1 : 0),
  };
}

/** pg-plan's scoredCte for one candidate. */
function score(ix: MemoryIndex, s: number, tier: number, prepared: PreparedQuery, now: number) {
  const title = ix.title[s]!;
  const keywords = ix.keywords[s]!;
  const body = ix.body[s]!;
  let total = 0;
  prepared.terms.forEach((term, g) => {
    let best = -Infinity;
    for (const f of prepared.forms) {
      if (f.group !== g) continue;
      const w = Number(f.weight.toFixed(3));
      const v = w * (6 * +title.includes(f.form) + 4 * +keywords.includes(f.form) + 2 * +body.includes(f.form));
      if (v > best) best = v;
    }
    const occurrences = body.split(term).length - 1;
    total += best + 0.5 * Math.min(4, occurrences);
  });
  const first = prepared.terms[0]!;
  total += tier * 0.5;
  if (title.startsWith(first)) total += 1.5;
  if (title.replaceAll(" ", "").includes(prepared.terms.join(""))) total += 2;
  const when = Number.isNaN(ix.pub[s]!) ? ix.cre[s]! : ix.pub[s]!;
  total += 0.5 / (1 + (now - when) / 1000 / 15552000.0);
  return total;
}

type Page = { total: number; slots: number[]; facets?: Record<string, Record<string, number>> };

/** One search over the index (no I/O). */
export function searchIndex(ix: MemoryIndex, params: SearchParams, prepared: PreparedQuery | null): Page {
  const preds = filterPredicates(params, ix);
  const conds = [...Object.values(preds.dims), ...preds.other];
  const pass = (s: number) => conds.every((p) => p(s));
  const { pageSize, offset } = paging(params);
  const sort = params.sort && params.sort !== "relevance" ? params.sort : prepared ? "relevance" : "newest";
  const order = ix.order(sort === "price_asc" || sort === "price_desc" ? sort : "recency");
  const sets = prepared ? hitSets(ix, prepared) : null;
  // every hit passing the filters, in the sort's order (relevance: by recency within tiers)
  const hits: number[] = [];
  for (const s of order) if ((!sets || hasBit(sets.recall, s)) && pass(s)) hits.push(s);
  const facets = params.facets ? countFacets(params, ix, facetSlots(order, sets), preds) : undefined;
  if (sort !== "relevance" || !sets || !prepared) {
    return { total: hits.length, slots: hits.slice(offset, offset + pageSize), facets };
  }
  const tiers: number[][] = [[], [], [], []];
  for (const s of hits) tiers[3 - sets.tier(s)]!.push(s);
  const byTier = tiers.flat();
  const now = Date.now();
  const cand = byTier.slice(0, CANDIDATES).map((s) => ({ s, score: score(ix, s, sets.tier(s), prepared, now) }));
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
    slots.push(pos < cand.length ? cand[pos]!.s : byTier[pos]!);
  }
  return { total: hits.length, slots, facets };
}

function* facetSlots(order: Uint32Array, sets: Sets | null) {
  for (const s of order) if (!sets || hasBit(sets.recall, s)) yield s;
}

const RAW: Record<ListingKind, string> = {
  result: `SELECT id, title, summary AS body FROM "Result" WHERE id = ANY($1::text[])`,
  need: `SELECT id, title, description || E'\\n' || "targetIndicators" AS body FROM "Need" WHERE id = ANY($1::text[])`,
};

/**
 * searchListings() from memory when the index is ready and in step; otherwise (still building,
 * rebuilding after a large change, other statuses) from the PostgreSQL engine.
 */
export async function memorySearch(params: SearchParams): Promise<SearchResponse> {
  if (!memoryCanAnswer(params)) return pgSearch(params);
  const res = await searchMemory(params);
  countAnswer(res ? "memory" : "postgres");
  return res ?? pgSearch(params);
}

/** The search from memory; null when the index cannot answer now. */
async function searchMemory(params: SearchParams): Promise<SearchResponse | null> {
  const started = performance.now();
  const q = typeof params.q === "string" ? params.q : "";
  const stats = q.trim() ? await loadLexemeStats() : undefined;
  const indexes = await memoryIndexes();
  if (!indexes) return null;
  const kind: ListingKind = params.kind === "need" ? "need" : "result";
  const ix = indexes[kind];
  const frequency = stats ? (t: string) => termFrequency(stats, t) : undefined;
  let prepared = prepareQuery(q, { frequency });
  if (q.trim() && !prepared) {
    return {
      ids: [],
      total: 0,
      highlights: {},
      ...(params.facets ? { facets: emptyFacets(params) } : {}),
      tookMs: performance.now() - started,
    };
  }
  let page = searchIndex(ix, params, prepared);
  // Nothing contains the query as written: try it cut into words (as the PostgreSQL engine does)
  if (prepared && page.total === 0 && prepared.terms.some((t) => isHanTerm(t) && t.length >= 4)) {
    const relaxed = prepareQuery(q, { segment: true, frequency });
    if (relaxed && relaxed.exactTsq !== prepared.exactTsq) {
      prepared = relaxed;
      page = searchIndex(ix, params, prepared);
    }
  }
  const ids = page.slots.map((s) => ix.ids[s]!);
  const highlights: SearchResponse["highlights"] = {};
  if (prepared && ids.length) {
    // the raw text as the listing shows it (the index holds the normalised text only)
    const { rows } = await searchPool().query<{ id: string; title: string | null; body: string | null }>({
      name: `memory-raw-${kind}`,
      text: RAW[kind],
      values: [ids],
    });
    const raw = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = raw.get(id);
      highlights[id] = {
        title: highlightText(r?.title ?? "", prepared.highlightTerms),
        snippet: snippet(r?.body ?? "", prepared.highlightTerms),
      };
    }
  }
  return {
    ids,
    total: page.total,
    highlights,
    ...(params.facets ? { facets: page.facets } : {}),
    tookMs: performance.now() - started,
  };
}
