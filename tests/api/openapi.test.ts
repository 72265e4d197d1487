import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { noLoader } from "../../app/api/http.server.ts";
import { apiRoutes } from "../../app/api/openapi/document.ts";
import { loader } from "../../app/routes/api.v1.openapi[.]json.ts";

/** app/routes/api.v1.results.$id.review.ts → /api/v1/results/{id}/review */
function routePath(file: string) {
  const name = file.replace(/\.tsx?$/, "");
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < name.length; i++) {
    if (name.startsWith("[.]", i)) {
      current += ".";
      i += 2;
    } else if (name[i] === ".") {
      segments.push(current);
      current = "";
    } else current += name[i];
  }
  segments.push(current);
  return `/${segments.map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s)).join("/")}`;
}

type Schema = {
  $ref?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
};
type Operation = {
  summary?: string;
  operationId?: string;
  responses?: Record<string, unknown>;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
};

async function document() {
  const response = loader();
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
  return response.json() as Promise<OpenApiDocument>;
}

test("serves an OpenAPI 3.1 document", async () => {
  const doc = await document();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.info.title).toBeTruthy();
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  for (const name of [
    "Result",
    "Need",
    "Organization",
    "Error",
    "Contract",
    "Offer",
    "ResultInput",
    "NeedInput",
    "OrganizationInput",
  ]) {
    expect(doc.components.schemas, name).toHaveProperty(name);
  }
});

test("every /api/v1 route file is documented, and the issues' endpoints are there", async () => {
  const doc = await document();
  const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f));
  const missing = files.map(routePath).filter((p) => !(p in doc.paths));
  expect(missing).toEqual([]);
  const fromIssues = [
    ["get", "/api/v1/health"],
    ["get", "/api/v1/results"],
    ["post", "/api/v1/results"],
    ["get", "/api/v1/results/{id}"],
    ["patch", "/api/v1/results/{id}"],
    ["post", "/api/v1/results/{id}/review"],
    ["get", "/api/v1/needs"],
    ["post", "/api/v1/needs"],
    ["get", "/api/v1/needs/{id}"],
    ["patch", "/api/v1/needs/{id}"],
    ["post", "/api/v1/needs/{id}/review"],
    ["post", "/api/v1/organizations"],
    ["get", "/api/v1/organizations"],
    ["get", "/api/v1/needs/{id}/matches"],
    ["get", "/api/v1/results/{id}/matches"],
    ["get", "/api/v1/search/suggest"],
    ["post", "/api/v1/offers"],
    ["post", "/api/v1/offers/{id}/messages"],
    ["post", "/api/v1/offers/{id}/accept"],
    ["post", "/api/v1/offers/{id}/reject"],
    ["post", "/api/v1/offers/{id}/withdraw"],
    ["post", "/api/v1/contracts"],
    ["patch", "/api/v1/contracts/{id}"],
    ["post", "/api/v1/contracts/{id}/submit"],
    ["post", "/api/v1/contracts/{id}/review"],
    ["post", "/api/v1/contracts/{id}/amend"],
    ["post", "/api/v1/contracts/{id}/cancel"],
    ["get", "/api/v1/contracts/{id}"],
    ["post", "/api/v1/contracts/import"],
    ["get", "/api/v1/stats/contracts"],
    ["get", "/api/v1/audit/verify"],
    ["get", "/api/v1/contracts/{id}/payments"],
    ["post", "/api/v1/contracts/{id}/payments"],
    ["post", "/api/v1/payments/{id}/confirm"],
    ["get", "/api/v1/stats/payments"],
    ["post", "/api/v1/payments/stripe/webhook"],
  ];
  for (const [method, p] of fromIssues) expect(doc.paths[p!]?.[method!], `${method} ${p}`).toBeTruthy();
});

test("every $ref resolves and every operation documents its responses", async () => {
  const doc = await document();
  const refs: string[] = [];
  (function walk(node: unknown) {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string") refs.push(v);
        else walk(v);
      }
    }
  })(doc);
  expect(refs.length).toBeGreaterThan(50);
  for (const ref of new Set(refs)) {
    const target = ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key], doc);
    expect(target, ref).toBeTruthy();
  }
  const ids = new Set<string>();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      expect(Object.keys(op.responses ?? {}).length, `${method} ${p}`).toBeGreaterThan(0);
      expect(op.summary, `${method} ${p}`).toBeTruthy();
      if (op.operationId) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
      }
      for (const param of (op.parameters ?? []).filter((x) => x.in === "path")) expect(p).toContain(`{${param.name}}`);
    }
  }
  // the Result and Need shapes of the issue
  expect(doc.components.schemas.Result!.required).toEqual(
    expect.arrayContaining([
      "id",
      "title",
      "summary",
      "keywords",
      "field",
      "maturity",
      "transferModes",
      "priceFen",
      "status",
      "organization",
      "createdAt",
      "updatedAt",
    ]),
  );
  expect(doc.components.schemas.Need!.required).toEqual(
    expect.arrayContaining([
      "id",
      "title",
      "description",
      "field",
      "budgetFen",
      "deadline",
      "status",
      "organization",
      "createdAt",
      "updatedAt",
    ]),
  );
  expect(Object.keys(doc.components.schemas.ResultPatch!.properties!)).not.toContain("organizationId");
});

test("every API route module's methods are documented, and every documented operation has its module", async () => {
  const doc = await document();
  const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f));
  const problems: string[] = [];
  const served = new Set<string>();
  for (const file of files) {
    const p = routePath(file);
    const mod = (await import(path.resolve("app/routes", file))) as { loader?: unknown; action?: unknown };
    const item = doc.paths[p] ?? {};
    if (mod.loader && mod.loader !== noLoader) {
      served.add(`get ${p}`);
      if (!item.get) problems.push(`GET ${p} (${file}) is not documented`);
    }
    const writes = ["post", "put", "patch", "delete"].filter((m) => item[m]);
    if (mod.action && mod.action !== noLoader) {
      for (const m of writes) served.add(`${m} ${p}`);
      if (!writes.length) problems.push(`${file} has an action but no POST/PUT/PATCH/DELETE of ${p} is documented`);
    } else if (writes.length) problems.push(`${writes.join("/")} ${p} is documented but ${file} has no action`);
  }
  for (const r of apiRoutes)
    if (!served.has(`${r.method} ${r.path}`))
      problems.push(`${r.method} ${r.path} is documented but no route module serves it`);
  expect(problems).toEqual([]);
});

test("one unknown-key policy: every JSON body the API reads is refused with extra fields", async () => {
  const doc = await document();
  const resolve = (s: Schema | undefined) => (s?.$ref ? doc.components.schemas[s.$ref.split("/").pop()!] : s);
  const loose: string[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const schema = resolve(op.requestBody?.content?.["application/json"]?.schema);
      // Stripe's events are Stripe's to shape
      if (!schema || op.operationId === "stripeWebhook") continue;
      if (schema.additionalProperties !== false) loose.push(`${method} ${p}`);
    }
  }
  expect(loose).toEqual([]);
  // and the handlers apply it: a contract body with an unknown field is a 400 naming it
  const route = apiRoutes.find((r) => r.method === "post" && r.path === "/api/v1/contracts/{id}/amend")!;
  const parsed = route.request!.body!.safeParse({ reason: "更正", contractAmountFen: 1, bogus: 1 });
  expect(parsed.success).toBe(false);
  expect(JSON.stringify(parsed.error!.issues)).toContain("bogus");
});
