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
