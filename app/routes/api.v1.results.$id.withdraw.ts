// POST /api/v1/results/:id/withdraw
import { noLoader } from "../api/http.server.ts";
import { transitionAction } from "../listings/api.server.ts";

export const loader = noLoader;
export const action = transitionAction("result", "withdraw");
