// The payments endpoints (contract settlement, paid-on-platform statistics, Stripe webhook), for
// the OpenAPI document. Bodies are the schemas the handlers read (schemas.ts).
import { z } from "zod";
import {
  authErrors,
  date,
  dateTime,
  failure,
  fen,
  fenSum,
  ok,
  writeErrors,
  type ApiRoute,
} from "../api/openapi/spec.ts";
import { GROUP_BY } from "../contracts/schemas.ts";
import { statsQuerySchema } from "../stats/schemas.ts";
import { PAYMENT_METHODS } from "./adapter.ts";
import { disputeSchema, PAYMENT_STATUSES, paymentRecordSchema, scheduleSchema } from "./schemas.ts";

const ContractPayment = z
  .object({
    id: z.string(),
    contractId: z.string(),
    method: z.enum(PAYMENT_METHODS),
    amountFen: fen(),
    paidAt: dateTime().nullable(),
    reference: z
      .string()
      .nullable()
      .describe("bank receipt number (bank transfer), or the platform's HT-… reference (card)"),
    providerPaymentId: z.string().nullable().describe("Stripe PaymentIntent id (card)"),
    status: z
      .enum(PAYMENT_STATUSES)
      .describe("bank: recorded → confirmed | disputed; card: pending → confirmed | failed, confirmed → refunded"),
    payerOrgId: z.string(),
    payeeOrgId: z.string(),
    recordedById: z.string().nullable(),
    confirmedAt: dateTime().nullable(),
    confirmedById: z.string().nullable(),
    disputedAt: dateTime().nullable(),
    disputedById: z.string().nullable(),
    disputeReason: z.string().nullable(),
    failureMessage: z.string().nullable(),
    refundedFen: fen(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .partial({
    paidAt: true,
    reference: true,
    providerPaymentId: true,
    recordedById: true,
    confirmedAt: true,
    confirmedById: true,
    disputedAt: true,
    disputedById: true,
    disputeReason: true,
    failureMessage: true,
    refundedFen: true,
  })
  .meta({ id: "ContractPayment" });

const PaymentMilestone = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    title: z.string(),
    dueDate: date(),
    amountFen: fen(),
    paidFen: fen("confirmed money covering this milestone (in due order)"),
    state: z.enum(["paid", "partly_paid", "overdue", "upcoming"]),
  })
  .meta({ id: "PaymentMilestone" });

const PaymentSchedule = z
  .object({
    contractId: z.string(),
    contractAmountFen: fen(),
    scheduledFen: fen(),
    dueFen: fen(),
    overdueFen: fen(),
    milestones: z.array(PaymentMilestone),
  })
  .meta({ id: "PaymentSchedule" });

const SUMMARY_KEYS = [
  "contractAmountFen",
  "scheduledFen",
  "dueFen",
  "overdueFen",
  "recordedFen",
  "confirmedFen",
  "disputedFen",
  "pendingFen",
  "outstandingFen",
] as const;
const ContractPayments = z
  .object({
    contractId: z.string(),
    contractAmountFen: fen(),
    items: z.array(ContractPayment),
    schedule: z.array(PaymentMilestone),
    summary: z.object(Object.fromEntries(SUMMARY_KEYS.map((k) => [k, fen()]))).partial(),
    methods: z.array(z.enum(PAYMENT_METHODS)).describe("methods offered here (stripe only where configured)"),
    permissions: z
      .object({
        canRecord: z.boolean(),
        canConfirm: z.boolean(),
        canDispute: z.boolean(),
        canEditSchedule: z.boolean(),
      })
      .partial(),
  })
  .meta({ id: "ContractPayments" });

const PaymentStats = z
  .object({
    year: z.number().int(),
    groupBy: z.enum(GROUP_BY),
    totals: z.object({ count: z.number().int(), contracts: z.number().int(), paidFen: fenSum() }),
    groups: z.array(
      z.object({ key: z.string(), count: z.number().int(), contracts: z.number().int(), paidFen: fenSum() }).loose(),
    ),
  })
  .meta({ id: "PaymentStats" });

const StripeWebhookAck = z
  .object({
    received: z.literal(true),
    id: z.string().describe("the event id"),
    duplicate: z.boolean().describe("true when this event id was processed before: nothing changed"),
    effect: z.enum(["applied", "ignored"]),
  })
  .meta({ id: "StripeWebhookAck" });

const paymentBody = z.object({ payment: ContractPayment });

export const paymentApiRoutes: ApiRoute[] = [
  {
    method: "get",
    path: "/api/v1/contracts/{id}/payments",
    operationId: "listContractPayments",
    tags: ["Payments"],
    summary:
      "A contract's payment schedule, payments, sums (due, paid, confirmed) and what the caller may do (parties, staff)",
    responses: { 200: ok(ContractPayments), ...authErrors },
  },
  {
    method: "post",
    path: "/api/v1/contracts/{id}/payments",
    operationId: "recordContractPayment",
    tags: ["Payments"],
    summary: "The buyer side records a payment (bank transfer: with the bank receipt number) or starts a card payment",
    description:
      "Bank transfer → 201 `recorded`, awaiting the seller's confirmation; the same record again → 200 with the existing payment; the same reference with other details → 409 `duplicate_reference`; over the contract amount → 409 `exceeds_contract_amount`. Card (`method: stripe`) → 201 `pending` with `clientSecret` for Stripe.js, confirmed by Stripe's webhook; 409 `method_unavailable` where Stripe is not configured. An `Idempotency-Key` header makes a retried card request return the same payment.",
    request: {
      headers: z.object({ "Idempotency-Key": z.string().max(255).optional() }),
      body: paymentRecordSchema.meta({ id: "PaymentRecordInput" }),
    },
    responses: {
      201: ok(
        z.object({ payment: ContractPayment, clientSecret: z.string().optional() }),
        "recorded (or card payment started)",
      ),
      200: ok(paymentBody, "the same record again: the existing payment"),
      ...writeErrors,
    },
  },
  {
    method: "get",
    path: "/api/v1/contracts/{id}/payment-schedule",
    operationId: "getPaymentSchedule",
    tags: ["Payments"],
    summary: "The contract's payment schedule",
    responses: { 200: ok(PaymentSchedule), ...authErrors },
  },
  {
    method: "put",
    path: "/api/v1/contracts/{id}/payment-schedule",
    operationId: "putPaymentSchedule",
    tags: ["Payments"],
    summary: "Either party replaces the payment schedule (sum ≤ the contract amount)",
    request: { body: scheduleSchema },
    responses: { 200: ok(PaymentSchedule), ...writeErrors },
  },
  {
    method: "post",
    path: "/api/v1/payments/{id}/confirm",
    operationId: "confirmPayment",
    tags: ["Payments"],
    summary: "The receiving side (the seller) confirms a bank payment's receipt; a repeat answers 200 unchanged",
    responses: {
      200: ok(paymentBody),
      ...writeErrors,
      409: failure("`invalid_state`: a card payment, or not recorded/disputed"),
    },
  },
  {
    method: "post",
    path: "/api/v1/payments/{id}/dispute",
    operationId: "disputePayment",
    tags: ["Payments"],
    summary: "Either party disputes a bank payment (it stops counting as paid until confirmed again)",
    request: { body: disputeSchema },
    responses: { 200: ok(paymentBody), ...writeErrors },
  },
  {
    method: "get",
    path: "/api/v1/stats/payments",
    operationId: "paymentStats",
    tags: ["Payments"],
    summary:
      "Paid on the platform: confirmed payments (net of refunds) by year of confirmation, grouped like the contract statistics (bureau, admin)",
    request: { query: statsQuerySchema },
    responses: { 200: ok(PaymentStats), 400: failure("bad year or groupBy"), 401: "Unauthorized", 403: "Forbidden" },
  },
  {
    method: "post",
    path: "/api/v1/payments/stripe/webhook",
    operationId: "stripeWebhook",
    tags: ["Payments"],
    summary: "Stripe event delivery (payment_intent.succeeded, payment_intent.payment_failed, charge.refunded)",
    description:
      "Called by Stripe, not by users: authenticated by the `Stripe-Signature` header (HMAC-SHA256 over the raw body, 300 s tolerance), no token or cookie. Each event id takes effect once, in the same transaction as its effect; a repeat answers 200 with `duplicate: true`. Events may arrive in any order.",
    auth: "none",
    request: {
      headers: z.object({ "Stripe-Signature": z.string().meta({ example: "t=1733472000,v1=5257a8…" }) }),
      body: z.object({}).loose().describe("a Stripe Event object"),
    },
    responses: {
      200: ok(StripeWebhookAck),
      400: failure("`invalid_signature`: bad, missing or stale signature; nothing changed"),
      405: "MethodNotAllowed",
      413: failure("body over 1 MB"),
    },
  },
];
