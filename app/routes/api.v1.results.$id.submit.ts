// POST /api/v1/results/:id/submit
import { postOnlyLoader, transitionAction } from "../listings/api.server.ts";

export const loader = postOnlyLoader();
export const action = transitionAction("result", "submit");
