// GET /api/v1/organizations/:id (public profile), PATCH (description and website: its members, admin)
import { organizationAction, organizationLoader } from "../organizations/api.server.ts";

export const loader = organizationLoader();
export const action = organizationAction();
