// What the edit pages show of a listing's files (after editPageData checked the viewer may edit it).
import { getEnv } from "../env.server.ts";
import type { ListingKind } from "../listings/workflow.server.ts";
import { filesOf } from "./files.server.ts";
import { fileJson } from "./serialize.ts";

export async function editFilesData(kind: ListingKind, id: string) {
  const env = getEnv();
  return {
    files: (await filesOf(kind, id)).map(fileJson),
    fileLimits: {
      mb: Math.round((env.FILE_MAX_BYTES / 1024 / 1024) * 10) / 10,
      max: env.FILE_MAX_PER_LISTING,
      bytes: env.FILE_MAX_BYTES,
    },
  };
}
