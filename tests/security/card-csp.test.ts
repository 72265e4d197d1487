// Stripe.js in the Content-Security-Policy (docs/decisions/0016-payments-and-stripe.md): the lot
// page, where a bidder pays the deposit, allows js.stripe.com (script, frame), hooks.stripe.com
// (frame) and api.stripe.com (connect) when Stripe is configured with both keys — and no page
// does otherwise. (Stripe's servers are unreachable here: this checks the header, not Stripe.js.)
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "./server.ts";
import { announcedLot } from "../api/auctions-helpers.ts";

let withStripe: RunningServer;
let secretOnly: RunningServer;

beforeAll(async () => {
  const common = { NODE_ENV: "development", DATABASE_URL: process.env.DATABASE_URL, STRIPE_PUBLISHABLE_KEY: undefined };
  [withStripe, secretOnly] = await Promise.all([
    startServer({ ...common, STRIPE_SECRET_KEY: "sk_test_csp", STRIPE_PUBLISHABLE_KEY: "pk_test_csp" }),
    startServer({ ...common, STRIPE_SECRET_KEY: "sk_test_csp" }),
  ]);
}, 600_000);
afterAll(async () => {
  await Promise.all([withStripe?.stop(), secretOnly?.stop()]);
});

async function csp(server: RunningServer, path: string) {
  const res = await fetch(`${server.base}${path}`, { redirect: "manual" });
  await res.arrayBuffer();
  const directives = new Map<string, string[]>();
  for (const part of (res.headers.get("content-security-policy") ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return { status: res.status, directives };
}

test("the deposit page allows Stripe.js's origins only when Stripe is configured", async () => {
  const { id } = await announcedLot();
  const page = await csp(withStripe, `/auctions/${id}`);
  expect(page.status).toBe(200);
  expect(page.directives.get("script-src")).toEqual(
    expect.arrayContaining(["https://js.stripe.com", "'strict-dynamic'"]),
  );
  expect(page.directives.get("frame-src")).toEqual(["'self'", "https://js.stripe.com", "https://hooks.stripe.com"]);
  expect(page.directives.get("connect-src")).toContain("https://api.stripe.com");

  // without the publishable key card payment cannot be shown: the page keeps the plain policy
  const plain = await csp(secretOnly, `/auctions/${id}`);
  expect(plain.status).toBe(200);
  expect([...plain.directives.values()].flat().join(" ")).not.toContain("stripe.com");
  expect(plain.directives.get("frame-src")).toEqual(["'self'"]);

  // other pages never allow Stripe, configured or not
  for (const path of ["/", "/auctions", "/auctions/new", `/auctions/${id}/x`]) {
    const other = await csp(withStripe, path);
    expect([...other.directives.values()].flat().join(" "), path).not.toContain("stripe.com");
  }
}, 120_000);
