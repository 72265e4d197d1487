// Every API response a test sees through `call` (tests/factories.ts) is checked against the
// OpenAPI document: the route must be declared, the status documented for it, and a JSON body must
// match the zod schema the document was generated from (app/api/openapi/). So the document cannot
// drift from what the handlers answer.
import { z } from "zod";
import { routeFor } from "../app/api/openapi/document.ts";
import { ErrorSchema } from "../app/api/openapi/spec.ts";

export function checkDocumentedResponse(request: Request, status: number, body: unknown) {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith("/api/v1/")) return;
  const method = request.method.toUpperCase();
  const route = routeFor(method, pathname);
  if (!route) {
    // a method the endpoint does not take: 405 in the error shape
    if (status === 405 && ErrorSchema.safeParse(body).success) return;
    throw new Error(
      `${method} ${pathname} answered ${status} but is not in the OpenAPI document (app/<domain>/api-routes.ts)`,
    );
  }
  const spec = route.responses[status];
  if (!spec) {
    throw new Error(
      `${method} ${route.path} answered ${status}, which its OpenAPI entry does not document: ${JSON.stringify(body)?.slice(0, 300)}`,
    );
  }
  const schema = typeof spec === "string" ? ErrorSchema : spec.schema;
  if (!schema) return;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${method} ${route.path} ${status}: the body does not match its documented schema\n${z.prettifyError(parsed.error)}\n${JSON.stringify(body)?.slice(0, 500)}`,
    );
  }
}
