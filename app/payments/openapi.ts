// The OpenAPI paths and schemas of payments (Stripe webhook, contract settlement, paid-on-platform
// statistics), merged into app/api/openapi.ts.
import { GROUP_BY } from "../contracts/schemas.ts";
import { PAYMENT_METHODS } from "./adapter.ts";
import { PAYMENT_STATUSES } from "./schemas.ts";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(ref("Error"), description);
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const fen = { type: "integer", minimum: 0, description: "integer fen (分)" };
const time = { type: "string", format: "date-time" };
const nullable = (t: string) => ({ type: [t, "null"] });
const common = { "401": error("no or bad token"), "403": error("not allowed"), "404": error("not found") };
const write = { ...common, "400": error("invalid input; `fields` names each bad field"), "409": error("not allowed from the current state") };
const paymentBody = json({ type: "object", required: ["payment"], properties: { payment: ref("ContractPayment") } });

export const paymentsOpenApi = {
  schemas: {
    ContractPayment: {
      type: "object",
      properties: {
        id: { type: "string" },
        contractId: { type: "string" },
        method: { type: "string", enum: [...PAYMENT_METHODS] },
        amountFen: fen,
        paidAt: time,
        reference: { type: "string", description: "bank receipt number (bank transfer), or the platform's HT-… reference (card)" },
        providerPaymentId: { ...nullable("string"), description: "Stripe PaymentIntent id (card)" },
        status: { type: "string", enum: [...PAYMENT_STATUSES], description: "bank: recorded → confirmed | disputed; card: pending → confirmed | failed, confirmed → refunded" },
        payerOrgId: { type: "string" },
        payeeOrgId: { type: "string" },
        recordedById: nullable("string"),
        confirmedAt: nullable("string"),
        confirmedById: nullable("string"),
        disputedAt: nullable("string"),
        disputedById: nullable("string"),
        disputeReason: nullable("string"),
        failureMessage: nullable("string"),
        refundedFen: fen,
        createdAt: time,
        updatedAt: time,
      },
    },
    PaymentRecordInput: {
      type: "object",
      additionalProperties: false,
      required: ["amountFen"],
      properties: {
        amountFen: { type: "integer", minimum: 1 },
        method: { type: "string", enum: [...PAYMENT_METHODS], default: "bank_transfer" },
        paidAt: { type: "string", description: "bank transfer (required): YYYY-MM-DD (Asia/Shanghai) or ISO-8601 time, not in the future" },
        reference: { type: "string", maxLength: 64, description: "bank transfer (required): the bank receipt number; one payment per reference and contract" },
      },
    },
    PaymentMilestone: {
      type: "object",
      properties: {
        id: { type: "string" },
        seq: { type: "integer" },
        title: { type: "string" },
        dueDate: { type: "string", format: "date" },
        amountFen: fen,
        paidFen: { ...fen, description: "confirmed money covering this milestone (in due order)" },
        state: { type: "string", enum: ["paid", "partly_paid", "overdue", "upcoming"] },
      },
    },
    PaymentSchedule: {
      type: "object",
      properties: {
        contractId: { type: "string" },
        contractAmountFen: fen,
        scheduledFen: fen,
        dueFen: fen,
        overdueFen: fen,
        milestones: { type: "array", items: ref("PaymentMilestone") },
      },
    },
    ContractPayments: {
      type: "object",
      properties: {
        contractId: { type: "string" },
        contractAmountFen: fen,
        items: { type: "array", items: ref("ContractPayment") },
        schedule: { type: "array", items: ref("PaymentMilestone") },
        summary: {
          type: "object",
          properties: Object.fromEntries(
            ["contractAmountFen", "scheduledFen", "dueFen", "overdueFen", "recordedFen", "confirmedFen", "disputedFen", "pendingFen", "outstandingFen"].map((k) => [k, fen]),
          ),
        },
        methods: { type: "array", items: { type: "string", enum: [...PAYMENT_METHODS] }, description: "methods offered here (stripe only where configured)" },
        permissions: { type: "object", properties: { canRecord: { type: "boolean" }, canConfirm: { type: "boolean" }, canDispute: { type: "boolean" }, canEditSchedule: { type: "boolean" } } },
      },
    },
    PaymentStats: {
      type: "object",
      properties: {
        year: { type: "integer" },
        groupBy: { type: "string", enum: [...GROUP_BY] },
        totals: { type: "object", properties: { count: { type: "integer" }, contracts: { type: "integer" }, paidFen: fen } },
        groups: { type: "array", items: { type: "object", properties: { key: { type: "string" }, count: { type: "integer" }, contracts: { type: "integer" }, paidFen: fen } } },
      },
    },
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
    "/api/v1/contracts/{id}/payments": {
      get: {
        operationId: "listContractPayments",
        tags: ["Payments"],
        summary: "A contract's payment schedule, payments, sums (due, paid, confirmed) and what the caller may do (parties, staff)",
        parameters: [idParam],
        responses: { "200": json(ref("ContractPayments")), ...common },
      },
      post: {
        operationId: "recordContractPayment",
        tags: ["Payments"],
        summary: "The buyer side records a payment (bank transfer: with the bank receipt number) or starts a card payment",
        description:
          "Bank transfer → 201 `recorded`, awaiting the seller's confirmation; the same record again → 200 with the existing payment; the same reference with other details → 409 `duplicate_reference`; over the contract amount → 409 `exceeds_contract_amount`. Card (`method: stripe`) → 201 `pending` with `clientSecret` for Stripe.js, confirmed by Stripe's webhook; 409 `method_unavailable` where Stripe is not configured. An `Idempotency-Key` header makes a retried card request return the same payment.",
        parameters: [idParam, { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }],
        requestBody: body(ref("PaymentRecordInput")),
        responses: {
          "201": json({ type: "object", required: ["payment"], properties: { payment: ref("ContractPayment"), clientSecret: { type: "string" } } }, "recorded (or card payment started)"),
          "200": paymentBody,
          ...write,
        },
      },
    },
    "/api/v1/contracts/{id}/payment-schedule": {
      get: { operationId: "getPaymentSchedule", tags: ["Payments"], summary: "The contract's payment schedule", parameters: [idParam], responses: { "200": json(ref("PaymentSchedule")), ...common } },
      put: {
        operationId: "putPaymentSchedule",
        tags: ["Payments"],
        summary: "Either party replaces the payment schedule (sum ≤ the contract amount)",
        parameters: [idParam],
        requestBody: body({
          type: "object",
          additionalProperties: false,
          required: ["milestones"],
          properties: {
            milestones: {
              type: "array",
              maxItems: 24,
              items: { type: "object", required: ["title", "dueDate", "amountFen"], properties: { title: { type: "string", maxLength: 100 }, dueDate: { type: "string", format: "date" }, amountFen: { type: "integer", minimum: 1 } } },
            },
          },
        }),
        responses: { "200": json(ref("PaymentSchedule")), ...write },
      },
    },
    "/api/v1/payments/{id}/confirm": {
      post: {
        operationId: "confirmPayment",
        tags: ["Payments"],
        summary: "The receiving side (the seller) confirms a bank payment's receipt; a repeat answers 200 unchanged",
        parameters: [idParam],
        responses: { "200": paymentBody, ...common, "409": error("`invalid_state`: a card payment, or not recorded/disputed") },
      },
    },
    "/api/v1/payments/{id}/dispute": {
      post: {
        operationId: "disputePayment",
        tags: ["Payments"],
        summary: "Either party disputes a bank payment (it stops counting as paid until confirmed again)",
        parameters: [idParam],
        requestBody: body({ type: "object", additionalProperties: false, required: ["reason"], properties: { reason: { type: "string", maxLength: 1000 } } }),
        responses: { "200": paymentBody, ...write },
      },
    },
    "/api/v1/stats/payments": {
      get: {
        operationId: "paymentStats",
        tags: ["Payments"],
        summary: "Paid on the platform: confirmed payments (net of refunds) by year of confirmation, grouped like the contract statistics (bureau, admin)",
        parameters: [
          { name: "year", in: "query", required: true, schema: { type: "integer" } },
          { name: "groupBy", in: "query", required: false, schema: { type: "string", enum: [...GROUP_BY], default: "type" } },
        ],
        responses: { "200": json(ref("PaymentStats")), "400": error("bad year or groupBy"), "401": error("no or bad token"), "403": error("not allowed") },
      },
    },
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
