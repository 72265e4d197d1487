// POST /api/v1/payments/:id/confirm — the receiving side (the contract's seller) confirms a bank
// payment's receipt. Once: a second confirm answers 200 with the payment unchanged.
import { apiAction, noLoader } from "../api/http.server.ts";
import { confirmPayment } from "../payments/settlement.server.ts";

export const loader = noLoader;

export const action = apiAction({ method: "POST", permission: "confirm:payment:own" }, async ({ params, user }) => {
  const { payment } = await confirmPayment(params.id!, user);
  return { payment };
});
