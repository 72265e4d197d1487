// A local double of the parts of Stripe's API this app calls, for tests and demos: Stripe's servers
// are unreachable from this machine and stripe-mock is not installable here (docs/decisions/0008).
// It speaks Stripe's wire format — form-encoded bodies, Bearer secret key, Stripe-shaped JSON
// objects and errors — and honours Idempotency-Key like Stripe (same key + same parameters →
// the stored response with `Idempotent-Replayed: true`; same key + other parameters → 400
// idempotency_error). Implemented: POST/GET /v1/payment_intents, POST
// /v1/payment_intents/:id/{confirm,cancel}, POST/GET /v1/refunds.
//
// Helpers simulate what a card holder and Stripe do (succeed, fail, refund) and build signed
// webhook events (stripe.webhooks.generateTestHeaderString); with `webhookUrl` they also deliver
// them. Run alone for a demo: `npx tsx tests/support/stripe-double.ts` (prints the env to set).
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type StripeDoubleOptions = {
  port?: number;
  /** the whsec_… the app verifies with (STRIPE_WEBHOOK_SECRET); default generated */
  webhookSecret?: string;
  /** where succeed/fail/refund deliver their events; none → only returned */
  webhookUrl?: string;
};

export type StripeEventPayload = {
  id: string;
  object: "event";
  type: string;
  created: number;
  livemode: false;
  api_version: string;
  data: { object: Obj };
};

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (a[b]=1&c[0]=x) back into an object. */
export function parseStripeForm(body: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    for (let i = 0; i < path.length - 1; i++) node = node[path[i]!] ??= {};
    node[path[path.length - 1]!] = value;
  }
  return out;
}

function stripeError(status: number, type: string, message: string, extra: Obj = {}) {
  return { status, body: { error: { type, message, ...extra } } };
}

