// POST /api/v1/results/:id/review
import { postOnlyLoader, transitionAction } from "../listings/api.server.ts";

export const loader = postOnlyLoader();
export const action = transitionAction("result", "review");
