// POST /api/v1/payments/:id/dispute {"reason"} — either party disputes a bank payment (recorded
// or confirmed): it no longer counts as paid on the platform until the seller confirms it again.
import { apiAction, noLoader } from "../api/http.server.ts";
import { disputeSchema } from "../payments/schemas.ts";
import { disputePayment } from "../payments/settlement.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST", schema: disputeSchema }, async ({ params, user, input }) => {
  const { payment } = await disputePayment(params.id!, input, user);
  return { payment };
});
