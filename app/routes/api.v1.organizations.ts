// GET /api/v1/organizations?q= (name search) and POST /api/v1/organizations (bureau, admin).
import { organizationsAction, organizationsLoader } from "../organizations/api.server.ts";

export const loader = organizationsLoader();
export const action = organizationsAction();
