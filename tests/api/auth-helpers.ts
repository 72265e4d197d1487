// Calling the accounts pages' loaders and actions directly, with cookies, as the browser would.
import { hashPassword } from "../../app/auth/password.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import type { Role } from "../../app/domain/catalog.ts";
import { makeOrg } from "../factories.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route module's loader or action, whatever its Route.*Args
type Handler = (args: any) => unknown;

export type Outcome = {
  status: number;
  /** the redirect target, for redirects */
  location: string | null;
  setCookie: string[];
  /** the action's data (for `data(...)` and plain objects) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own route's shape; per-route typing is still to do
  data: any;
};

/** A form POST (or any method) to a path; `cookie` is sent as the Cookie header. */
export function formRequest(
  path: string,
  fields: Record<string, string> = {},
  opts: { method?: string; cookie?: string | null } = {},
) {
  const method = opts.method ?? "POST";
  const headers: Record<string, string> = { "User-Agent": "vitest" };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : new URLSearchParams(fields),
  });
}

/** Runs a loader or action; thrown responses (redirects, 403s) are outcomes too. */
export async function run(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  let result: unknown;
  try {
    result = await handler({ request, params, context: {} });
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return {
      status: result.status,
      location: result.headers.get("Location"),
      setCookie: result.headers.getSetCookie(),
      data,
    };
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const d = result as { data: unknown; init: ResponseInit | null };
    const headers = new Headers(d.init?.headers);
    return { status: d.init?.status ?? 200, location: null, setCookie: headers.getSetCookie(), data: d.data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, setCookie: [], data: result };
}

/** "gz_session=…" from Set-Cookie headers, for the next request's Cookie header. */
export function sessionCookieFrom(outcome: Outcome) {
  const cookie = outcome.setCookie.find((c) => c.startsWith("gz_session="));
  return cookie ? cookie.split(";")[0]! : null;
}

export const GOOD_PASSWORD = "Tungsten-Carbide-88";

let serial = 0;
/** A user with a password (and an organization for researcher/company/broker). */
export async function makeAccount(role: Role, opts: { password?: string; email?: string; verified?: boolean } = {}) {
  serial += 1;
  const org = ["researcher", "company", "broker"].includes(role)
    ? await makeOrg({ verified: opts.verified ?? true })
    : null;
  const user = await prisma.user.create({
    data: {
      email: opts.email ?? `acct${serial}-${Date.now()}@test.local`,
      name: `用户${serial}`,
      role,
      organizationId: org?.id ?? null,
      password: { create: { hash: await hashPassword(opts.password ?? GOOD_PASSWORD) } },
    },
  });
  return { user, org };
}

/** Logs in through the real login action and returns the Cookie header value. */
export async function loginCookie(email: string, password = GOOD_PASSWORD) {
  const { action } = await import("../../app/routes/login.tsx");
  const outcome = await run(action, formRequest("/login", { email, password }));
  const cookie = sessionCookieFrom(outcome);
  if (!cookie) throw new Error(`login failed: ${JSON.stringify(outcome.data)}`);
  return cookie;
}
