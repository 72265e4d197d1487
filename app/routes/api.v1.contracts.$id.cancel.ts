// POST /api/v1/contracts/:id/cancel {"reason"} (bureau, admin) — 注销: the contract leaves the totals.
import { apiAction, noLoader } from "../api/http.server.ts";
import { cancelContract } from "../contracts/contracts.server.ts";
import { cancelSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "amend:contract:any", schema: cancelSchema },
  ({ params, input, user }) => cancelContract(params.id!, input, user),
);
