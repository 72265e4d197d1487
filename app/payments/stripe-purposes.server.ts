// Loads every module that registers a Stripe webhook handler for a payment purpose (with
// registerStripeHandler from ./stripe-handlers.server.ts), so the webhook dispatcher sees all of
// them whatever else was imported first. Imported by stripe-webhook.server.ts. One import per purpose.
import "./settlement-stripe.server.ts";
import "../auctions/card.server.ts";
