// GET /api/v1/organizations/:id (public profile)
import { methodNotAllowedHandler, organizationLoader } from "../organizations/api.server.ts";

export const loader = organizationLoader();
export const action = methodNotAllowedHandler();
