// POST /api/v1/results/:id/submit
import { noLoader } from "../api/http.server.ts";
import { transitionAction } from "../listings/api.server.ts";

export const loader = noLoader;
export const action = transitionAction("result", "submit");
