// POST /api/v1/memberships/:id/approve | /reject: decides a request to join an organization
// (its members, bureau and admin staff). Someone else's request, or one already decided, is a 404.
import { apiJson, errors, handleApi, requireApiUser } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../api/http.server.ts";
import { decideMembership } from "../organizations/membership.server.ts";

export const loader = noLoader;

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const decision = params.decision;
    if (decision !== "approve" && decision !== "reject") throw errors.notFound();
    const user = await requireApiUser(request);
    const done = await decideMembership(user, params.id ?? "", decision);
    return apiJson({
      id: params.id,
      decision,
      user: {
        id: done.applicant.id,
        name: done.applicant.name,
        organizationId: decision === "approve" ? done.organization.id : null,
      },
      organization: done.organization,
    });
  });
}
