// GET and PATCH /api/v1/needs/:id
import { itemAction, itemLoader } from "../listings/api.server.ts";

export const loader = itemLoader("need");
export const action = itemAction("need");
