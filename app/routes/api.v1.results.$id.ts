// GET and PATCH /api/v1/results/:id
import { itemAction, itemLoader } from "../listings/api.server.ts";

export const loader = itemLoader("result");
export const action = itemAction("result");
