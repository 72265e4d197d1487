// The restore drill: seed data, `db:backup`, `db:restore` into a fresh DATA_DIR (its own embedded
// server), then every table has the same number of rows, and GET /api/v1/stats/verify and
// GET /api/v1/audit/verify pass on the restored database. A non-empty target is refused.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { expect, test } from "vitest";
import { reviewContract } from "../../app/contracts/contracts.server.ts";
import { startEmbeddedPostgres } from "../../app/db/embedded-postgres.server.ts";
import { makeCaller, makeOrg } from "../factories.ts";
import { contractBody, postContract, publishedResult, submit } from "../api/contracts-helpers.ts";

const exec = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", "app/cli/index.ts", ...args], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function rowCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of rows) {
      counts[tablename] = Number((await client.query(`SELECT count(*) AS n FROM "${tablename}"`)).rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

test(
  "backup, restore into a fresh instance: same row counts, statistics and audit chain verify; a non-empty target is refused",
  { timeout: 240_000 },
  async () => {
    const bureau = await makeCaller("bureau");
    const seller = await makeOrg({ name: "备份演练大学", kind: "university", regionCode: "360702" });
    const buyer = await makeOrg({ name: "备份演练企业", kind: "enterprise", regionCode: "110108" });
    await publishedResult(seller, { title: "备份演练成果" });
    for (const amount of [1_000_000, 2_500_000]) {
      const { body } = await postContract(
        bureau,
        contractBody(seller, buyer, { contractAmountFen: amount, nonTechnicalCostsFen: 0 }),
      );
      await submit(bureau, body.id);
      await reviewContract(body.id, { decision: "register" }, bureau.user as never);
    }
    const source = process.env.DATABASE_URL!;
    const before = await rowCounts(source);
    expect(before.Contract).toBeGreaterThanOrEqual(2);
    expect(before.AuditEvent).toBeGreaterThan(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "market-restore-"));
    fs.chmodSync(dir, 0o755);
    const dataDir = path.join(dir, "data");
    const file = path.join(dir, "market.dump");
    const embeddedEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete embeddedEnv.DATABASE_URL;
    try {
      const backup = await cli(["db:backup", "--out", file], { ...process.env, DATABASE_URL: source });
      expect(backup.code, backup.stderr).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);

      const restore = await cli(["db:restore", "--file", file], embeddedEnv);
      expect(restore.code, restore.stderr).toBe(0);

      // hold the restored server while we look at it
      const restored = await startEmbeddedPostgres({ dataDir });
      try {
        expect(await rowCounts(restored.url)).toEqual(before);

        const script = path.join(dir, "verify.mts");
        const route = (name: string) => JSON.stringify(path.resolve(`app/routes/${name}`));
        fs.writeFileSync(
          script,
          `const out: Record<string, unknown> = {};
        for (const [name, file] of [["stats", ${route("api.v1.stats.verify.ts")}], ["audit", ${route("api.v1.audit.verify.ts")}]] as const) {
          const { loader } = await import(file);
          const res = await loader({ request: new Request("http://localhost/api/v1/" + name + "/verify", { headers: { Authorization: "Bearer ${bureau.token}" } }), params: {}, context: {} });
          out[name] = { status: res.status, body: await res.json() };
        }
        console.log(JSON.stringify(out));
        process.exit(0);`,
        );
        const verify = await exec(process.execPath, ["--import", "tsx", script], {
          env: { ...process.env, DATABASE_URL: restored.url },
        });
        const result = JSON.parse(verify.stdout.trim().split("\n").pop()!);
        expect(result.stats).toMatchObject({ status: 200, body: { ok: true } });
        expect(result.audit).toMatchObject({ status: 200, body: { ok: true } });
        expect(result.audit.body.events).toBe(before.AuditEvent);
      } finally {
        await restored.stop();
      }

      // the restored instance is no longer empty: a second restore is refused, nothing changed
      const again = await cli(["db:restore", "--file", file], embeddedEnv);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/不是空的|not empty/);
      const intoSource = await cli(["db:restore", "--file", file], { ...process.env, DATABASE_URL: source });
      expect(intoSource.code).toBe(1);
      expect(await rowCounts(source)).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
