// GET /api/v1/results/:id/matches?limit=10: published needs the result could answer, with score and reasons
import { matchesLoader } from "../listings/search-api.server.ts";

export const loader = matchesLoader("result");
