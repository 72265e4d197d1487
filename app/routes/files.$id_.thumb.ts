// GET /files/:id/thumb: a picture's thumbnail (WebP), under the same rule as the file
import type { Route } from "./+types/files.$id_.thumb";
import { downloadResponse } from "../files/api.server.ts";

export function loader({ request, params }: Route.LoaderArgs) {
  return downloadResponse(request, params.id, "thumb");
}
