import { createContext, type RouterContext } from "react-router";

// The per-request CSP nonce, set by the Express server and read by entry.server. Kept on
// globalThis because this module is loaded twice (by the server through tsx, and bundled into
// the app build); a context key is compared by identity, so both copies must share one object.
const holder = globalThis as unknown as { __gzCspNonceContext?: RouterContext<string> };
export const cspNonceContext: RouterContext<string> = (holder.__gzCspNonceContext ??= createContext<string>(""));

// The client's address as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts).
const ipHolder = globalThis as unknown as { __gzClientIpContext?: RouterContext<string | null> };
export const clientIpContext: RouterContext<string | null> = (ipHolder.__gzClientIpContext ??= createContext<
  string | null
>(null));

/** The client address from a loader's or action's context; null outside the Express server. */
export function clientIp(context: unknown): string | null {
  if (!context || typeof (context as { get?: unknown }).get !== "function") return null;
  try {
    return (context as { get: (c: RouterContext<string | null>) => string | null }).get(clientIpContext);
  } catch {
    return null;
  }
}
