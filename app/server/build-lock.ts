// Two `npm start`s in one checkout (two test servers starting at once, or an operator's second
// start) both found the build stale and ran `react-router build` into the same build/ folder: one
// build emptied the folder while the other read its manifest (ENOENT), and that start failed. The
// build now runs under a lock directory (mkdir is atomic), and whoever gets the lock after waiting
// checks again whether the build is still stale, so the second start uses the first one's build.
import fs from "node:fs";
import path from "node:path";

/** Whether the process that wrote `pid` still runs (a lock left by a killed start is taken over). */
function running(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownerOf(lockDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8")) || null;
  } catch {
    return null;
  }
}

/**
 * Runs `build` when `isStale()` says so, one process of the checkout at a time. A lock whose owner
 * has died, or that has no owner written after 10 s, is taken over; waiting gives up after
 * `timeoutMs` with an error that names the lock.
 */
export async function buildUnderLock(opts: {
  lockDir: string;
  isStale: () => boolean;
  build: () => void;
  log?: (line: string) => void;
  timeoutMs?: number;
}): Promise<"built" | "current"> {
  const { lockDir, isStale, build, log, timeoutMs = 20 * 60_000 } = opts;
  if (!isStale()) return "current";
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const giveUpAt = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = ownerOf(lockDir);
    const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if ((owner !== null && !running(owner)) || (owner === null && age > 10_000)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUpAt)
      throw new Error(`another start has been building the app for too long (lock ${lockDir})`);
    if (!told) log?.(`waiting for another start's build (process ${owner ?? "?"})…`);
    told = true;
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
    if (!isStale()) return "current";
    build();
    return "built";
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
