// POST /api/v1/organizations/:id/verify (bureau, admin)
import { noLoader } from "../api/http.server.ts";
import { verifyAction } from "../organizations/api.server.ts";

export const loader = noLoader;
export const action = verifyAction();
