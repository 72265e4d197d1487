// The listing import's bulk path (app/cli/import-listings-write.server.ts): one transaction, so a
// `kill -9` in the middle of writing leaves nothing (no listings, documents, facet counts or
// audit events), and the audit chain stays one chain with the server's writers meanwhile, which do
// not wait for the import's listing phase; progress lines with rows/s on stderr; and on success the listings are
// searchable at once, through a search cache that was holding the old answer (NOTIFY at commit).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { recordAudit, verifyAuditChain } from "../../app/audit/audit.server.ts";
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

  let written = false;
  const again = startCli(["import", "results", "--file", file, "--org-name", org.name, "--publish"], (e) => {
    written ||= /写入 \/ writing [1-9]\d*\/12000/.test(e);
  });
  // the server's own audit writers during the import extend the same chain (the import holds the
  // chain's lock only from its last phase, its audit events, to its COMMIT)
  const writers: Array<Promise<unknown>> = [];
  for (let i = 0; i < 3000 && !written; i++) await new Promise((r) => setTimeout(r, 10));
  for (let i = 0; i < 4; i++)
    writers.push(
      prisma.$transaction(
        (tx) => recordAudit(tx, { entityType: "need", entityId: `during-import-${i}`, action: "create" }),
        { maxWait: 10_000, timeout: 240_000 },
      ),
    );
  const ok = await again.exited;
  await Promise.all(writers);
  expect(await verifyAuditChain()).toMatchObject({ ok: true });
  expect(await prisma.auditEvent.count({ where: { entityId: { startsWith: "during-import-" } } })).toBe(4);
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

test(
  "a server write of an audit event during the import's listing phase does not wait for its COMMIT",
  { timeout: 300_000 },
  async () => {
    const org = await makeOrg({ name: "批量导入审计锁测试大学" });
    const file = writeFile("audit-lock.jsonl", 12_000, "审锁");
    let stderr = "";
    let writing = false;
    const run = startCli(["import", "results", "--file", file, "--org-name", org.name, "--publish"], (e) => {
      stderr = e;
      writing ||= /写入 \/ writing [1-9]\d*\/12000/.test(e);
    });
    for (let i = 0; i < 6000 && !writing; i++) await new Promise((r) => setTimeout(r, 10));
    expect(writing, stderr).toBe(true);
    // any mutation's audit event, as the server writes it; before, it waited for the import's COMMIT
    await prisma.$transaction(
      (tx) => recordAudit(tx, { entityType: "need", entityId: "during-listing-phase", action: "create" }),
      { maxWait: 10_000, timeout: 240_000 },
    );
    expect(stderr).not.toMatch(/审计记录 \/ audit events/);
    const out = await run.exited;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/审计记录 \/ audit events 12000\/12000/);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    // the server's event is chained before every event of the import, which are consecutive
    const [mine] = await prisma.$queryRaw<[{ seq: bigint }]>`
      SELECT seq FROM "AuditEvent" WHERE "entityId" = 'during-listing-phase'`;
    const [imported] = await prisma.$queryRaw<[{ first: bigint; last: bigint; n: number }]>`
      SELECT min(a.seq) AS first, max(a.seq) AS last, count(*)::int AS n
      FROM "AuditEvent" a JOIN "Result" r ON r.id = a."entityId"
      WHERE a.action = 'import' AND r."organizationId" = ${org.id}`;
    expect(imported.n).toBe(12_000);
    expect(mine.seq).toBeLessThan(imported.first);
    const [between] = await prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM "AuditEvent" WHERE seq BETWEEN ${imported.first} AND ${imported.last}`;
    expect(between.n).toBe(12_000);
  },
);

test(
  "a bad line after the first chunks (validated while the writes run) leaves nothing and is reported",
  {
    timeout: 300_000,
  },
  async () => {
    const org = await makeOrg({ name: "批量导入坏行测试大学" });
    const before = await importTrace(org.id);
    const file = writeFile("late-bad.jsonl", 9_000, "坏行");
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    lines[8_499] = JSON.stringify({ ...JSON.parse(lines[8_499]!), field: "no_such_field" });
    lines[8_999] = "{not json";
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const out = await startCli(["import", "results", "--file", file, "--org-name", org.name, "--publish"]).exited;
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/2 bad line\(s\), nothing was written/);
    expect(out.stderr).toMatch(/line 8500 \[field\]/);
    expect(out.stderr).toMatch(/line 9000: .*Not valid JSON/);
    expect(await importTrace(org.id)).toEqual(before);
  },
);
