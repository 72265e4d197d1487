// POST /api/v1/contracts/import {"contracts":[…]} (bureau, admin) — registered contracts of earlier
// years, all-or-nothing; 400 listing every bad line, 409 when registration numbers repeat.
import { apiJson, handleApi, readJson, requireApiUser, requirePermission } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../contracts/http.server.ts";
import { ContractImportError, importContracts, importErrorToApi } from "../contracts/import.server.ts";
import { importBodySchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    const user = await requireApiUser(request);
    requirePermission(user, "import:contract:any");
    const body = await readJson(request, importBodySchema);
    try {
      const result = await importContracts(body.contracts, user);
      return apiJson(result, 201);
    } catch (error) {
      if (error instanceof ContractImportError) throw importErrorToApi(error);
      throw error;
    }
  });
}
