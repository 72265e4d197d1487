// POST /api/v1/contracts/:id/review {"decision":"register"|"return"|"reject","note"} (bureau,
// admin) — from submitted only; register assigns the registration number and time.
import { apiAction, noLoader } from "../api/http.server.ts";
import { reviewContract } from "../contracts/contracts.server.ts";
import { reviewSchema } from "../contracts/schemas.ts";

export const loader = noLoader;

export const action = apiAction(
  { method: "POST", permission: "review:contract:any", schema: reviewSchema },
  ({ params, input, user }) => reviewContract(params.id!, input, user),
);
