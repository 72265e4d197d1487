import { apiJson } from "../api/api.server.ts";

export function loader() {
  return apiJson({ status: "ok" });
}
