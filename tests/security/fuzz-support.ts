// A small seeded generator for the fuzz tests (tests/security/fuzz-*.test.ts): plausible values
// from an OpenAPI (JSON Schema) description, and hostile variants of them. Deterministic: the same
// seed gives the same cases, so a failure can be replayed.

type Json = Record<string, unknown>;
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** mulberry32: tiny, fast and good enough to pick cases. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    /** up to n items, in a stable random order */
    sample: <T>(items: readonly T[], n: number) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}

export function resolver(components: Record<string, JsonSchema>) {
  return function resolve(schema: JsonSchema | undefined): JsonSchema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i++) s = components[s.$ref.replace("#/components/schemas/", "")] ?? {};
    if (s.allOf?.length) return Object.assign({}, ...s.allOf.map(resolve)) as JsonSchema;
    const alt = s.anyOf ?? s.oneOf;
    if (alt?.length) return resolve(alt.find((a) => resolve(a).type !== "null") ?? alt[0]);
    return s;
  };
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type);

export const isDateLike = (s: JsonSchema, name = "") =>
  s.format === "date-time" ||
  s.format === "date" ||
  (s.pattern ?? "").includes("\\d{4}-\\d{2}-\\d{2}") ||
  (typeOf(s) === "string" && /(At|Date|Day|day|date)$/.test(name) && !/^(is|has)/.test(name));

/** A value the schema plausibly accepts (ids and codes may still not exist: that is fine). */
export function example(
  resolve: (s: JsonSchema | undefined) => JsonSchema,
  raw: JsonSchema,
  name = "",
  depth = 0,
): unknown {
  const s = resolve(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = typeOf(s) ?? (s.properties ? "object" : "string");
  if (type === "object") {
    if (depth > 4) return {};
    const out: Json = {};
    for (const [key, inner] of Object.entries(s.properties ?? {})) {
      if ((s.required ?? []).includes(key)) out[key] = example(resolve, inner, key, depth + 1);
    }
    return out;
  }
  if (type === "array") return s.minItems ? [example(resolve, s.items ?? {}, name, depth + 1)] : [];
  if (type === "integer" || type === "number") {
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
  }
  if (type === "boolean") return true;
  if (s.format === "date-time") return "2026-03-02T09:00:00+08:00";
  if (isDateLike(s, name)) return "2026-03-02";
  if (s.format === "email") return "fuzz@example.com";
  if (/regionCode$/.test(name)) return "360702";
  const length = Math.max(s.minLength ?? 0, 4);
  return "测试文本abcdefgh".repeat(4).slice(0, Math.min(length, s.maxLength ?? length));
}

export type Variant = {
  name: string;
  value: unknown;
  /** the value can never be stored: a 2xx is a failure */
  mustRefuse?: boolean;
};

const NUL = "a\u0000b";
const SURROGATE = "a\ud800b";

/** Hostile values for one field of this schema. */
export function fieldVariants(s: JsonSchema, name: string): Variant[] {
  const type = typeOf(s) ?? "string";
  const out: Variant[] = [
    { name: "NUL", value: NUL, mustRefuse: true },
    { name: "lone surrogate", value: SURROGATE, mustRefuse: true },
    { name: "wrong type (object)", value: { nested: [1] } },
    { name: "huge number", value: 1e308 },
  ];
  if (type === "string") {
    out.push({ name: "over-long", value: "长".repeat(20_000) });
    out.push({ name: "number for text", value: 12 });
  }
  if (type === "integer" || type === "number") {
    out.push({ name: "negative", value: -1 });
    out.push({ name: "float", value: 1.5 });
    out.push({ name: "beyond 2^63", value: 2 ** 64 });
    out.push({ name: "numeric string", value: "12" });
  }
  if (type === "array") out.push({ name: "array of NUL", value: [NUL], mustRefuse: true });
  if (isDateLike(s, name)) {
    const dateOnly = s.format === "date" || (s.pattern ?? "").startsWith("^\\d{4}-\\d{2}-\\d{2}$");
    out.push({ name: "year 0", value: dateOnly ? "0000-03-02" : "0000-03-02T09:00:00+08:00", mustRefuse: true });
    out.push({ name: "year 10000", value: dateOnly ? "10000-03-02" : "+010000-03-02T09:00:00Z", mustRefuse: true });
    out.push({ name: "year 9999 day 0", value: dateOnly ? "9999-00-00" : "9999-13-40T99:00:00Z", mustRefuse: true });
  }
  return out;
}

/** Hostile values for one query or path parameter, as the raw (already percent-encoded) text. */
export const PARAM_VARIANTS: Array<{ name: string; raw: string; decoded: string; mustRefuse?: boolean }> = [
  { name: "NUL", raw: "a%00b", decoded: "a\u0000b", mustRefuse: true },
  { name: "invalid UTF-8", raw: "abc%C0%AF", decoded: "abc%C0%AF" },
  { name: "encoded lone surrogate", raw: "a%ED%A0%80b", decoded: "a\ud800b" },
  { name: "huge number", raw: "1e308", decoded: "1e308" },
  { name: "negative", raw: "-1", decoded: "-1" },
  { name: "float", raw: "1.5", decoded: "1.5" },
  { name: "year 0", raw: "0000-01-01", decoded: "0000-01-01" },
  { name: "year 10000", raw: "10000-01-01", decoded: "10000-01-01" },
  { name: "over-long", raw: "x".repeat(5000), decoded: "x".repeat(5000) },
  { name: "quote and bracket", raw: "%27%22%3C%3E%5B%5D", decoded: "'\"<>[]" },
];

/** Raw JSON bytes with invalid UTF-8 spliced in at a marker. */
export function withInvalidUtf8(json: string, marker: string) {
  const bytes = Buffer.from(json);
  const at = bytes.indexOf(marker);
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  if (at >= 0) out.set([0xc3, 0x28, 0xff, 0xfe], at);
  return out;
}
