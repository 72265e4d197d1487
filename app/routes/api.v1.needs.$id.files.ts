// GET (list) and POST (multipart upload) /api/v1/needs/:id/files
import { listingFilesAction, listingFilesLoader } from "../files/api.server.ts";

export const loader = listingFilesLoader("need");
export const action = listingFilesAction("need");
