// The one search interface of the app (issue #3). Listing pages and GET /api/v1/results|needs call
// searchListings(), then load the rows by id in the returned order and serialise them.
//
// Two engines, one contract: the embedded engine in PostgreSQL (search/pg-engine.server.ts, the
// default) and Meilisearch (search/meili.server.ts) when MEILI_HOST is set.
import { pgSearch, pgSuggest, type Suggestion } from "./pg-engine.server.ts";

export type ListingKind = "result" | "need";
export type ListingStatusCode = "draft" | "pending_review" | "published" | "rejected" | "withdrawn";
export type SearchFilters = {
  field?: string[];
  /** results only */
  maturity?: string[];
  /** organization's GB/T 2260 code; a city (xxxx00) or province (xx0000) code covers its subdivisions */
  regionCode?: string[];
  /** results: any of `transferModes`; needs: `cooperationMode` */
  transferMode?: string[];
  /** results: `priceFen`; needs: `budgetFen` (listings without a price are left out by a price filter) */
  priceMinFen?: number;
  priceMaxFen?: number;
  orgKind?: string[];
  organizationId?: string;
};
export type SearchSort = "relevance" | "newest" | "price_asc" | "price_desc";
export type SearchParams = {
  kind: ListingKind;
  q?: string;
  filters?: SearchFilters;
  /** default ["published"] */
  statuses?: ListingStatusCode[];
  /** default: relevance when q has terms, otherwise newest (publishedAt desc, then createdAt desc) */
  sort?: SearchSort;
  page: number;
  /** 1..100 */
  pageSize: number;
  facets?: boolean;
};
export type SearchResponse = {
  ids: string[];
  /** exact, except past EXACT_TOTAL_LIMIT hits of a query text: then an estimate, and totalExact is false */
  total: number;
  totalExact?: boolean;
  /** HTML-safe: everything escaped, matched terms wrapped in <mark>…</mark> */
  highlights: Record<string, { title?: string; snippet?: string }>;
  /** dimension (field, maturity, regionCode, orgKind, transferMode) → value → count */
  facets?: Record<string, Record<string, number>>;
  /** false when the facet counts were scaled from the first EXACT_TOTAL_LIMIT hits (see totalExact) */
  facetsExact?: boolean;
  tookMs: number;
};
export type { Suggestion };

export type EngineName = "postgres" | "meilisearch";

/** The engine serving searches in this process: Meilisearch when MEILI_HOST is set. */
export function activeEngine(): EngineName {
  return process.env.MEILI_HOST ? "meilisearch" : "postgres";
}

export async function searchListings(params: SearchParams): Promise<SearchResponse> {
  if (activeEngine() === "meilisearch") {
    const { meiliSearch } = await import("./meili.server.ts");
    return meiliSearch(params);
  }
  return pgSearch(params);
}

/** Search-as-you-type suggestions: thesaurus terms and published listing titles. */
export async function suggest(q: string, limit = 8): Promise<Suggestion[]> {
  if (activeEngine() === "meilisearch") {
    const { meiliSuggest } = await import("./meili.server.ts");
    return meiliSuggest(q, limit);
  }
  return pgSuggest(q, limit);
}
