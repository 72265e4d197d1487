// The embedded engine: search over SearchDocument (kept by triggers, see the search migration)
// in the app's own PostgreSQL. One statement per search (plus one for facets, run in parallel).
//
// Recall: every document holding every query term (or, for a term with thesaurus alternatives,
// one of them) is a hit: the GIN index answers it exactly for bigrams, 1-character prefixes and
// Latin word prefixes. Ranking never scores every hit: hits are ordered by a cheap tier (exact
// vs. thesaurus-only, title/keywords vs. body) and recency, and only the first CANDIDATES of them
// are scored (title > keywords > body, occurrences, exact phrase, recency). Pages past the
// candidate window continue in tier/recency order, so the order stays total and stable.
//
// The parts: pg-query.server.ts (query text → terms and tsqueries, lexeme statistics),
// pg-plan.server.ts (the SQL of a search), pg-facets.server.ts (facet counts); here: running a
// plan, the cache in front of it, highlights, suggestions.
import type { SearchParams, SearchResponse, Suggestion } from "./types.ts";
import { highlightListing } from "./highlight.ts";
import { isHanTerm, normalizeText } from "./normalize.ts";
import { cached } from "./cache.server.ts";
import { emptySearchResponse, facetRows } from "./pg-facets.server.ts";
import { buildSearchPlan, HIT_CAP, paging, statusesOf } from "./pg-plan.server.ts";
import {
  estimateHits,
  loadLexemeStats,
  prepareQuery,
  termFrequency,
  type LexemeStats,
  type PreparedQuery,
} from "./pg-query.server.ts";
import { isTimeout, searchPool, searchQuery, statementTimeoutMs } from "./pool.server.ts";
import { thesaurus } from "./thesaurus.ts";

export { buildFacetSql, FACET_SAMPLE } from "./pg-facets.server.ts";
export { buildSearchPlan, CANDIDATES, EXACT_TOTAL_LIMIT, HIT_CAP, type SearchPlan } from "./pg-plan.server.ts";
export {
  COMMON_TERM_FREQUENCY,
  estimateHits,
  loadLexemeStats,
  prepareQuery,
  segmenter,
  termFrequency,
  type LexemeStats,
  type PreparedQuery,
  type QueryForm,
} from "./pg-query.server.ts";

type PageRow = { total: number | null; id: string | null; title: string | null; body: string | null };
function hasFilters(params: SearchParams) {
  const f = params.filters ?? {};
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null));
}

/**
 * The plan tried first. The lexeme statistics know nothing of the filters: a filtered search
 * tries one pass first (a common term narrowed by a field or a price range has far fewer hits).
 */
export function firstStrategy(
  params: SearchParams,
  prepared: PreparedQuery | null,
  stats?: LexemeStats,
): "hits" | "walk" {
  return !hasFilters(params) && estimateHits(stats, prepared) > HIT_CAP ? "walk" : "hits";
}

/** Runs a plan; a "hits" plan that meets more than HIT_CAP hits is run again as "walk". */
export async function runSearchPlan(params: SearchParams, prepared: PreparedQuery | null, stats?: LexemeStats) {
  const first = buildSearchPlan(params, prepared, firstStrategy(params, prepared, stats));
  if (first.strategy === "hits") {
    const { rows } = await searchQuery<PageRow>(first.statement.text, first.statement.values);
    const total = rows[0]?.total ?? 0;
    if (total <= HIT_CAP)
      return { total, exact: true, rows: rows.filter((r) => r.id !== null), strategy: "hits" as const };
  }
  const walk = first.strategy === "walk" ? first : buildSearchPlan(params, prepared, "walk");
  if (walk.strategy !== "walk") throw new Error("unreachable");
  const [count, page] = await Promise.all([
    searchQuery<{ total: number; exact: boolean }>(walk.count.text, walk.count.values),
    searchQuery<PageRow>(walk.page.text, walk.page.values),
  ]);
  return {
    total: count.rows[0]?.total ?? 0,
    exact: count.rows[0]?.exact ?? true,
    rows: page.rows.filter((r) => r.id !== null),
    strategy: "walk" as const,
  };
}

function cacheKey(params: SearchParams) {
  const f = params.filters ?? {};
  const sorted = (v?: string[]) => (v && v.length ? [...v].map(String).sort() : undefined);
  return JSON.stringify([
    params.kind,
    normalizeText(String(params.q ?? "")).trim(),
    statusesOf(params).sort(),
    params.sort ?? "",
    paging(params),
    !!params.facets,
    sorted(f.field),
    sorted(f.maturity),
    sorted(f.regionCode),
    sorted(f.transferMode),
    sorted(f.orgKind),
    f.priceMinFen ?? null,
    f.priceMaxFen ?? null,
    f.organizationId ?? null,
  ]);
}

/**
 * searchListings() on the embedded engine, through the result cache (search/cache.server.ts).
 * Ids served from the cache are re-checked against the current statuses, so a withdrawn listing
 * never comes back from it.
 */
