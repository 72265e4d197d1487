// GET /api/v1/results (search, filters, pagination) and POST /api/v1/results (create).
import { collectionAction, collectionLoader } from "../listings/api.server.ts";

export const loader = collectionLoader("result");
export const action = collectionAction("result");
