// The one check of what a request carries outside JSON, for every page and API route (root
// middleware): a path id, query parameter or form field with NUL, a lone surrogate or bytes that
// are not UTF-8 is a 400 naming it — the API's error shape under /api, the error page elsewhere —
// before any loader or action runs, so none of them can store it as U+FFFD or pass it to
// PostgreSQL. JSON bodies are checked where they are read (readJson). See
// docs/decisions/0020-bad-input-boundary.md.
import { data } from "react-router";
import { localeFromRequest, pickMessage } from "../i18n/i18n.ts";
import { errorResponse, errors } from "../api/api.server.ts";
import { decodeUrlText, findBadUrlText, textProblem, TEXT_MESSAGES } from "../api/text-rule.ts";

type Args = { request: Request; params: Record<string, string | undefined> };
type Bad = { field: string; message: string };

const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The first bad field of a form post (urlencoded: checked byte-exact; multipart: its text fields). */
export async function findBadFormText(request: Request): Promise<Bad | null> {
  if (!WITH_BODY.has(request.method.toUpperCase()) || !request.body) return null;
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    let text: string;
    try {
      text = STRICT_UTF8.decode(await request.clone().arrayBuffer());
    } catch {
      return { field: "_", message: TEXT_MESSAGES.utf8 };
    }
    for (const pair of text.split("&")) {
      if (!pair) continue;
      const at = pair.indexOf("=");
      const key = decodeUrlText(at < 0 ? pair : pair.slice(0, at), true);
      const value = at < 0 ? "" : decodeUrlText(pair.slice(at + 1), true);
      const field = key !== null && !textProblem(key) ? key : "_";
      if (key === null || value === null) return { field, message: TEXT_MESSAGES.utf8 };
      const problem = textProblem(key) ?? textProblem(value);
      if (problem) return { field, message: problem };
    }
    return null;
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return null; // the action's own parsing answers a broken body
    }
    for (const [key, value] of form) {
      const problem = textProblem(key) ?? (typeof value === "string" ? textProblem(value) : null);
      if (problem) return { field: textProblem(key) ? "_" : key, message: problem };
    }
  }
  return null;
}

export async function refuseBadText({ request, params }: Args, next: () => Promise<Response>) {
  const url = new URL(request.url);
  const api = url.pathname.startsWith("/api/");
  const bad = findBadUrlText(url, params) ?? (api ? null : await findBadFormText(request));
  if (!bad) return next();
  if (api) {
    throw errorResponse(errors.invalid(`输入无效：${bad.field} — ${bad.message}`, { [bad.field]: bad.message }));
  }
  // people read the problem in their language, without the form's internal field name
  throw data(pickMessage(bad.message, localeFromRequest(request)), { status: 400 });
}
