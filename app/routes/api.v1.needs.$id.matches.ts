// GET /api/v1/needs/:id/matches?limit=10: published results that could solve the need, with score and reasons
import { matchesLoader } from "../listings/search-api.server.ts";

export const loader = matchesLoader("need");
