// GET /api/v1/memberships: the pending requests to join an organization that the caller may
// decide (their own organization's; every one for bureau and admin staff).
import { apiJson, handleApi, requireApiUser } from "../api/api.server.ts";
import { pendingMembershipRequests } from "../organizations/membership.server.ts";

export function loader({ request }: { request: Request }) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const requests = await pendingMembershipRequests(user);
    return apiJson({
      items: requests.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        user: r.user,
        organization: r.organization,
      })),
    });
  });
}
