// /api/v1/auctions/:id/objections (notice lots, 协议定价公示)
//   GET  (public once announced) → {"items"}; POST {"reason"} (signed in, during the notice) → 201 {"objection"}.
import { apiJson, handleApi, methodNotAllowed, optionalApiUser, readJson, requireApiUser } from "../api/api.server.ts";
import { fileObjection, listObjections, objectionJson } from "../auctions/notice.server.ts";
import { objectionSchema } from "../auctions/schemas.ts";
import { lotForViewer } from "../auctions/view.server.ts";
import type { RouteArgs } from "../api/http.server.ts";

export function loader({ request, params }: RouteArgs) {
  return handleApi(async () => {
    const viewer = await optionalApiUser(request);
    await lotForViewer(params.id ?? "", viewer);
    return apiJson({ items: await listObjections(params.id ?? "") });
  });
}

export function action({ request, params }: RouteArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw methodNotAllowed();
    const user = await requireApiUser(request);
    const input = await readJson(request, objectionSchema);
    return apiJson({ objection: objectionJson(await fileObjection(user, params.id ?? "", input.reason)) }, 201);
  });
}
