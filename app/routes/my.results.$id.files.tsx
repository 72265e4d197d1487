// POST /my/results/:id/files: the edit page's upload (multipart) and remove forms; every outcome is a
// redirect back to the edit page (app/files/page-actions.server.ts).
import type { Route } from "./+types/my.results.$id.files";
import { filesPageAction } from "../files/page-actions.server.ts";

export const action = ({ request, params }: Route.ActionArgs) => filesPageAction("result", request, params.id);
