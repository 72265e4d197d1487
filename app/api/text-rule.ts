// The one rule for text arriving from outside (JSON bodies, query strings, path ids, forms):
// PostgreSQL cannot store NUL in text, and a lone UTF-16 surrogate is not a character (it cannot
// be encoded as UTF-8 and breaks the database driver). Either is a 400 naming the field, checked
// once where input is parsed rather than in every route.

const NUL = "\u0000";
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  nul: "不能包含空字符（NUL）/ Must not contain NUL characters",
  surrogate: "包含无效的 Unicode 字符 / Contains an invalid Unicode character",
  utf8: "请求体不是有效的 UTF-8 / Body is not valid UTF-8",
  utf8Url: "地址中含有无效的 UTF-8 编码 / The address contains bytes that are not valid UTF-8",
};

/** The problem with one string, or null when it is fine. */
export function textProblem(value: string): string | null {
  if (value.includes(NUL)) return TEXT_MESSAGES.nul;
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  return null;
}

/** The first bad string (value or key) anywhere in a parsed JSON value, with its field path. */
export function findBadText(value: unknown, path: string[] = [], depth = 0): { field: string; message: string } | null {
  const field = () => (path.length ? path.join(".") : "_");
  if (typeof value === "string") {
    const message = textProblem(value);
    return message ? { field: field(), message } : null;
  }
  if (depth > 64 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const keyProblem = typeof key === "string" ? textProblem(key) : null;
    if (keyProblem) return { field: [...path, "_key"].join("."), message: keyProblem };
    const found = findBadText(inner, [...path, String(key)], depth + 1);
    if (found) return found;
  }
  return null;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Percent-encoded text from a URL (a path segment, a query key or value) decoded strictly: null
 * when its bytes are not UTF-8 (browsers' and URLSearchParams' decoders would turn them into
 * U+FFFD and the garbage would be stored or searched for).
 */
export function decodeUrlText(raw: string, plusIsSpace = false): string | null {
  const text = plusIsSpace ? raw.replaceAll("+", " ") : raw;
  if (!text.includes("%")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "%" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(text[i]!));
  }
  try {
    return STRICT_UTF8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/**
 * The first bad piece of a request's address: a path id (named by its route parameter, else
 * `path`) or a query parameter (named by its key) with NUL, a lone surrogate or bytes that are not
 * UTF-8. One check for every page and API route (app/server/bad-input.server.ts).
 */
export function findBadUrlText(
  url: URL,
  params: Record<string, string | undefined> = {},
): { field: string; message: string } | null {
  for (const [name, value] of Object.entries(params)) {
    const problem = value === undefined ? null : textProblem(value);
    if (problem) return { field: name, message: problem };
  }
  const paramName = (value: string) => Object.keys(params).find((k) => params[k] === value);
  for (const raw of url.pathname.split("/")) {
    const decoded = decodeUrlText(raw);
    const problem = decoded === null ? TEXT_MESSAGES.utf8Url : textProblem(decoded);
    if (problem) return { field: paramName(raw) ?? "path", message: problem };
  }
  for (const pair of url.search.slice(1).split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const key = decodeUrlText(rawKey, true);
    const value = at < 0 ? "" : decodeUrlText(pair.slice(at + 1), true);
    const field = key && !textProblem(key) ? key : "query";
    if (key === null || value === null) return { field, message: TEXT_MESSAGES.utf8Url };
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) return { field, message: problem };
  }
  return null;
}
