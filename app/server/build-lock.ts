// Two `npm start`s in one checkout (two test servers starting at once, or an operator's second
// start) both found the build stale and ran `react-router build` into the same build/ folder: one
// build emptied the folder while the other read its manifest (ENOENT), and that start failed. The
// build now runs under a lock file (lock-file.ts, the embedded database's kind), and whoever gets
// the lock after waiting checks again whether the build is still stale, so the second start uses
// the first one's build.
import fs from "node:fs";
import path from "node:path";
import { withLockFile } from "./lock-file.ts";

/**
 * Runs `build` when `isStale()` says so, one process of the checkout at a time. A lock whose holder
 * has died is taken over; waiting gives up after `timeoutMs` with an error that names the lock.
 */
export async function buildUnderLock(opts: {
  lockFile: string;
  isStale: () => boolean;
  build: () => void;
  log?: (line: string) => void;
  timeoutMs?: number;
}): Promise<"built" | "current"> {
  const { lockFile, isStale, build, log, timeoutMs = 20 * 60_000 } = opts;
  if (!isStale()) return "current";
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  return withLockFile(
    lockFile,
    () => {
      if (!isStale()) return "current" as const;
      build();
      return "built" as const;
    },
    {
      waitMs: timeoutMs,
      timeoutMessage: `another start has been building the app for too long (lock ${lockFile})`,
      onWait: (holder) => log?.(`waiting for another start's build (process ${holder ?? "?"})…`),
    },
  );
}
