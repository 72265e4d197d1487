// Fuzzes the pages: every route with a path id gets hostile ids (NUL, invalid UTF-8, lone
// surrogates, huge numbers …) in its loader and action, and every page action gets hostile form
// posts (NUL, invalid UTF-8 bytes, years 0 and 10000, over-long and numeric junk in the fields its
// form names), anonymously and signed in. A page answers 400/404 (or its own form errors), never a
// 5xx; NUL and invalid UTF-8 are refused with a 400 before the route runs. Deterministic.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { commitSession, createSession } from "../../app/auth/session.server.ts";
import { refuseBadText } from "../../app/server/bad-input.server.ts";
import { makeCaller } from "../factories.ts";
import { PARAM_VARIANTS, seeded } from "./fuzz-support.ts";
import { expectConsoleError } from "../support/console.ts";

const SEED = 20261206;
const MISSING_ID = "fuzz-missing-0001";
const INTENTS_PER_ACTION = 3;

type Args = { request: Request; params: Record<string, string>; context: unknown };
type Handler = (args: Args) => unknown;
type DataWithInit = { type: "DataWithResponseInit"; init: ResponseInit | null; data: unknown };
const isDataWithInit = (x: unknown): x is DataWithInit =>
  (x as { type?: unknown } | null)?.type === "DataWithResponseInit";

/** my.results.$id.edit.tsx → { url: "/my/results/:id/edit", params: ["id"] }; layouts and _index dropped. */
function pageRoute(file: string) {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replaceAll("[.]", "\u0001")
    .split(".")
    .map((s) => s.replaceAll("\u0001", ".").replace(/_$/, ""))
    .filter((s) => s !== "_index" && !s.startsWith("_"));
  return {
    url: `/${segments.map((s) => (s.startsWith("$") ? `:${s.slice(1)}` : s)).join("/")}`,
    params: segments.filter((s) => s.startsWith("$")).map((s) => s.slice(1)),
  };
}

