// Small glue shared by the offers, contracts, stats, audit and anomaly routes.
import type { z } from "zod";
import { handleApi, invalidFromZod, methodNotAllowed } from "../api/api.server.ts";
import type { SessionUser } from "../auth/session.server.ts";

/** The query string as an object, empty values dropped (so `?year=` means "not given"). */
export function queryObject(request: Request) {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (v.trim() !== "") out[k] = v;
  return out;
}

export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const parsed = schema.safeParse(queryObject(request));
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

/** Export language: `?lang=en|zh-CN`, else the user's locale. */
export function exportLocale(request: Request, user: SessionUser | null) {
  const lang = new URL(request.url).searchParams.get("lang");
  return lang ?? user?.locale ?? "zh-CN";
}

export function requireMethod(request: Request, ...methods: string[]) {
  if (!methods.includes(request.method.toUpperCase())) throw methodNotAllowed();
}

/** For routes that only take POST/PUT/PATCH: a GET answers 405 in the API's error shape. */
export const noLoader = () => handleApi(async () => {
  throw methodNotAllowed();
});

/** What our API loaders/actions use of React Router's arguments (tests call them with just this). */
export type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: unknown };
