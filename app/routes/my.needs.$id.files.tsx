// POST /my/needs/:id/files: the edit page's remove buttons; the outcome is a redirect back to the edit
// page (app/files/page-actions.server.ts). The upload form posts to the edit page itself.
import type { Route } from "./+types/my.needs.$id.files";
import { filesPageAction } from "../files/page-actions.server.ts";

export const action = ({ request, params }: Route.ActionArgs) => filesPageAction("need", request, params.id);
