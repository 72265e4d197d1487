// Stripe.js in the Content-Security-Policy: only where card payment is taken, and only when Stripe
// is configured (secret and publishable key). Stripe.js is a script from js.stripe.com that opens
// frames from js.stripe.com and hooks.stripe.com (card fields, 3-D Secure) and calls
// api.stripe.com; every other page keeps the plain policy. docs/decisions/0016-payments-and-stripe.md
import { getEnv } from "../env.server.ts";

export const STRIPE_CSP = {
  "script-src": ["https://js.stripe.com"],
  "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
  "connect-src": ["https://api.stripe.com"],
} as const;

/** Pages where a card payment is made: the lot page, where a bidder pays the deposit. */
const CARD_PAGES = [/^\/auctions\/[^/]+\/?$/];

export function stripeCardConfigured() {
  const env = getEnv();
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY);
}

/** The Stripe sources a page's CSP adds for `directive` (none on other pages or without Stripe). */
export function cardCspSources(path: string, directive: keyof typeof STRIPE_CSP): readonly string[] {
  if (!CARD_PAGES.some((page) => page.test(path)) || path === "/auctions/new") return [];
  return stripeCardConfigured() ? STRIPE_CSP[directive] : [];
}
