// POST /api/v1/organizations/:id/verify (bureau, admin)
import { methodNotAllowedHandler, verifyAction } from "../organizations/api.server.ts";

export const loader = methodNotAllowedHandler();
export const action = verifyAction();
