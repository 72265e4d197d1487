// GET (list) and POST (multipart upload) /api/v1/results/:id/files
import { listingFilesAction, listingFilesLoader } from "../files/api.server.ts";

export const loader = listingFilesLoader("result");
export const action = listingFilesAction("result");
