// Builds the OpenAPI 3.1 document from the routes the domains declare (spec.ts). Schemas named
// with `.meta({ id })` become components.schemas and are referenced; everything else is inlined.
// Request bodies are described as the client sends them (zod's "input" side: defaults optional,
// transforms invisible), and a strict body is `additionalProperties: false`.
import { z } from "zod";
import { ErrorSchema, SHARED_RESPONSES, type ApiRoute, type HttpMethod, type SharedResponse } from "./spec.ts";

type Json = Record<string, unknown>;

const COMPONENT = "#/components/schemas/";

export type DocumentMeta = {
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string; description: string }>;
  securitySchemes: Record<string, unknown>;
};

/** One zod schema → JSON Schema; named sub-schemas are collected into `components`. */
function converter(components: Record<string, Json>) {
  return function toSchema(schema: z.ZodType): Json {
    const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
    delete out.$schema;
    const defs = (out.$defs ?? {}) as Record<string, Json>;
    delete out.$defs;
    for (const [id, def] of Object.entries(defs)) {
      const json = rewriteRefs(def) as Json;
      const known = components[id];
      if (known && JSON.stringify(known) !== JSON.stringify(json)) {
        throw new Error(`OpenAPI: two different schemas are both named ${id}`);
      }
      components[id] = json;
    }
    return rewriteRefs(out) as Json;
  };
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (v === undefined) continue;
    out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, COMPONENT) : rewriteRefs(v);
  }
  return out;
}

/** A named schema used at the top of a body or response is referenced, not inlined. */
function schemaOrRef(toSchema: (s: z.ZodType) => Json, schema: z.ZodType): Json {
  const id = z.globalRegistry.get(schema)?.id;
  const json = toSchema(schema);
  return id ? { $ref: `${COMPONENT}${id}` } : json;
}

function isOptional(schema: z.ZodType) {
  return schema.safeParse(undefined).success;
}

function parameters(toSchema: (s: z.ZodType) => Json, route: ApiRoute) {
  const out: Json[] = [];
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const paramShape = route.request?.params?.shape ?? {};
  for (const name of pathNames) {
    const schema = (paramShape as Record<string, z.ZodType>)[name];
    out.push({ name, in: "path", required: true, schema: schema ? toSchema(schema) : { type: "string" } });
  }
  for (const where of ["query", "header"] as const) {
    const object = where === "query" ? route.request?.query : route.request?.headers;
    for (const [name, schema] of Object.entries((object?.shape ?? {}) as Record<string, z.ZodType>)) {
      const { description, ...rest } = toSchema(schema);
      out.push({
        name,
        in: where,
        required: !isOptional(schema),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function responseRef(name: SharedResponse) {
  return { $ref: `#/components/responses/${name}` };
}

export function generateDocument(routes: ApiRoute[], meta: DocumentMeta) {
  const components: Record<string, Json> = {};
  const toSchema = converter(components);
  toSchema(ErrorSchema);
  const paths: Record<string, Partial<Record<HttpMethod, Json>>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`OpenAPI: ${route.method} ${route.path} is declared twice`);
    const params = parameters(toSchema, route);
    const responses: Json = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      if (typeof spec === "string") responses[status] = responseRef(spec);
      else if (spec.schema)
        responses[status] = {
          description: spec.description,
          content: { "application/json": { schema: schemaOrRef(toSchema, spec.schema) } },
        };
      else
        responses[status] = {
          description: spec.description,
          ...(spec.contentType ? { content: { [spec.contentType]: {} } } : {}),
        };
    }
    const body = route.request?.body;
    item[route.method] = {
      ...(route.operationId ? { operationId: route.operationId } : {}),
      tags: route.tags,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.auth === "public"
        ? { security: [{}, { bearerAuth: [] }] }
        : route.auth === "none"
          ? { security: [] }
          : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(body
        ? {
            requestBody: {
              required: !route.request?.bodyOptional,
              content: {
                [route.request?.bodyContentType ?? "application/json"]: { schema: schemaOrRef(toSchema, body) },
              },
            },
          }
        : {}),
      responses,
    };
  }
  const sharedResponses = Object.fromEntries(
    Object.entries(SHARED_RESPONSES).map(([name, r]) => [
      name,
      { description: r.description, content: { "application/json": { schema: { $ref: `${COMPONENT}Error` } } } },
    ]),
  );
  return {
    openapi: "3.1.0" as const,
    info: meta.info,
    servers: [{ url: "/", description: "This installation" }],
    tags: meta.tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      responses: sharedResponses,
      securitySchemes: meta.securitySchemes,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof generateDocument>;

/** The route declared for a request (path templates matched segment by segment). */
export function findRoute(routes: ApiRoute[], method: string, pathname: string) {
  const segments = pathname.split("/");
  const isParam = (t: string) => /^\{\w+\}$/.test(t);
  const matches = routes.filter((route) => {
    if (route.method !== method.toLowerCase()) return false;
    const template = route.path.split("/");
    return (
      template.length === segments.length &&
      template.every((t, i) => (isParam(t) ? segments[i] !== "" : t === segments[i]))
    );
  });
  // /contracts/registration-points before /contracts/{id}
  const literals = (r: ApiRoute) => r.path.split("/").filter((t) => !isParam(t)).length;
  return matches.sort((a, b) => literals(b) - literals(a))[0];
}
