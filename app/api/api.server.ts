// The API v1 conventions: JSON, bearer tokens, and one error shape
// {"error":{"code","message","fields"}} with 400/401/403/404/409/413/429.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { findBadText, TEXT_MESSAGES } from "./text-rule.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { userForToken } from "../auth/api-token.server.ts";
import { can, type Permission } from "../auth/permissions.ts";
import { getUser, type SessionUser } from "../auth/session.server.ts";
import { getEnv } from "../env.server.ts";
import { pickMessage } from "../i18n/i18n.ts";

export const MAX_JSON_BYTES = 1_000_000;

/**
 * An answer to the caller (a 4xx with its code), not a fault: no stack trace is captured. At a live
 * close nine bids in ten are refused with one, and capturing the stack (≈ 10 µs through the bid's
 * frames) was the largest part of building the refusal (docs/decisions/0029-hot-api-path.md).
 */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields?: Record<string, string>,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export const errors = {
  invalid: (message: string, fields?: Record<string, string>) => new ApiError(400, "invalid_input", message, fields),
  unauthorized: () => new ApiError(401, "unauthorized", "缺少或无效的访问令牌 / Missing or invalid bearer token"),
  forbidden: (message = "无权执行此操作 / You are not allowed to do this") => new ApiError(403, "forbidden", message),
  notFound: (what = "资源") => new ApiError(404, "not_found", `${what}不存在 / Not found`),
  conflict: (message: string, code = "conflict") => new ApiError(409, code, message),
  tooLarge: () => new ApiError(413, "payload_too_large", "请求内容过大 / Request body too large"),
  crossSite: () =>
    new ApiError(
      403,
      "cross_site_request",
      "以登录会话调用的修改请求必须来自本站页面（Origin 或 Sec-Fetch-Site: same-origin）；其他程序请使用访问令牌 / " +
        "A change made with the session cookie must come from this site (a same-origin Origin or Sec-Fetch-Site); programs use a bearer token",
    ),
  notJson: () =>
    new ApiError(
      415,
      "unsupported_media_type",
      "请求体必须是 JSON（Content-Type: application/json） / The body must be JSON (Content-Type: application/json)",
    ),
};

/**
 * JSON with bigints as exact integer literals: within 2^53 as plain numbers, beyond it as the
 * exact digits (JSON numbers have no size limit; clients that need them parse them as big ints).
 */
export function exactJson(data: unknown) {
  const marker = `\u0001big:${randomUUID()}:`;
  let big = false;
  const text = JSON.stringify(data, (_k, v) => {
    if (typeof v !== "bigint") return v;
    if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    big = true;
    return `${marker}${v}`;
  });
  if (!big) return text;
  const escaped = JSON.stringify(marker)
    .slice(1, -1)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`"${escaped}(-?\\d+)"`, "g"), "$1");
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8" };

export function apiJson(data: unknown, init: number | ResponseInit = 200) {
  const responseInit = typeof init === "number" ? { status: init } : init;
  const body = exactJson(data);
  return new Response(body, {
    ...responseInit,
    headers: { "Content-Type": "application/json; charset=utf-8", ...(responseInit.headers ?? {}) },
  });
}

export function errorResponse(error: ApiError) {
  return new Response(errorJson(error), { status: error.status, headers: JSON_HEADERS });
}

/** Field path → first message, for the `fields` of a 400. */
export function zodFields(error: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
    // an unknown field is also named under its own key (the message above names it too)
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
      for (const k of issue.keys) fields[`${prefix}${k}`] ??= issue.message;
    }
  }
  return fields;
}

/**
 * What a page shows for a refused call, in the reader's language. A refused input names the
 * internal field in its message ("输入无效：regionCode — …", for API clients); people get the
 * field's own message instead, which names the field in words.
 */
export function userMessage(error: ApiError, locale: string) {
  const field = error.code === "invalid_input" ? Object.values(error.fields ?? {})[0] : undefined;
  return pickMessage(field ?? error.message, locale);
}

export function invalidFromZod(error: z.ZodError) {
  const fields = zodFields(error);
  const first = Object.entries(fields)[0];
  return errors.invalid(first ? `输入无效：${first[0]} — ${first[1]}` : "输入无效 / Invalid input", fields);
}

/**
 * Wraps a loader/action body so every failure becomes the documented error shape. Unknown errors
 * are logged and answered with a 500 that reveals nothing.
 */
export async function handleApi(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    return errorResponse(apiErrorOf(error));
  }
}

