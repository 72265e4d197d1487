// The one search interface of the app. Listing pages and GET /api/v1/results|needs call
// searchListings(), then load the rows by id in the returned order and serialise them.
//
// Two engines, one contract: the embedded engine in PostgreSQL (search/pg-engine.server.ts, the
// default) and Meilisearch (search/meili.server.ts) when MEILI_HOST is set. With
// SEARCH_MEMORY_INDEX=1 the embedded engine's searches are answered from an in-process index per
// worker (search/memory-engine.server.ts), PostgreSQL staying the source of truth and fallback.
import { memorySearch } from "./memory-engine.server.ts";
import { memoryIndexEnabled } from "./memory-sync.server.ts";
import { pgSearch, pgSuggest } from "./pg-engine.server.ts";
import type { Beside, BesideDone, SearchParams, SearchResponse, Suggestion } from "./types.ts";
import { getEnv } from "../app/env.server.ts";

export type {
  Beside,
  ListingKind,
  ListingStatusCode,
  SearchFilters,
  SearchParams,
  SearchResponse,
  SearchSort,
  Suggestion,
} from "./types.ts";

export type EngineName = "postgres" | "meilisearch";

/** The engine serving searches in this process: Meilisearch when MEILI_HOST is set. */
export function activeEngine(): EngineName {
  return getEnv().MEILI_HOST ? "meilisearch" : "postgres";
}

/** How the embedded engine answers: from PostgreSQL, or from the in-process index in front of it. */
export function embeddedMode(): "postgres" | "memory" {
  return activeEngine() === "postgres" && memoryIndexEnabled() ? "memory" : "postgres";
}

/** `beside`: see Beside (only the in-process index starts it early; the others leave it to the caller). */
export async function searchListings<T = never>(
  params: SearchParams,
  beside?: Beside<T>,
): Promise<SearchResponse & BesideDone<T>> {
  if (activeEngine() === "meilisearch") {
    const { meiliSearch } = await import("./meili.server.ts");
    return meiliSearch(params);
  }
  return memoryIndexEnabled() ? memorySearch(params, beside) : pgSearch(params);
}

/** Search-as-you-type suggestions: thesaurus terms and published listing titles. */
export async function suggest(q: string, limit = 8): Promise<Suggestion[]> {
  if (activeEngine() === "meilisearch") {
    const { meiliSuggest } = await import("./meili.server.ts");
    return meiliSuggest(q, limit);
  }
  return pgSuggest(q, limit);
}
