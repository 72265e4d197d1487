// Lock files between the processes of one machine: a file created exclusively ("wx") that holds its
// holder's identity — pid and the kernel's start time of that process — so a lock left by a process
// that died (SIGKILL) counts as gone, and a reused pid is not taken for its old owner. The embedded
// database's lock and leases (app/db/embedded-lease.server.ts) and the start-up build
// (build-lock.ts) use it.
import fs from "node:fs";

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), so a reused pid is not taken for it. */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** What a lock or lease file says of this process. */
export const processIdentity = () => `${process.pid} ${startTimeOf(process.pid) ?? ""}`;

/** Whether the process a lock or lease file names is still the one that wrote it. */
export function holderAlive(content: string) {
  const [pid, start] = content.trim().split(" ");
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && startTimeOf(n) === (start ?? "");
}

/** One attempt at the lock: true when taken; a lock left by a dead process is removed. */
export function tryLock(lockFile: string) {
  try {
    fs.writeFileSync(lockFile, processIdentity(), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let holder = "";
  try {
    holder = fs.readFileSync(lockFile, "utf8");
  } catch {
    return false; // just released: try again
  }
  // an empty file is a lock being written right now
  if (holder && !holderAlive(holder)) fs.rmSync(lockFile, { force: true });
  return false;
}

/** The pid the lock file names, if any. */
function holderPid(lockFile: string): number | null {
  try {
    return Number(fs.readFileSync(lockFile, "utf8").trim().split(" ")[0]) || null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` holding the lock. Waiting gives up after `waitMs` with `timeoutMessage`; `onWait` is
 * told once, with the holder's pid, when the lock is not free at the first try.
 */
export async function withLockFile<T>(
  lockFile: string,
  fn: () => Promise<T> | T,
  opts: { waitMs: number; timeoutMessage: string; onWait?: (holder: number | null) => void },
): Promise<T> {
  const until = Date.now() + opts.waitMs;
  let told = false;
  while (!tryLock(lockFile)) {
    if (Date.now() > until) throw new Error(opts.timeoutMessage);
    if (!told) opts.onWait?.(holderPid(lockFile));
    told = true;
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
