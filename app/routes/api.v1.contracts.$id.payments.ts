// GET /api/v1/contracts/:id/payments — the contract's payment schedule, payments and sums (the
// parties and staff). POST — the buyer side records a payment: {"amountFen","method","paidAt",
// "reference"} (bank transfer: the bank receipt number) → 201 {"payment"}; the same record again
// (double click, retry) → 200 with the existing payment. Card ("method":"stripe", where Stripe is
// configured) → 201 {"payment" (pending),"clientSecret"}; an Idempotency-Key header makes a retry
// return the same payment.
import { apiJson, errors, handleApi, requireApiUser } from "../api/api.server.ts";
import { apiAction, type RouteArgs } from "../api/http.server.ts";
import { paymentRecordSchema } from "../payments/schemas.ts";
import { listPayments, recordPayment } from "../payments/settlement.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    return apiJson(await listPayments(params.id!, user));
  });
}

export const action = apiAction(
  { method: "POST", permission: "record:payment:own", schema: paymentRecordSchema },
  async ({ request, params, user, input }) => {
    const key = request.headers.get("Idempotency-Key")?.trim() || undefined;
    if (key && key.length > 255)
      throw errors.invalid("Idempotency-Key 不超过 255 个字符 / Idempotency-Key is at most 255 characters", {
        "Idempotency-Key": "≤ 255",
      });
    const result = await recordPayment(params.id!, input, user, { idempotencyKey: key });
    const body = {
      payment: result.payment,
      ...("clientSecret" in result && result.clientSecret ? { clientSecret: result.clientSecret } : {}),
    };
    return apiJson(body, result.created ? 201 : 200);
  },
);
