import { createContext, type RouterContext } from "react-router";

// The per-request CSP nonce, set by the Express server and read by entry.server. Kept on
// globalThis because this module is loaded twice (by the server through tsx, and bundled into
// the app build); a context key is compared by identity, so both copies must share one object.
const holder = globalThis as unknown as { __gzCspNonceContext?: RouterContext<string> };
export const cspNonceContext: RouterContext<string> = (holder.__gzCspNonceContext ??= createContext<string>(""));