/**
 * The documented error for anything thrown by an API call (handleApi's mapping, for callers that
 * answer without a Response). Unknown errors are logged and become a 500 that reveals nothing.
 */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return invalidFromZod(error);
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return errors.conflict("记录已存在 / Already exists", "duplicate");
    if (error.code === "P2025") return errors.notFound();
  }
  console.error("API error", error);
  return new ApiError(500, "internal", "服务器内部错误 / Internal server error");
}

/** The JSON text of an error answer (errorResponse's body). */
export function errorJson(error: ApiError) {
  // strings only (code, message, fields' messages): exactJson's bigint pass would change nothing
  return JSON.stringify({
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  });
}

export function bearerToken(request: Request) {
  return bearerTokenOf(request.headers.get("Authorization"));
}

/** The token of an Authorization header's value ("Bearer <token>"), or null. */
export function bearerTokenOf(header: string | null | undefined) {
  const match = /^Bearer\s+(\S+)$/i.exec((header ?? "").trim());
  return match ? match[1]! : null;
}

/** The API caller: a bearer token, or (for the app's own pages calling the API) the session. */
export async function optionalApiUser(request: Request): Promise<SessionUser | null> {
  const token = bearerToken(request);
  if (token) {
    const user = await userForToken(token);
    if (!user) throw errors.unauthorized();
    return user;
  }
  if (request.headers.get("Authorization")) throw errors.unauthorized();
  const user = await getUser(request);
  if (user) assertSameSiteJson(request);
  return user;
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(url: string | undefined) {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/**
 * The browser sends the session cookie with requests that other sites trigger (a form post, a
 * `fetch` with text/plain JSON): a change made with the cookie must come from our own pages. The
 * Origin header (or, without it, Sec-Fetch-Site) says who started the request; requiring
 * application/json also means another site's page cannot send it without a CORS preflight, which
 * we never grant. A bearer token is not sent by browsers on their own, so token calls skip this.
 */
export function assertSameSiteJson(request: Request) {
  if (!MUTATIONS.has(request.method)) return;
  const origin = request.headers.get("Origin");
  const site = request.headers.get("Sec-Fetch-Site");
  // behind a TLS-terminating proxy the request URL may say http: the configured address counts too
  const ours = [originOf(request.url), originOf(getEnv().PUBLIC_URL)];
  const sameOrigin = origin ? origin !== "null" && ours.includes(origin) : site === "same-origin";
  if (!sameOrigin || (site !== null && site !== "same-origin")) throw errors.crossSite();
  const mediaType = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") throw errors.notJson();
}

export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await optionalApiUser(request);
  if (!user) throw errors.unauthorized();
  return user;
}

export function requirePermission(user: SessionUser, permission: Permission) {
  if (!can(user, permission)) throw errors.forbidden();
}

/** Reads a JSON body with a size limit and validates it with the shape's zod schema. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<T>> {
  // The HTTP server already cut the body off while it streamed in (app/server/body-limits.ts);
  // this holds for callers outside it.
  return parseJsonBody(await readBodyBytes(request, maxBytes), schema, maxBytes);
}

/** A request's body as bytes, refused (413) when its declared length is over `maxBytes`. */
export async function readBodyBytes(request: Request, maxBytes = MAX_JSON_BYTES) {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw errors.tooLarge();
  return new Uint8Array(await request.arrayBuffer());
}

/** readJson for a body already read: the same limits, UTF-8 and JSON checks, text rule and schema. */
// one decoder for every body: a decode without { stream: true } keeps no state between calls
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function parseJsonBody<T extends z.ZodType>(
  bytes: Uint8Array,
  schema: T,
  maxBytes = MAX_JSON_BYTES,
): z.infer<T> {
  if (bytes.byteLength > maxBytes) throw errors.tooLarge();
  let text: string;
  try {
    // fatal: invalid UTF-8 is refused, never stored as U+FFFD
    text = utf8.decode(bytes);
  } catch {
    throw errors.invalid(TEXT_MESSAGES.utf8, { _: TEXT_MESSAGES.utf8 });
  }
  let raw: unknown;
  try {
    raw = text.length ? JSON.parse(text) : {};
  } catch {
    throw errors.invalid("请求体不是有效的 JSON / Body is not valid JSON", { _: "invalid JSON" });
  }
  const bad = findBadText(raw);
  if (bad) throw errors.invalid(`输入无效：${bad.field} — ${bad.message}`, { [bad.field]: bad.message });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

export function methodNotAllowed() {
  return new ApiError(405, "method_not_allowed", "不支持该请求方法 / Method not allowed");
}
