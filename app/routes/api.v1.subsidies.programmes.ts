// GET /api/v1/subsidies/programmes?year=&code= (public: the programmes are published policy);
// POST /api/v1/subsidies/programmes (bureau, admin): a programme, or a new version of one.
import { apiJson, handleApi, optionalApiUser } from "../api/api.server.ts";
import { apiAction, parseQuery, type RouteArgs } from "../api/http.server.ts";
import { createProgramme, listProgrammes } from "../subsidies/programmes.server.ts";
import { programmeCreateSchema, programmeListQuerySchema } from "../subsidies/schemas.ts";

export function loader({ request }: RouteArgs) {
  return handleApi(async () => {
    await optionalApiUser(request);
    return apiJson(await listProgrammes(parseQuery(request, programmeListQuerySchema)));
  });
}

export const action = apiAction(
  { method: "POST", permission: "manage:subsidy:any", schema: programmeCreateSchema, status: 201 },
  async ({ user, input }) => ({ programme: await createProgramme(input, user) }),
);
