// A throwaway embedded PostgreSQL for the search and matching benchmarks: a fresh DATA_DIR,
// migrated, never the development database. Sets DATABASE_URL for this process.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type DatabaseHandle } from "../../app/db/embedded-postgres.server.ts";

export async function freshBenchDatabase(dataDir: string, database = "bench"): Promise<DatabaseHandle> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const handle = await startEmbeddedPostgres({
    dataDir,
    database,
    // a benchmark database: no durability needed for the load itself
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", shared_buffers: "256MB" },
  });
  process.env.DATABASE_URL = handle.url;
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: handle.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return handle;
}

/** Load average and cores: the figures depend on what else runs on the machine. */
export function machineLine() {
  const [l1, l5] = os.loadavg();
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1/5 min), Node ${process.version}`;
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
