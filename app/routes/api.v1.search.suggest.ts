// GET /api/v1/search/suggest?q=&limit=8: search-as-you-type suggestions (thesaurus terms, published titles)
import { suggestLoader } from "../listings/search-api.server.ts";

export const loader = suggestLoader();
