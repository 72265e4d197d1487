// The upload body limit, shared by the HTTP server's streaming check (app/server/body-limits.ts)
// and the upload handlers: the largest file plus room for the multipart framing and the caption.
import { getEnv } from "../env.server.ts";

export const MULTIPART_OVERHEAD = 64 * 1024;

export function uploadBodyLimit() {
  return getEnv().FILE_MAX_BYTES + MULTIPART_OVERHEAD;
}
