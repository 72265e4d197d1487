// Calling a page's loader or action directly, as a browser with a session cookie would: the
// cookie of a fresh session, GET and form-POST requests, and a runner that returns what the
// handler returned or threw (a redirect, data() with a status, an error page) so a test reads both
// the same way.
import { commitSession, createSession } from "../../app/auth/session.server.ts";

type Args = { request: Request; params: Record<string, string>; context: unknown };
/** A route module's loader or action (each route types its own arguments). */
export type Handler = (args: never) => unknown;

/** The Cookie header value of a new session for the user. */
export async function cookieFor(userId: string) {
  const session = await createSession(userId);
  return (await commitSession(session.id)).split(";")[0]!;
}

export function pageGet(path: string, cookie?: string | null) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** A form POST; a field given several values (an array, or repeated pairs) is sent once per value. */
export function pagePost(
  path: string,
  cookie: string | null | undefined,
  fields: Record<string, string | string[]> | Array<[string, string]>,
) {
  const body = new URLSearchParams();
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [k, v] of pairs) for (const one of [v].flat()) body.append(k, one);
  return new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body });
}

/** What the handler returned, or what it threw. */
export async function runPage(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    return await (handler as (a: Args) => Promise<unknown>)({ request, params, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

/** The HTTP status a page answer stands for: a Response's, data()'s init, an error's; else 200. */
export function pageStatus(r: unknown): number {
  if (r instanceof Response) return r.status;
  const d = r as { init?: { status?: number } | null; status?: unknown } | null;
  if (typeof d?.init?.status === "number") return d.init.status;
  return typeof d?.status === "number" ? d.status : 200;
}

/** The field errors of a conform action's reply (data(submission.reply(), …)): field name → messages. */
export function replyErrors(r: unknown): Record<string, string[]> {
  const reply = (r as { data?: { error?: Record<string, string[] | null> | null } } | null)?.data;
  return Object.fromEntries(Object.entries(reply?.error ?? {}).map(([k, v]) => [k, v ?? []]));
}
