// GET /api/v1/contracts/registration-points (bureau, admin): the two-digit registration points
// (登记点) that registration numbers carry — the default and each bureau organization's.
// PUT {"organizationId": id | null, "point": "02"}: sets one (null: the default); audited.
import { apiJson, errors, handleApi, requireApiUser, requirePermission } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { listRegistrationPoints, setRegistrationPoint } from "../contracts/registration.server.ts";
import { registrationPointBodySchema } from "../contracts/schemas.ts";
import { prisma } from "../db/db.server.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    requirePermission(user, "configure:registration:any");
    return apiJson(await listRegistrationPoints());
  });
}

export const action = apiAction(
  { method: "PUT", permission: "configure:registration:any", schema: registrationPointBodySchema },
  async ({ input: body, user }) => {
    if (body.organizationId !== null) {
      const org = await prisma.organization.findUnique({ where: { id: body.organizationId }, select: { kind: true } });
      if (!org)
        throw errors.invalid("机构不存在 / No such organization", {
          organizationId: "机构不存在 / No such organization",
        });
      // registration is the bureau's act: only its organizations register contracts
      if (org.kind !== "government") {
        throw errors.invalid(
          "登记点只属于科技局（政府机构） / Registration points belong to the bureau (government organizations)",
          {
            organizationId: "应为政府机构 / must be a government organization",
          },
        );
      }
    }
    await setRegistrationPoint(body.organizationId ?? "default", body.point, user.id);
    return listRegistrationPoints();
  },
);
