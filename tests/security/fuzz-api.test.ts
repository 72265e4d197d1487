// Fuzzes every operation in the generated OpenAPI document: hostile path ids, query parameters and
// JSON bodies (built from the request schema, then broken one field at a time), sent anonymously
// and as a user whose role gets past the permission check, so validation is actually reached.
// No answer may be a 5xx; NUL, lone surrogates, invalid UTF-8 and years 0/10000 are never stored
// (no 2xx); a 400 for a bad field names a field. Deterministic (SEED), budgeted per operation.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { openApiDocument } from "../../app/api/openapi/document.ts";
import { refuseBadText } from "../../app/server/bad-input.server.ts";
import { makeCaller } from "../factories.ts";
import {
  example,
  fieldVariants,
  isDateLike,
  PARAM_VARIANTS,
  resolver,
  seeded,
  withInvalidUtf8,
  type JsonSchema,
} from "./fuzz-support.ts";
import { expectConsoleError } from "../support/console.ts";

const SEED = 20261206;
const FIELDS_PER_OPERATION = 2;
const QUERY_PARAMS_PER_OPERATION = 2;
const MISSING_ID = "fuzz-missing-0001";

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
type Operation = {
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
};

/** app/routes/api.v1.results.$id.review.ts ↔ /api/v1/results/{id}/review */
function routeFiles() {
  const map = new Map<string, string>();
  for (const file of fs.readdirSync(path.resolve("app/routes"))) {
    if (!file.startsWith("api.v1.") || !/\.tsx?$/.test(file)) continue;
    const segments = file
      .replace(/\.tsx?$/, "")
      .replaceAll("[.]", "\u0001")
      .split(".")
      .map((s) => s.replaceAll("\u0001", "."))
      .map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s));
    map.set(`/${segments.join("/")}`, path.resolve("app/routes", file));
  }
  return map;
}

async function bodyOf(response: Response) {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // CSV, XLSX or an empty body
  }
}

type Outcome = { status: number; body: unknown; thrown?: unknown };

async function invoke(
  handler: Handler | undefined,
  request: Request,
  params: Record<string, string>,
): Promise<Outcome> {
  if (!handler) return { status: 405, body: null };
  try {
    // as React Router runs it: the root middleware's address check, then the route
    const response = await refuseBadText(
      { request, params },
      async () => (await handler({ request, params, context: {} })) as Response,
    );
    return { status: response.status, body: await bodyOf(response) };
  } catch (thrown) {
    // React Router answers a thrown Response as is; anything else becomes a 500
    if (thrown instanceof Response) return { status: thrown.status, body: await bodyOf(thrown) };
    return { status: 500, body: String(thrown), thrown };
  }
}

const fieldsOf = (body: unknown) =>
  (body as { error?: { fields?: Record<string, string> } } | null)?.error?.fields ?? {};

