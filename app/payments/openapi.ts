// The OpenAPI paths and schemas of payments (Stripe webhook, contract settlement, paid-on-platform
// statistics), merged into app/api/openapi.ts.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);

export const paymentsOpenApi = {
  schemas: {
    StripeWebhookAck: {
      type: "object",
      required: ["received", "id", "duplicate", "effect"],
      properties: {
        received: { const: true },
        id: { type: "string", description: "the event id" },
        duplicate: { type: "boolean", description: "true when this event id was processed before: nothing changed" },
        effect: { type: "string", enum: ["applied", "ignored"] },
      },
    },
  },
  paths: {
    "/api/v1/payments/stripe/webhook": {
      post: {
        operationId: "stripeWebhook",
        tags: ["Payments"],
        summary: "Stripe event delivery (payment_intent.succeeded, payment_intent.payment_failed, charge.refunded)",
        description:
          "Called by Stripe, not by users: authenticated by the `Stripe-Signature` header (HMAC-SHA256 over the raw body, 300 s tolerance), no token or cookie. Each event id takes effect once, in the same transaction as its effect; a repeat answers 200 with `duplicate: true`. Events may arrive in any order.",
        security: [],
        parameters: [{ name: "Stripe-Signature", in: "header", required: true, schema: { type: "string", example: "t=1733472000,v1=5257a8…" } }],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", description: "a Stripe Event object" } } } },
        responses: {
          "200": json(ref("StripeWebhookAck")),
          "400": error("`invalid_signature`: bad, missing or stale signature; nothing changed"),
          "413": error("body over 1 MB"),
        },
      },
    },
  },
};
