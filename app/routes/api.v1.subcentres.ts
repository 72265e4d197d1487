// GET /api/v1/subcentres (public): the city centre and its sub-centres (分中心).
// POST /api/v1/subcentres (bureau, admin) → 201.
import { apiJson, handleApi, methodNotAllowed, optionalApiUser } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { createSubcentre, listSubcentres } from "../subcentres/subcentres.server.ts";
import { subcentreCreateSchema } from "../subcentres/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    return apiJson(await listSubcentres());
  });
}

const create = apiAction(
  { method: "POST", permission: "manage:subcentre:any", schema: subcentreCreateSchema, status: 201 },
  ({ user, input }) => createSubcentre(input, user),
);

export function action(args: RouteArgs) {
  if (args.request.method !== "POST")
    return handleApi(async () => {
      throw methodNotAllowed();
    });
  return create(args);
}
