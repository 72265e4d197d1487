// GET /api/v1/openapi.json: the OpenAPI 3.1 description of every /api/v1 endpoint, generated from
// the domains' route declarations (app/api/openapi/).
import { apiJson } from "../api/api.server.ts";
import { openApiDocument } from "../api/openapi/document.ts";

export function loader() {
  return apiJson(openApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
