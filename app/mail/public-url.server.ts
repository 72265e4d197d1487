// Absolute links (in mail) are built only from configuration. The Host header of a request is
// chosen by whoever sends it: a reset link built from it would mail a working token to their
// server. Production refuses to start without PUBLIC_URL (app/env.server.ts); development and
// tests fall back to the address this server listens on.
import { getEnv } from "../env.server.ts";
import { normalizeLocale } from "../i18n/i18n.ts";

/** The origin (and optional path prefix) links start with, without a trailing slash. */
export function publicBaseUrl(): string {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  if (getEnv().NODE_ENV === "production") {
    // start-up validation makes this unreachable for the server; a stray caller must not guess
    throw new Error("PUBLIC_URL is not set: links in mail need the public address of the site");
  }
  return `http://localhost:${getEnv().PORT}`;
}

/**
 * `path` (starting with "/") on the public site, in the recipient's language: every link in mail
 * carries `?lng=` (docs/decisions/0024, 0031), so whoever opens it — on another device, signed out,
 * or in a browser set to another language — reads the page in the language the mail was written in.
 */
export function publicLink(path: string, recipientLocale: string | null | undefined): string {
  const url = new URL(path, "http://public.invalid");
  url.searchParams.set("lng", normalizeLocale(recipientLocale));
  return `${publicBaseUrl()}${url.pathname}${url.search}${url.hash}`;
}