/** The field names and intents a route's own source names (its form and its action's switch). */
function formVocabulary(source: string) {
  const names = new Set<string>();
  for (const m of source.matchAll(/name[=:]\s*\{?["'`]([\w.[\]-]+)["'`]/g)) names.add(m[1]!);
  for (const m of source.matchAll(/formData\.get(?:All)?\(["'`]([\w.[\]-]+)["'`]\)/g)) names.add(m[1]!);
  const intents = new Set<string>();
  for (const m of source.matchAll(/intent\s*===?\s*["'`]([\w:-]+)["'`]/g)) intents.add(m[1]!);
  for (const m of source.matchAll(/case\s+["'`]([\w:-]+)["'`]\s*:/g)) intents.add(m[1]!);
  for (const m of source.matchAll(/name="intent"\s+value="([\w:-]+)"/g)) intents.add(m[1]!);
  names.delete("intent");
  return { names: [...names], intents: [...intents] };
}

async function run(handler: Handler, request: Request, params: Record<string, string>) {
  try {
    const out = await refuseBadText({ request, params }, async () => {
      const value = await handler({ request, params, context: {} });
      if (value instanceof Response) return value;
      return new Response(null, { status: isDataWithInit(value) ? (value.init?.status ?? 200) : 200 });
    });
    return { status: out.status };
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    if (isDataWithInit(error)) return { status: error.init?.status ?? 500 };
    return { status: 500, error };
  }
}

function urlencoded(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

test("no page answers 5xx to hostile path ids or form posts", { timeout: 600_000 }, async () => {
  const random = seeded(SEED);
  const cookie = async (userId: string) => (await commitSession((await createSession(userId)).id)).split(";")[0]!;
  const signedIn = {
    bureau: await cookie((await makeCaller("bureau")).user.id),
    researcher: await cookie((await makeCaller("researcher")).user.id),
    company: await cookie((await makeCaller("company")).user.id),
  };
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let cases = 0;
  expectConsoleError({ match: /API error|Request failed/, atLeast: 0 });

  const files = fs
    .readdirSync(path.resolve("app/routes"))
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("api.") && f !== "$.tsx" && !f.includes("+"));
  for (const file of files) {
    const source = fs.readFileSync(path.resolve("app/routes", file), "utf8");
    const mod = (await import(path.resolve("app/routes", file))) as { loader?: Handler; action?: Handler };
    const route = pageRoute(file);
    const send = async (
      label: string,
      handler: Handler,
      opts: {
        cookie?: string;
        params?: Record<string, string>;
        rawPath?: Record<string, string>;
        body?: BodyInit;
        contentType?: string;
        mustRefuse?: boolean;
      },
    ) => {
      cases += 1;
      const params = Object.fromEntries(route.params.map((n) => [n, opts.params?.[n] ?? MISSING_ID]));
      const url = route.url.replace(/:(\w+)/g, (_m, n: string) => opts.rawPath?.[n] ?? encodeURIComponent(params[n]!));
      const headers: Record<string, string> = { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" };
      if (opts.cookie) headers.Cookie = opts.cookie;
      if (opts.contentType) headers["Content-Type"] = opts.contentType;
      const request = new Request(`http://localhost${url}`, {
        method: opts.body === undefined ? "GET" : "POST",
        headers,
        body: opts.body,
      });
      const outcome = await run(handler, request, params);
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      const where = `${request.method} ${route.url} (${file}) [${label}]`;
      if (process.env.FUZZ_VERBOSE && outcome.status < 400) console.log(`${where} → ${outcome.status}`);
      if (outcome.status >= 500) failures.push(`${where}: ${outcome.status} ${String(outcome.error).slice(0, 200)}`);
      else if (opts.mustRefuse && outcome.status !== 400) failures.push(`${where}: ${outcome.status}, not 400`);
    };

    // hostile path ids, anonymous and signed in
    if (mod.loader && route.params.length) {
      for (const v of random.sample(PARAM_VARIANTS, 5)) {
        for (const [who, c] of [["anonymous", undefined], ...random.sample(Object.entries(signedIn), 1)] as const) {
          await send(`path ${v.name}, ${who}`, mod.loader, {
            cookie: c,
            params: Object.fromEntries(route.params.map((n) => [n, v.decoded])),
            rawPath: Object.fromEntries(route.params.map((n) => [n, v.raw])),
            mustRefuse: v.mustRefuse,
          });
        }
      }
    }

    if (!mod.action) continue;
    const { names, intents } = formVocabulary(source);
    const fieldNames = names.length ? names : ["title", "description", "name"];
    const fill = (value: string) => Object.fromEntries(fieldNames.map((n) => [n, value]));
    for (const intent of [undefined, ...random.sample(intents, INTENTS_PER_ACTION)]) {
      const base: Record<string, string> = intent ? { intent } : {};
      const c = random.pick(Object.values(signedIn));
      const post = (label: string, body: BodyInit, extra: { mustRefuse?: boolean; multipart?: boolean } = {}) =>
        send(`${intent ?? "no intent"}: ${label}`, mod.action!, {
          cookie: c,
          body,
          contentType: extra.multipart ? undefined : "application/x-www-form-urlencoded",
          mustRefuse: extra.mustRefuse,
        });
      await post("NUL", urlencoded({ ...base, ...fill("a\u0000b") }), { mustRefuse: true });
      await post("invalid UTF-8", `${urlencoded(base)}&${fieldNames[0]}=abc%C0%AF`, { mustRefuse: true });
      await post("raw invalid UTF-8 bytes", new Uint8Array([...Buffer.from(`${fieldNames[0]}=`), 0xc3, 0x28]), {
        mustRefuse: true,
      });
      await post("year 0", urlencoded({ ...base, ...fill("0000-01-01") }));
      await post("year 0 with time", urlencoded({ ...base, ...fill("0000-01-01T09:00") }));
      await post("year 10000", urlencoded({ ...base, ...fill("10000-01-01") }));
      await post("over-long", urlencoded({ ...base, ...fill("长".repeat(20_000)) }));
      await post("huge number", urlencoded({ ...base, ...fill("1e308") }));
      await post("negative", urlencoded({ ...base, ...fill("-1") }));
      await post("empty form", urlencoded(base));
      const multipart = new FormData();
      for (const [k, v] of Object.entries({ ...base, ...fill("a\u0000b") })) multipart.append(k, v);
      await post("NUL (multipart)", multipart, { mustRefuse: true, multipart: true });
    }
  }
  console.log(
    `fuzzed ${cases} page cases over ${files.length} route files; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  expect(failures).toEqual([]);
});