test(
  "no API operation answers 5xx to hostile input, and bad fields are refused by name",
  { timeout: 600_000 },
  async () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, JsonSchema> };
    };
    const resolve = resolver(doc.components.schemas);
    const files = routeFiles();
    const random = seeded(SEED);
    const callers = {
      admin: await makeCaller("admin"),
      bureau: await makeCaller("bureau"),
      researcher: await makeCaller("researcher"),
      company: await makeCaller("company"),
      broker: await makeCaller("broker"),
    };
    const failures: string[] = [];
    let cases = 0;
    const statuses = new Map<number, number>();
    const dateOutcomes: string[] = [];
    // handleApi logs every 500 it answers; the failures list below says which
    expectConsoleError({ match: /API error|Request failed/, atLeast: 0 });

    for (const [template, item] of Object.entries(doc.paths)) {
      const file = files.get(template);
      if (!file) {
        failures.push(`${template}: no route file`);
        continue;
      }
      const mod = (await import(file)) as { loader?: Handler; action?: Handler };
      for (const [method, op] of Object.entries(item)) {
        if (template.endsWith("/webhooks/stripe")) continue; // signed by Stripe: tests/api/payments-stripe.test.ts
        const handler = method === "get" ? mod.loader : mod.action;
        const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
        const queryParams = (op.parameters ?? []).filter((p) => p.in === "query");

        const send = async (
          label: string,
          opts: {
            token?: string;
            params?: Record<string, string>;
            rawPath?: Record<string, string>;
            query?: string;
            body?: string | Uint8Array<ArrayBuffer>;
            contentType?: string;
            mustRefuse?: boolean;
            badField?: string;
          },
        ) => {
          cases += 1;
          const params = Object.fromEntries(pathNames.map((n) => [n, opts.params?.[n] ?? MISSING_ID]));
          const url =
            template.replace(/\{(\w+)\}/g, (_m, n: string) => opts.rawPath?.[n] ?? encodeURIComponent(params[n]!)) +
            (opts.query ? `?${opts.query}` : "");
          const headers: Record<string, string> = {};
          if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
          if (opts.body !== undefined) headers["Content-Type"] = opts.contentType ?? "application/json";
          const request = new Request(`http://localhost${url}`, {
            method: method.toUpperCase(),
            headers,
            body: method === "get" ? undefined : opts.body,
          });
          const outcome = await invoke(handler, request, params);
          const where = `${method.toUpperCase()} ${template} [${label}]`;
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          if (opts.badField && /year/.test(label)) dateOutcomes.push(`${where} → ${outcome.status}`);
          if (outcome.status >= 500) {
            failures.push(`${where}: ${outcome.status} ${String(JSON.stringify(outcome.body)).slice(0, 200)}`);
          } else if (opts.mustRefuse && outcome.status < 300) {
            failures.push(`${where}: accepted (${outcome.status}) a value that must be refused`);
          } else if (opts.badField && outcome.status === 400) {
            const named = Object.keys(fieldsOf(outcome.body));
            if (named.length === 0) failures.push(`${where}: 400 without naming a field`);
            // text and date rules name exactly the field that broke them
            else if (opts.mustRefuse && !named.some((f) => f === opts.badField || f.startsWith(`${opts.badField}.`)))
              failures.push(`${where}: 400 naming ${named.join(", ")} instead of ${opts.badField}`);
          }
          return outcome;
        };

        // who gets past the permission check with a plausible body
        const plausible = bodySchema ? example(resolve, bodySchema) : undefined;
        const plausibleBody = plausible === undefined ? undefined : JSON.stringify(plausible);
        let token: string | undefined;
        if (op.security?.length === 0) token = undefined;
        else {
          for (const caller of Object.values(callers)) {
            const probe = await send("probe", { token: caller.token, body: plausibleBody });
            if (probe.status !== 401 && probe.status !== 403) {
              token = caller.token;
              break;
            }
          }
        }

        // anonymous
        await send("anonymous", { body: plausibleBody });
        await send("anonymous, NUL body", { body: JSON.stringify({ x: "\u0000" }) });

        // path ids
        for (const name of pathNames) {
          for (const v of random.sample(PARAM_VARIANTS, 3)) {
            await send(`path ${name}: ${v.name}`, {
              token,
              params: { [name]: v.decoded },
              rawPath: { [name]: v.raw },
              body: plausibleBody,
              mustRefuse: v.mustRefuse,
            });
          }
        }

        // query parameters
        for (const p of random.sample(queryParams, QUERY_PARAMS_PER_OPERATION)) {
          for (const v of random.sample(PARAM_VARIANTS, 3)) {
            await send(`query ${p.name}: ${v.name}`, {
              token,
              query: `${encodeURIComponent(p.name)}=${v.raw}`,
              mustRefuse: v.mustRefuse,
              badField: v.mustRefuse ? p.name : undefined,
            });
          }
        }
        if (method === "get") await send("query: unknown NUL key", { token, query: "a%00=1", mustRefuse: true });

        if (!bodySchema) continue;

        // the body as a whole
        await send("empty body", { token, body: "" });
        await send("not JSON", { token, body: '{"title": ' });
        await send("JSON array", { token, body: "[1,2,3]" });
        await send("JSON string", { token, body: '"text"' });
        await send("JSON null", { token, body: "null" });
        await send("wrong content type", { token, body: plausibleBody ?? "{}", contentType: "text/plain" });
        if (plausible && typeof plausible === "object" && !Array.isArray(plausible)) {
          await send("extra key", { token, body: JSON.stringify({ ...plausible, zzUnknown: 1 }) });
          await send("invalid UTF-8", {
            token,
            body: withInvalidUtf8(JSON.stringify({ ...plausible, zzText: "MARKER" }), "MARKER"),
            mustRefuse: true,
          });
        }

        // one field at a time
        const shape = resolve(bodySchema);
        const fieldNames = Object.keys(shape.properties ?? {});
        // every date field (years 0 and 10000 must never be stored), then a sample of the rest
        const dateFields = fieldNames.filter((n) => isDateLike(resolve(shape.properties![n]), n));
        const others = random.sample(
          fieldNames.filter((n) => !dateFields.includes(n)),
          FIELDS_PER_OPERATION,
        );
        for (const name of [...dateFields, ...others]) {
          const fieldSchema = resolve(shape.properties![name]);
          for (const v of fieldVariants(fieldSchema, name)) {
            const body = { ...(plausible as Record<string, unknown>), [name]: v.value };
            await send(`field ${name}: ${v.name}`, {
              token,
              body: JSON.stringify(body),
              mustRefuse: v.mustRefuse,
              badField: name,
            });
          }
        }
      }
    }
    console.log(
      `fuzzed ${cases} cases over ${Object.keys(doc.paths).length} paths; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    if (process.env.FUZZ_VERBOSE) console.log(dateOutcomes.join("\n"));
    expect(failures).toEqual([]);
  },
);
