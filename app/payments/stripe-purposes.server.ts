// Loads every module that registers a Stripe webhook handler for a payment purpose (with
// registerStripeHandler), so the webhook route sees all of them whatever else was imported first.
// One import per purpose.
import "./settlement-stripe.server.ts";
import "../auctions/card.server.ts";