export async function pgSearch(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  let value: { res: SearchResponse; recall: string | null };
  let hit = false;
  try {
    ({ value, hit } = await cached(cacheKey(params), async () => {
      const res = await pgSearchUncached(params);
      return { res, recall: lastRecall.get(res) ?? null };
    }));
  } catch (error) {
    // bounded time: a statement cancelled by statement_timeout answers "nothing found", not a 500
    if (!isTimeout(error)) throw error;
    console.error(
      `search timed out after ${statementTimeoutMs()} ms: ${JSON.stringify({ kind: params.kind, q: String(params.q ?? "").slice(0, 100) })}`,
    );
    return emptySearchResponse(params, started);
  }
  let res = value.res;
  if (hit && res.ids.length) {
    // still holding that status and still matching the query (an edit or withdrawal may have
    // committed an instant before its notification arrives)
    // a named statement: planned once per connection
    const { rows } = await searchPool().query<{ id: string }>({
      name: "search-recheck",
      text: `SELECT "listingId" AS id FROM "SearchDocument" WHERE kind = $1 AND "listingId" = ANY($2::text[]) AND status = ANY($3::text[])
         AND ($4::text IS NULL OR tsv @@ $4::tsquery)`,
      values: [params.kind === "need" ? "need" : "result", res.ids, statusesOf(params), value.recall],
    });
    if (rows.length !== res.ids.length) {
      const ok = new Set(rows.map((r) => r.id));
      res = {
        ...res,
        ids: res.ids.filter((id) => ok.has(id)),
        total: Math.max(0, res.total - (res.ids.length - ok.size)),
      };
    }
  }
  return { ...res, tookMs: performance.now() - started };
}

/** The recall tsquery each uncached response was computed with (for the cache's re-check). */
const lastRecall = new WeakMap<SearchResponse, string>();

/** The search itself, without the cache (the benchmark times this). */
export async function pgSearchUncached(params: SearchParams): Promise<SearchResponse> {
  const started = performance.now();
  const q = typeof params.q === "string" ? params.q : "";
  const stats = q.trim() ? await loadLexemeStats() : undefined;
  const frequency = stats ? (t: string) => termFrequency(stats, t) : undefined;
  let prepared = prepareQuery(q, { frequency });
  // Only punctuation, emoji or symbols: nothing to search for → no hits (not "everything").
  if (q.trim() && !prepared) {
    return emptySearchResponse(params, started);
  }
  const run = async (pq: PreparedQuery | null) => {
    const [res, f] = await Promise.all([
      runSearchPlan(params, pq, stats),
      params.facets ? facetRows(params, pq, stats) : Promise.resolve(undefined),
    ]);
    return { ...res, facets: f?.facets, facetsExact: f?.exact ?? true };
  };
  let { total, exact, rows, facets, facetsExact } = await run(prepared);
  // Nothing contains the query as written: try it cut into words ("叶子发黄怎么办" → 叶子发黄).
  if (prepared && total === 0 && prepared.terms.some((t) => isHanTerm(t) && t.length >= 4)) {
    const relaxed = prepareQuery(q, { segment: true, frequency });
    if (relaxed && relaxed.exactTsq !== prepared.exactTsq) {
      prepared = relaxed;
      ({ total, exact, rows, facets, facetsExact } = await run(prepared));
    }
  }
  const highlights: SearchResponse["highlights"] = {};
  if (prepared) {
    for (const r of rows) {
      highlights[r.id!] = highlightListing(r.title ?? "", r.body ?? "", prepared.highlightTerms);
    }
  }
  const response: SearchResponse = {
    ids: rows.map((r) => r.id!),
    total,
    ...(exact ? {} : { totalExact: false }),
    highlights,
    ...(params.facets ? { facets, ...(facetsExact ? {} : { facetsExact: false }) } : {}),
    tookMs: performance.now() - started,
  };
  if (prepared) lastRecall.set(response, prepared.expandedTsq ?? prepared.exactTsq);
  return response;
}

/** Search-as-you-type: thesaurus terms starting with the input, then titles containing it. */
export async function pgSuggest(q: string, limit = 8): Promise<Suggestion[]> {
  const norm = normalizeText(q).trim();
  const prepared = prepareQuery(q, { expand: false });
  if (!prepared || !norm) return [];
  const th = thesaurus();
  const terms: Suggestion[] = [];
  const compact = norm.replace(/\s+/g, "");
  for (const [form, hits] of th.forms) {
    if (form.startsWith(compact) && form !== compact) {
      terms.push({ text: th.display(hits[0]!.conceptId, form), kind: "term" });
    }
  }
  terms.sort((a, b) => a.text.length - b.text.length);
  const termPart = terms.slice(0, Math.min(3, limit));
  // titles holding the input (title/keyword lexemes), those starting with it first
  const { rows } = await searchQuery<{ id: string; kind: "result" | "need"; title: string }>(
    `SELECT c.id, c.kind, coalesce(r.title, n.title) AS title FROM (
       SELECT d."listingId" AS id, d.kind, d."publishedAt" FROM "SearchDocument" d
       WHERE d.status = 'published' AND d.head @@ $1::tsquery
       ORDER BY d."publishedAt" DESC LIMIT 200
     ) c
     JOIN "SearchText" t ON t.kind = c.kind AND t."listingId" = c.id
     LEFT JOIN "Result" r ON c.kind = 'result' AND r.id = c.id
     LEFT JOIN "Need" n ON c.kind = 'need' AND n.id = c.id
     WHERE strpos(t.title, $2::text) > 0
     ORDER BY (left(t.title, char_length($2::text)) = $2::text) DESC, c."publishedAt" DESC
     LIMIT $3`,
    [prepared.exactTsq, compact, limit - termPart.length],
  );
  return [...termPart, ...rows.map((r) => ({ text: r.title, kind: r.kind, id: r.id }))];
}
