// Keeping Meilisearch in step with the database (search/meili.server.ts is the engine itself):
// the triggers on Result/Need/Organization queue listing ids in SearchOutbox while the engine is
// enabled; drainSearchOutbox() (a background job) pushes them with retries and exponential
// backoff, applies the settings when the thesaurus version changes, and runs a full reindex the
// first time; reindexMeili() rebuilds both indexes into fresh ones swapped in atomically.
const ENABLED_KEY = "search.meili";
const SETTINGS_KEY = "search.meili.settings";
import { prisma } from "../app/db/db.server.ts";
import { ensureMeiliIndexes, indexUid, loadMeiliDocuments, meiliClient, meiliConfigured } from "./meili.server.ts";
import { thesaurus } from "./thesaurus.ts";

async function setFlag(key: string, value: unknown) {
  await prisma.appSetting.upsert({
    where: { key },
    create: { key, value: value as never },
    update: { value: value as never },
  });
}

export function backoffMs(attempts: number) {
  return Math.min(300_000, 1_000 * 2 ** Math.min(attempts, 10));
}

/**
 * One pass of the Meilisearch sync (the background job). Without MEILI_HOST it switches the
 * outbox off (and empties it). Returns how many listing changes were pushed.
 */
export async function drainSearchOutbox(opts: { batch?: number; log?: (m: string) => void } = {}): Promise<number> {
  const log = opts.log ?? (() => {});
  const enabled = (await prisma.appSetting.findUnique({ where: { key: ENABLED_KEY } }))?.value === true;
  if (!meiliConfigured()) {
    if (enabled) {
      await prisma.$transaction([
        prisma.appSetting.update({ where: { key: ENABLED_KEY }, data: { value: false } }),
        prisma.searchOutbox.deleteMany({}),
      ]);
    }
    return 0;
  }
  if (!enabled) {
    // From now on every change is queued; then everything before is copied.
    await setFlag(ENABLED_KEY, true);
    log("Meilisearch enabled: full reindex");
    await reindexMeili({ onProgress: (p) => log(`meili reindex ${p.kind} ${p.done}/${p.total}`) });
  } else {
    const applied = (await prisma.appSetting.findUnique({ where: { key: SETTINGS_KEY } }))?.value;
    if (applied !== thesaurus().version) {
      await ensureMeiliIndexes();
      await setFlag(SETTINGS_KEY, thesaurus().version);
    }
  }
  let pushed = 0;
  for (;;) {
    const done = await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<
          Array<{ id: bigint; kind: "result" | "need"; listingId: string; attempts: number }>
        >`
          SELECT id, kind, "listingId", attempts FROM "SearchOutbox"
          WHERE "availableAt" <= now() ORDER BY id LIMIT ${opts.batch ?? 500} FOR UPDATE SKIP LOCKED`;
        if (!rows.length) return 0;
        try {
          for (const kind of ["result", "need"] as const) {
            const ids = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.listingId))];
            if (!ids.length) continue;
            const { docs, missing } = await loadMeiliDocuments(kind, ids);
            const index = meiliClient().index(indexUid(kind));
            if (docs.length) await index.addDocuments(docs, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
            if (missing.length) await index.deleteDocuments(missing).waitTask({ timeout: 60_000 });
          }
          await tx.searchOutbox.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
          return rows.length;
        } catch (error) {
          const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
          await tx.searchOutbox.updateMany({
            where: { id: { in: rows.map((r) => r.id) } },
            data: {
              attempts: { increment: 1 },
              availableAt: new Date(Date.now() + backoffMs(attempts)),
              lastError: String(error).slice(0, 500),
            },
          });
          log(
            `meili sync failed (attempt ${attempts}), retrying in ${Math.round(backoffMs(attempts) / 1000)} s: ${String(error)}`,
          );
          return -1;
        }
      },
      { timeout: 180_000, maxWait: 10_000 },
    );
    if (done <= 0) break;
    pushed += done;
  }
  return pushed;
}

export type ReindexProgress = {
  engine: "postgres" | "meilisearch";
  kind: "result" | "need";
  done: number;
  total: number;
};

/**
 * Rebuilds both Meilisearch indexes from the database into fresh indexes, then swaps them in
 * atomically (searches keep working on the old ones meanwhile).
 */
export async function reindexMeili(opts: { onProgress?: (p: ReindexProgress) => void; batch?: number } = {}) {
  const c = meiliClient();
  const batch = opts.batch ?? 1_000;
  await ensureMeiliIndexes();
  await ensureMeiliIndexes("_rebuild");
  for (const kind of ["result", "need"] as const) {
    const tmp = c.index(indexUid(kind, "_rebuild"));
    await tmp.deleteAllDocuments().waitTask();
    const total = kind === "result" ? await prisma.result.count() : await prisma.need.count();
    let done = 0;
    let cursor: string | undefined;
    for (;;) {
      const ids = (
        kind === "result"
          ? await prisma.result.findMany({
              select: { id: true },
              orderBy: { id: "asc" },
              take: batch,
              ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
            })
          : await prisma.need.findMany({
              select: { id: true },
              orderBy: { id: "asc" },
              take: batch,
              ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
            })
      ).map((r) => r.id);
      if (!ids.length) break;
      cursor = ids[ids.length - 1];
      const { docs } = await loadMeiliDocuments(kind, ids);
      await tmp.addDocuments(docs, { primaryKey: "id" }).waitTask({ timeout: 300_000 });
      done += ids.length;
      opts.onProgress?.({ engine: "meilisearch", kind, done, total });
    }
    await c.swapIndexes([{ indexes: [indexUid(kind), indexUid(kind, "_rebuild")], rename: false }]).waitTask();
    await c.deleteIndexIfExists(indexUid(kind, "_rebuild"));
  }
  await setFlag(SETTINGS_KEY, thesaurus().version);
}
