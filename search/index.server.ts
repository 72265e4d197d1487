// The one search interface of the app. Listing pages and GET /api/v1/results|needs call
// searchListings(), then load the rows by id in the returned order and serialise them.
//
// Two engines, one contract: the embedded engine in PostgreSQL (search/pg-engine.server.ts, the
// default) and Meilisearch (search/meili.server.ts) when MEILI_HOST is set.
import { pgSearch, pgSuggest } from "./pg-engine.server.ts";
import type { SearchParams, SearchResponse, Suggestion } from "./types.ts";
import { getEnv } from "../app/env.server.ts";

export type {
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
