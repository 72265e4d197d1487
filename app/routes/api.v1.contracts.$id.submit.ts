// POST /api/v1/contracts/:id/submit — draft/returned → submitted; the seller side, the contract's
// broker, or the bureau.
import { apiAction, noLoader } from "../api/http.server.ts";
import { submitContract } from "../contracts/contracts.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST" }, ({ params, user }) => submitContract(params.id!, user));
