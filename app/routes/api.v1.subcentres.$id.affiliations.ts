// POST /api/v1/subcentres/:id/affiliations {"organizationIds"} (bureau, admin): the organizations
// are affiliated with this sub-centre from now on (their later listings and contracts carry it).
import { apiAction, noLoader } from "../api/http.server.ts";
import { affiliateOrganizations } from "../subcentres/subcentres.server.ts";
import { affiliationSchema } from "../subcentres/schemas.ts";

export const loader = noLoader;
export const action = apiAction(
  { method: "POST", permission: "manage:subcentre:any", schema: affiliationSchema },
  ({ params, user, input }) => affiliateOrganizations(params.id ?? "", input.organizationIds, user),
);
