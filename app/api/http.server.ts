// The glue every /api/v1 route module uses around app/api/api.server.ts: the query string through
// a zod schema, method checks, the 405 loader of write-only endpoints, and `apiAction`, which turns
// "method, who may, body schema, then do it" into one call so a route module is a few lines.
import type { z } from "zod";
import type { Permission } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { knownLocale, localeFromRequest, urlLocale, type Locale } from "../i18n/i18n.ts";
import { findBadUrlText, textProblem } from "./text-rule.ts";
import {
  apiJson,
  errors,
  handleApi,
  invalidFromZod,
  methodNotAllowed,
  readJson,
  requireApiUser,
  requirePermission,
} from "./api.server.ts";

/** What our API loaders/actions use of React Router's arguments (tests call them with just this). */
export type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: unknown };

/** The query string as an object, empty values dropped (so `?year=` means "not given"). */
export function queryObject(request: Request) {
  refuseBadAddress(request);
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) {
    const problem = textProblem(k) ?? textProblem(v);
    if (problem) throw errors.invalid(`输入无效：${k} — ${problem}`, { [k]: problem });
    if (v.trim() !== "") out[k] = v;
  }
  return out;
}

/**
 * NUL, lone surrogates or non-UTF-8 bytes in the path or query: a 400 naming the parameter. The
 * root middleware already refuses them for every request (app/server/bad-input.server.ts); this
 * holds when a handler is called directly.
 */
export function refuseBadAddress(request: Request, params: Record<string, string | undefined> = {}) {
  const bad = findBadUrlText(new URL(request.url), params);
  if (bad) throw errors.invalid(`输入无效：${bad.field} — ${bad.message}`, { [bad.field]: bad.message });
}

/** The query string through its schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const parsed = schema.safeParse(queryObject(request));
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

/**
 * Export language: `?lng=en|zh-CN` (the pages' parameter) or `?lang=`, else the saved choice, the
 * user's locale and Accept-Language as for pages (docs/decisions/0024-languages-and-urls.md).
 */
export function exportLocale(request: Request, user: SessionUser | null): Locale {
  const url = new URL(request.url);
  return urlLocale(url) ?? knownLocale(url.searchParams.get("lang")) ?? localeFromRequest(request, user?.locale);
}

/** 405 in the API's error shape unless the request uses one of these methods. */
export function requireMethod(request: Request, ...methods: string[]) {
  if (!methods.includes(request.method.toUpperCase())) throw methodNotAllowed();
}

/** The loader of an endpoint that only takes POST/PUT/PATCH/DELETE: a GET answers 405. */
export const noLoader = () =>
  handleApi(async () => {
    throw methodNotAllowed();
  });

type Method = "POST" | "PUT" | "PATCH" | "DELETE";

export type ApiActionContext<Input> = {
  request: Request;
  params: Record<string, string | undefined>;
  user: SessionUser;
  input: Input;
};

/**
 * A signed-in write endpoint: checks the method (405), the caller (401), who may (403 — before
 * the body is read, so someone else gets a 403 rather than a 400 about a body they may not send),
 * then reads the body through `schema` (400 naming each bad or unknown field) and answers `fn`'s
 * value as JSON with `status` (200 by default). `fn` may return a Response of its own.
 */
export function apiAction<S extends z.ZodType | undefined = undefined>(
  opts: {
    method: Method | Method[];
    /** a permission string, or a guard that throws (e.g. requireEventStaff) */
    permission?: Permission | ((user: SessionUser) => void);
    schema?: S;
    status?: number;
    /** body limit (default 1 MB); match the route's class in app/server/body-limits.ts */
    maxBytes?: number;
  },
  fn: (ctx: ApiActionContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<unknown>,
) {
  const methods = Array.isArray(opts.method) ? opts.method : [opts.method];
  return ({ request, params }: RouteArgs) =>
    handleApi(async () => {
      requireMethod(request, ...methods);
      refuseBadAddress(request, params);
      const user = await requireApiUser(request);
      if (typeof opts.permission === "string") requirePermission(user, opts.permission);
      else if (opts.permission) opts.permission(user);
      const input = (
        opts.schema ? await readJson(request, opts.schema, opts.maxBytes) : undefined
      ) as S extends z.ZodType ? z.output<S> : undefined;
      const result = await fn({ request, params, user, input });
      return result instanceof Response ? result : apiJson(result, opts.status ?? 200);
    });
}
