// POST /my/results/:id/files: the edit page's remove buttons; the outcome is a redirect back to the edit
// page (app/files/page-actions.server.ts). The upload form posts to the edit page itself.
import type { Route } from "./+types/my.results.$id.files";
import { filesPageAction } from "../files/page-actions.server.ts";

export const action = ({ request, params }: Route.ActionArgs) => filesPageAction("result", request, params.id);
