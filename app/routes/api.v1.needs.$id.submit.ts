// POST /api/v1/needs/:id/submit
import { noLoader } from "../api/http.server.ts";
import { transitionAction } from "../listings/api.server.ts";

export const loader = noLoader;
export const action = transitionAction("need", "submit");