export async function startStripeDouble(options: StripeDoubleOptions = {}) {
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString("hex")}`;
  const paymentIntents = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  const refunds = new Map<string, Obj>();
  const idempotency = new Map<string, { params: string; status: number; body: Obj }>();
  const requests: Array<{
    method: string;
    path: string;
    params: Obj;
    idempotencyKey: string | null;
    replayed: boolean;
  }> = [];
  const failures: Array<{ status: number; body: Obj }> = [];
  let webhookUrl = options.webhookUrl;

  function handle(method: string, path: string, params: Obj): { status: number; body: Obj } {
    const injected = failures.shift();
    if (injected) return injected;
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/payment_intents") {
      const amount = Number(params.amount);
      if (!Number.isInteger(amount) || amount < 1)
        return stripeError(400, "invalid_request_error", "Invalid integer amount", { param: "amount" });
      if (amount > 99_999_999)
        return stripeError(400, "invalid_request_error", "Amount must be no more than 999,999.99", { param: "amount" });
      if (!params.currency)
        return stripeError(400, "invalid_request_error", "Missing required param: currency.", { param: "currency" });
      const pi = {
        id: id("pi"),
        object: "payment_intent",
        amount,
        amount_received: 0,
        currency: String(params.currency).toLowerCase(),
        capture_method: params.capture_method ?? "automatic",
        client_secret: "",
        created: now(),
        description: params.description ?? null,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: params.metadata ?? {},
        status: "requires_payment_method",
      };
      pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString("hex")}`;
      paymentIntents.set(pi.id, pi);
      return { status: 200, body: pi };
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === "GET") {
      const pi = paymentIntents.get(m[1]!);
      return pi
        ? { status: 200, body: pi }
        : stripeError(404, "invalid_request_error", `No such payment_intent: '${m[1]}'`, { code: "resource_missing" });
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/(confirm|cancel)$/.exec(path)) && method === "POST") {
      const pi = paymentIntents.get(m[1]!);
      if (!pi)
        return stripeError(404, "invalid_request_error", `No such payment_intent: '${m[1]}'`, {
          code: "resource_missing",
        });
      if (m[2] === "cancel") {
        if (pi.status === "succeeded")
          return stripeError(
            400,
            "invalid_request_error",
            "You cannot cancel this PaymentIntent because it has a status of succeeded.",
          );
        pi.status = "canceled";
      } else succeedIntent(pi);
      return { status: 200, body: pi };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const pi = paymentIntents.get(String(params.payment_intent ?? ""));
      if (!pi)
        return stripeError(404, "invalid_request_error", `No such payment_intent: '${params.payment_intent}'`, {
          code: "resource_missing",
        });
      const charge = pi.latest_charge ? charges.get(pi.latest_charge) : undefined;
      if (!charge || pi.status !== "succeeded")
        return stripeError(
          400,
          "invalid_request_error",
          "This PaymentIntent does not have a successful charge to refund.",
        );
      const amount = params.amount === undefined ? charge.amount - charge.amount_refunded : Number(params.amount);
      if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount - charge.amount_refunded) {
        return stripeError(
          400,
          "invalid_request_error",
          `Refund amount (${params.amount}) is greater than unrefunded amount on charge`,
          { param: "amount" },
        );
      }
      const refund = {
        id: id("re"),
        object: "refund",
        amount,
        charge: charge.id,
        currency: charge.currency,
        created: now(),
        metadata: params.metadata ?? {},
        payment_intent: pi.id,
        status: "succeeded",
      };
      refunds.set(refund.id, refund);
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return { status: 200, body: refund };
    }
    if ((m = /^\/v1\/refunds\/([^/]+)$/.exec(path)) && method === "GET") {
      const refund = refunds.get(m[1]!);
      return refund
        ? { status: 200, body: refund }
        : stripeError(404, "invalid_request_error", `No such refund: '${m[1]}'`, { code: "resource_missing" });
    }
    return stripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  function succeedIntent(pi: Obj) {
    if (pi.status === "succeeded") return;
    const charge = {
      id: id("ch"),
      object: "charge",
      amount: pi.amount,
      amount_captured: pi.amount,
      amount_refunded: 0,
      captured: true,
      currency: pi.currency,
      created: now(),
      metadata: { ...pi.metadata },
      paid: true,
      payment_intent: pi.id,
      refunded: false,
      status: "succeeded",
    };
    charges.set(charge.id, charge);
    Object.assign(pi, {
      status: "succeeded",
      amount_received: pi.amount,
      latest_charge: charge.id,
      last_payment_error: null,
    });
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const method = req.method ?? "GET";
      const params = method === "GET" ? Object.fromEntries(url.searchParams) : parseStripeForm(raw);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      const send = (status: number, body: Obj, replayed = false) => {
        requests.push({ method, path: url.pathname, params, idempotencyKey: key, replayed });
        res.writeHead(status, {
          "Content-Type": "application/json",
          "Request-Id": id("req"),
          ...(key ? { "Idempotency-Key": key } : {}),
          ...(replayed ? { "Idempotent-Replayed": "true" } : {}),
        });
        res.end(JSON.stringify(body));
      };
      // Control endpoints (not Stripe's): what a card holder does on Stripe's page, for demos and
      // browser tests: POST /_double/payment_intents/:id/succeed|fail delivers the event.
      const control = /^\/_double\/payment_intents\/([^/]+)\/(succeed|fail)$/.exec(url.pathname);
      if (control && method === "POST") {
        if (!paymentIntents.has(control[1]!))
          return send(404, { error: { type: "invalid_request_error", message: "No such payment_intent" } });
        const run = control[2] === "succeed" ? api.succeed(control[1]!) : api.fail(control[1]!);
        run.then(
          (r) => send(200, { event: r.event.id, delivery: r.delivery }),
          (e: Error) => send(500, { error: { type: "api_error", message: e.message } }),
        );
        return;
      }
      if (!/^Bearer sk_/.test(req.headers.authorization ?? "")) {
        return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      }
      if (method === "POST" && key) {
        const signature = `${url.pathname}\n${raw}`;
        const stored = idempotency.get(key);
        if (stored) {
          if (stored.params !== signature) {
            return send(400, {
              error: {
                type: "idempotency_error",
                message:
                  "Keys for idempotent requests can only be used with the same parameters they were first used with.",
              },
            });
          }
          return send(stored.status, stored.body, true);
        }
        const result = handle(method, url.pathname, params);
        // Stripe does not store 5xx responses for a key: a retry runs the request again
        if (result.status < 500) idempotency.set(key, { params: signature, ...result });
        return send(result.status, result.body);
      }
      const result = handle(method, url.pathname, params);
      send(result.status, result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function event(type: string, object: Obj, eventId = id("evt")): StripeEventPayload {
    return {
      id: eventId,
      object: "event",
      type,
      created: now(),
      livemode: false,
      api_version: "2025-01-27.acacia",
      data: { object: structuredClone(object) },
    };
  }

  /** The event as Stripe would POST it: the JSON body and its Stripe-Signature header. */
  function sign(evt: StripeEventPayload, opts: { secret?: string; timestamp?: number } = {}) {
    const payload = JSON.stringify(evt);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? webhookSecret,
      timestamp: opts.timestamp,
    });
    return { payload, header };
  }

  async function deliver(evt: StripeEventPayload) {
    if (!webhookUrl) return null;
    const { payload, header } = sign(evt);
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": header },
      body: payload,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  function intent(piId: string) {
    const pi = paymentIntents.get(piId);
    if (!pi) throw new Error(`stripe double: no PaymentIntent ${piId}`);
    return pi;
  }

  const api = {
    url,
    webhookSecret,
    /** STRIPE_* values that point the app at this double */
    env: { STRIPE_SECRET_KEY: "sk_test_double", STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: url },
    paymentIntents,
    charges,
    refunds,
    requests,
    setWebhookUrl(next: string | undefined) {
      webhookUrl = next;
    },
    /** The next request answers this instead (e.g. 500 api_error, 402 card_error). */
    failNext(status = 500, error: Obj = { type: "api_error", message: "Something went wrong on Stripe's end." }) {
      failures.push({ status, body: { error } });
    },
    event,
    sign,
    deliver,
    /** The card holder paid: the intent succeeds with a charge; returns (and delivers) payment_intent.succeeded. */
    async succeed(piId: string) {
      const pi = intent(piId);
      succeedIntent(pi);
      const evt = event("payment_intent.succeeded", pi);
      return { event: evt, delivery: await deliver(evt) };
    },
    /** The card was declined: returns (and delivers) payment_intent.payment_failed. */
    async fail(piId: string, message = "Your card was declined.") {
      const pi = intent(piId);
      Object.assign(pi, {
        status: "requires_payment_method",
        last_payment_error: { type: "card_error", code: "card_declined", message },
      });
      const evt = event("payment_intent.payment_failed", pi);
      return { event: evt, delivery: await deliver(evt) };
    },
    /** The charge.refunded event for the intent's charge as it stands now (after a refund). */
    async refunded(piId: string) {
      const pi = intent(piId);
      const charge = charges.get(pi.latest_charge);
      if (!charge) throw new Error(`stripe double: ${piId} has no charge`);
      const evt = event("charge.refunded", charge);
      return { event: evt, delivery: await deliver(evt) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}

export type StripeDouble = Awaited<ReturnType<typeof startStripeDouble>>;

// Standalone for demos: prints the environment to give `npm run dev`, delivers to WEBHOOK_URL.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.STRIPE_DOUBLE_PORT ?? 12111);
  const double = await startStripeDouble({
    port,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
    webhookUrl: process.env.WEBHOOK_URL,
  });
  console.log(
    `Stripe API double on ${double.url}\n${Object.entries(double.env)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}`,
  );
}
