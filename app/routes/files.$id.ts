// GET /files/:id: a listing's file, for whoever may read the listing (404 for anyone else)
import type { Route } from "./+types/files.$id";
import { downloadResponse } from "../files/api.server.ts";

export function loader({ request, params }: Route.LoaderArgs) {
  return downloadResponse(request, params.id, "file");
}
