// Rebuilding the embedded engine's documents from the database (npm run cli -- search:reindex).
import { expect, test } from "vitest";
import { prisma } from "../app/db/db.server.ts";
import { makeOrg } from "../tests/factories.ts";
import { pgSearchUncached } from "./pg-engine.server.ts";
import { reindexSearch } from "./reindex.server.ts";

test("reindex rebuilds lost or stale documents, removes orphans, and reports progress", async () => {
  const org = await makeOrg();
  const a = await prisma.result.create({
    data: {
      organizationId: org.id,
      title: "重建索引测试钨钢",
      summary: "x",
      keywords: [],
      field: "tungsten",
      maturity: "lab",
      transferModes: [],
      status: "published",
      publishedAt: new Date(),
    },
  });
  await prisma.need.create({
    data: {
      organizationId: org.id,
      title: "重建索引测试需求",
      description: "y",
      keywords: [],
      field: "other",
      status: "published",
      publishedAt: new Date(),
    },
  });
  // damage the index behind the triggers' back
  await prisma.$executeRawUnsafe(`DELETE FROM "SearchDocument" WHERE "listingId" = $1`, a.id);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "SearchDocument" (kind, "listingId", "organizationId", status, field, "regionCode", "orgKind", "createdAt") VALUES ('result', 'orphan', $1, 'published', 'other', '360702', 'university', now())`,
    org.id,
  );
  expect((await pgSearchUncached({ kind: "result", q: "重建索引", page: 1, pageSize: 10 })).ids).not.toContain(a.id);

  const progress: Array<[number, number]> = [];
  const res = await reindexSearch({ engine: "postgres", onProgress: (done, total) => progress.push([done, total]) });
  expect(res.engine).toBe("postgres");
  expect(progress.at(-1)).toEqual([2, 2]);
  expect((await pgSearchUncached({ kind: "result", q: "重建索引", page: 1, pageSize: 10 })).ids).toEqual([a.id]);
  expect((await pgSearchUncached({ kind: "need", q: "重建索引", page: 1, pageSize: 10 })).total).toBe(1);
  expect(await prisma.searchDocument.count({ where: { listingId: "orphan" } })).toBe(0);
  await expect(reindexSearch({ engine: "meilisearch" })).rejects.toThrow(/MEILI_HOST/);
});
