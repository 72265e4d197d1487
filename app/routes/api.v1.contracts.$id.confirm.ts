// POST /api/v1/contracts/:id/confirm — a member of the buyer or seller organization confirms the
// contract's current terms for their side (docs/decisions/0018-contract-consent.md).
import { apiAction, noLoader } from "../api/http.server.ts";
import { confirmContract } from "../contracts/consent.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST" }, ({ params, user }) => confirmContract(params.id!, user));
