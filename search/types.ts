// The search contract both engines implement (the PostgreSQL engine and Meilisearch): what a
// search asks and what it answers. Types only, so the engines and their front door
// (index.server.ts) depend on it and never on each other's modules.

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
  /**
   * The caller loads the listings' raw text itself (the list's rows hold title and text): an
   * engine may then leave `highlights` empty and return `highlightTerms` for highlightListing().
   */
  rawTextLater?: boolean;
  /**
   * The caller wants the page's list API items (ListItem): an engine that holds them for the
   * listings it answers, in step with PostgreSQL (the in-process index), returns them as `items`
   * instead of starting the caller's `beside` (docs/decisions/0026, "Eighth").
   */
  items?: boolean;
};
/**
 * One listing as the list API serialises it (app/listings/list-json.server.ts): its JSON text,
 * and the raw title and text its highlights are made from.
 */
export type ListItem = { id: string; title: string; body: string | null; json: string };
export type SearchResponse = {
  ids: string[];
  /** exact, except past EXACT_TOTAL_LIMIT hits of a query text: then an estimate, and totalExact is false */
  total: number;
  totalExact?: boolean;
  /** HTML-safe: everything escaped, matched terms wrapped in <mark>…</mark> */
  highlights: Record<string, { title?: string; snippet?: string }>;
  /** set instead of `highlights` when asked to (SearchParams.rawTextLater): the terms to mark */
  highlightTerms?: string[];
  /** dimension (field, maturity, regionCode, orgKind, transferMode) → value → count */
  facets?: Record<string, Record<string, number>>;
  /** false when the facet counts were scaled from the first EXACT_TOTAL_LIMIT hits (see totalExact) */
  facetsExact?: boolean;
  tookMs: number;
  /** with SearchParams.items, when the engine held every listing of the page: their items, in the order of ids */
  items?: ListItem[];
};
/**
 * What a caller does next with a page's ids (loads its rows). An engine may start it before its
 * answer is final, beside its own wait, and hand back its value for exactly the ids it answers
 * (`beside`); when it does not, the caller does it after the search.
 */
export type Beside<T> = (ids: string[]) => Promise<T>;
export type BesideDone<T> = { beside?: { value: T } };
/** One completion of a search box. */
export type Suggestion = { text: string; kind: "result" | "need" | "term"; id?: string };
