// The listing import's bulk path (app/cli/import-listings-write.server.ts): one transaction, so a
// `kill -9` in the middle of writing leaves nothing (no listings, documents, facet counts or
// audit events); progress lines with rows/s on stderr; and on success the listings are
// searchable at once, through a search cache that was holding the old answer (NOTIFY at commit).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { searchListings } from "../../search/index.server.ts";
import { waitForCacheListener } from "../../search/cache.server.ts";
import { makeOrg } from "../factories.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-import-bulk-"));

function startCli(args: string[], onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/index.ts", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => {
    stderr += String(d);
    onStderr?.(stderr);
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}

function writeFile(name: string, count: number, term: string) {
  const file = path.join(dir, name);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      title: `${term}晶界扩散钕铁硼磁体 ${i}`,
      summary: `采用晶界扩散工艺，重稀土用量降低 ${i % 50}%，矫顽力提高，适用于新能源汽车驱动电机。`,
      keywords: ["钕铁硼", "晶界扩散"],
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      priceFen: 1_000_000 + i,
    }),
  );
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

async function importTrace(organizationId: string) {
  const [results, documents, audits, facets] = await Promise.all([
    prisma.result.count({ where: { organizationId } }),
    prisma.$queryRaw<
      [{ n: number }]
    >`SELECT count(*)::int AS n FROM "SearchDocument" WHERE "organizationId" = ${organizationId}`,
    prisma.auditEvent.count({ where: { action: "import" } }),
    prisma.$queryRaw<[{ n: number }]>`SELECT coalesce(sum(n), 0)::int AS n FROM "SearchFacetCount"`,
  ]);
  return { results, documents: documents[0].n, audits, facets: facets[0].n };
}

test("kill -9 in the middle of writing leaves nothing; the next import succeeds", { timeout: 300_000 }, async () => {
  const org = await makeOrg({ name: "批量导入中断测试大学" });
  const before = await importTrace(org.id);
  const file = writeFile("killed.jsonl", 12_000, "中断");
  let killedAt = "";
  const { child, exited } = startCli(
    ["import", "results", "--file", file, "--org-name", org.name, "--publish"],
    (e) => {
      // killed once the first chunks are written (not before: "0/12000" is the start line)
      const m = /写入 \/ writing (\d+)\/12000/.exec(e.split("\n").slice(-2).join("\n"));
      if (killedAt || !m || Number(m[1]) === 0 || Number(m[1]) >= 12_000) return;
      killedAt = m[0];
      child.kill("SIGKILL");
    },
  );
  const out = await exited;
  expect(killedAt, out.stderr).not.toBe("");
  expect(out.signal).toBe("SIGKILL");
  // the server notices the dropped connection and rolls the transaction back
  for (let i = 0; i < 100; i++) {
    const busy = await prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'listing-import' AND datname = current_database()`;
    if (busy[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await importTrace(org.id)).toEqual(before);

  const again = startCli(["import", "results", "--file", file, "--org-name", org.name, "--publish"]);
  const ok = await again.exited;
  expect(ok.code, ok.stderr).toBe(0);
  expect(ok.stdout).toContain("12000");
  const after = await importTrace(org.id);
  expect(after).toEqual({
    results: 12_000,
    documents: 12_000,
    audits: before.audits + 12_000,
    facets: before.facets + 12_000,
  });
});

test(
  "progress lines carry rows/s; imported listings are searchable when the CLI returns, cache included",
  {
    timeout: 300_000,
  },
  async () => {
    const org = await makeOrg({ name: "批量导入检索测试大学" });
    const params = { kind: "result" as const, q: "巽离坎", page: 1, pageSize: 20 };
    expect(await waitForCacheListener()).toBe(true);
    expect((await searchListings(params)).total).toBe(0);
    expect((await searchListings(params)).total).toBe(0); // now answered from the cache
    const file = writeFile("searchable.jsonl", 3_000, "巽离坎");
    const out = await startCli(["import", "results", "--file", file, "--org-name", org.name, "--publish"]).exited;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/写入 \/ writing 3000\/3000 \(100%\) \d+ rows\/s/);
    expect(out.stderr).toMatch(/校验 \/ validating \d+\/3000 \(\d+%\) \d+ rows\/s/);
    // the commit's NOTIFY reaches the cache's listener asynchronously
    let total = 0;
    for (let i = 0; i < 50 && total !== 3_000; i++) {
      total = (await searchListings(params)).total;
      if (total !== 3_000) await new Promise((r) => setTimeout(r, 50));
    }
    expect(total).toBe(3_000);
    const page = await searchListings({ ...params, q: "巽离坎晶界扩散钕铁硼磁体 2999" });
    expect(page.total).toBeGreaterThanOrEqual(1);
    const doc = await prisma.result.findUniqueOrThrow({ where: { id: page.ids[0]! } });
    expect(doc.title).toBe("巽离坎晶界扩散钕铁硼磁体 2999");
    expect(doc.status).toBe("published");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: doc.id, action: "import" } });
    expect(audit.after).toMatchObject({ via: "cli", line: 3000, title: doc.title, status: "published" });
  },
);
