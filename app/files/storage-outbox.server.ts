// The storage outbox (docs/decisions/0022-listing-files.md): a database trigger queues the objects
// of every deleted ListingFile row — one file, or all of a deleted listing's through the cascade —
// in the same transaction. They are removed from storage only here, after that commit: a rolled
// back deletion never loses a file, and a failed storage call is retried by the background job.
import { prisma } from "../db/db.server.ts";
import { fileStorage, type FileStorage } from "./storage.server.ts";

const BATCH = 100;
const MAX_ATTEMPTS = 20;
// storage calls run under the claim: give a slow object store time
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };

/** Removes queued objects from storage; the number removed. Safe in several processes at once. */
export async function drainStorageDeletions(storage: FileStorage = fileStorage()): Promise<number> {
  let done = 0;
  for (;;) {
    // claim a batch: SKIP LOCKED lets two processes work side by side without doing one twice
    const removed = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: bigint; key: string }[]>`
        SELECT id, key FROM "StorageDeletion" WHERE attempts < ${MAX_ATTEMPTS}
        ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      let count = 0;
      for (const row of rows) {
        try {
          await storage.delete(row.key);
          await tx.storageDeletion.delete({ where: { id: row.id } });
          count++;
        } catch (error) {
          await tx.storageDeletion.update({
            where: { id: row.id },
            data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500) },
          });
        }
      }
      return { count, claimed: rows.length };
    }, TX_OPTIONS);
    done += removed.count;
    if (removed.claimed < BATCH || removed.count === 0) return done;
  }
}

/** After a commit that deleted files: remove them now; what fails stays queued for the job. */
export async function drainAfterCommit() {
  try {
    await drainStorageDeletions();
  } catch (error) {
    console.warn("storage deletions left for the background job", error);
  }
}
