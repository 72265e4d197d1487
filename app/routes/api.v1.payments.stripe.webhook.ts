// POST /api/v1/payments/stripe/webhook — Stripe's event deliveries. Authenticated by the
// Stripe-Signature header over the raw body, not by a session or token: 400 invalid_signature and
// no change when it does not verify; 200 for a verified event, once or repeated.
import { apiJson, errors, handleApi, MAX_JSON_BYTES } from "../api/api.server.ts";
import { noLoader, requireMethod, type RouteArgs } from "../api/http.server.ts";
import { applyStripeEvent, verifyStripeEvent } from "../payments/stripe-webhook.server.ts";

export const loader = noLoader;

export function action({ request }: RouteArgs) {
  return handleApi(async () => {
    requireMethod(request, "POST");
    if (Number(request.headers.get("Content-Length") ?? "0") > MAX_JSON_BYTES) throw errors.tooLarge();
    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_JSON_BYTES) throw errors.tooLarge();
    const event = verifyStripeEvent(raw, request.headers.get("Stripe-Signature"));
    const { duplicate, effect } = await applyStripeEvent(event);
    return apiJson({ received: true, id: event.id, duplicate, effect });
  });
}
