// GET /api/v1/needs (search, filters, pagination) and POST /api/v1/needs (create).
import { collectionAction, collectionLoader } from "../listings/api.server.ts";

export const loader = collectionLoader("need");
export const action = collectionAction("need");
