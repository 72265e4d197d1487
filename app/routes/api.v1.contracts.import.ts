// POST /api/v1/contracts/import {"contracts":[…]} (bureau, admin) — registered contracts of earlier
// years, all-or-nothing; 400 listing every bad line, 409 when registration numbers repeat.
import { apiAction, noLoader } from "../api/http.server.ts";
import { ContractImportError, importContracts, importErrorToApi } from "../contracts/import.server.ts";
import { importBodySchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  {
    method: "POST",
    permission: "import:contract:any",
    schema: importBodySchema,
    status: 201,
    maxBytes: 20 * 1024 * 1024,
  },
  async ({ input, user }) => {
    try {
      return await importContracts(input.contracts, user);
    } catch (error) {
      if (error instanceof ContractImportError) throw importErrorToApi(error);
      throw error;
    }
  },
);
