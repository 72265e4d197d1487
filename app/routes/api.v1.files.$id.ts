// DELETE /api/v1/files/:id
import { fileItemAction, fileItemLoader } from "../files/api.server.ts";

export const loader = fileItemLoader;
export const action = fileItemAction;
