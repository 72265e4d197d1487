// POST /api/v1/needs/:id/review
import { postOnlyLoader, transitionAction } from "../listings/api.server.ts";

export const loader = postOnlyLoader();
export const action = transitionAction("need", "review");
