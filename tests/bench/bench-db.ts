// A throwaway embedded PostgreSQL for the search and matching benchmarks: a fresh DATA_DIR,
// migrated, never the development database. Sets DATABASE_URL for this process.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type DatabaseHandle } from "../../app/db/embedded-postgres.server.ts";

/** A benchmark database: no durability needed for the load itself. */
export const BENCH_PG_SETTINGS = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  shared_buffers: "256MB",
};

export async function freshBenchDatabase(
  dataDir: string,
  database = "bench",
  extraSettings: Record<string, string> = {},
): Promise<DatabaseHandle> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const handle = await startEmbeddedPostgres({
    dataDir,
    database,
    settings: { ...BENCH_PG_SETTINGS, ...extraSettings },
  });
  process.env.DATABASE_URL = handle.url;
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: handle.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return handle;
}

/** Load average and cores: the figures depend on what else runs on the machine. */
/**
 * The environment of `npm start` as the benches run it: production mode on the bench's own database
 * and port, no demo data, no request log; `extra` adds what each bench varies.
 */
export function benchServerEnv(
  opts: { port: number; dataDir: string; databaseUrl: string; workers: number },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(opts.port),
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    SEED_DEMO: "never",
    NODE_ENV: "production",
    PUBLIC_URL: `http://127.0.0.1:${opts.port}`,
    LOG_REQUESTS: "0",
    ...extra,
    WEB_CONCURRENCY: String(opts.workers),
  };
}

export function machineLine() {
  const [l1, l5] = os.loadavg();
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1/5 min), Node ${process.version}`;
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * CPU time (user + system, ms, reaped children included) of each process tree rooted at `roots`, from /proc: on a shared
 * machine latency depends on what else runs, CPU per request does not. Linux only; 0 elsewhere.
 */
export function cpuOfTrees(roots: Record<string, number>): Record<string, number> {
  const totals = Object.fromEntries(Object.keys(roots).map((k) => [k, 0]));
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return totals;
  }
  const ticks = 100; // USER_HZ on Linux
  const procs = new Map<number, { parent: number; ms: number }>();
  for (const e of entries) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // the command name may hold spaces and parentheses: the fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime + stime, and cutime + cstime: the children it has reaped (a PostgreSQL backend that
    // ended, a finished worker) are in no other process's line any more
    const t = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    procs.set(Number(e), { parent: Number(fields[1]), ms: (t * 1000) / ticks });
  }
  const rootOf = new Map(Object.entries(roots).map(([k, pid]) => [pid, k]));
  for (const [pid, p] of procs) {
    for (let at: number | undefined = pid, hops = 0; at && hops < 64; at = procs.get(at)?.parent, hops++) {
      const key = rootOf.get(at);
      if (key) {
        totals[key]! += p.ms;
        break;
      }
    }
  }
  return totals;
}

/**
 * User and system CPU time (ms) of each process in `pids`, from /proc: a socket write's kernel work
 * (on loopback, the receiver's TCP input too) is system time, the JavaScript around it user time.
 */
export function userSystemOf(pids: number[]): { user: number; system: number } {
  const out = { user: 0, system: 0 };
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.user += (Number(fields[11]) * 1000) / 100;
      out.system += (Number(fields[12]) * 1000) / 100;
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The postmaster's pid of an embedded server under `dataDir` (first line of postmaster.pid). */
export function postmasterPid(dataDir: string) {
  return Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The pids in the process tree rooted at `root` (itself included) whose command name is `comm`, from /proc. */
export function treePids(root: number, comm: string): number[] {
  const parents = new Map<number, { parent: number; comm: string }>();
  for (const e of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(e), {
        parent: Number(fields[1]),
        comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      });
    } catch {
      // exited meanwhile
    }
  }
  const inTree = (pid: number) => {
    for (let at: number | undefined = pid, hops = 0; at && hops < 64; at = parents.get(at)?.parent, hops++)
      if (at === root) return true;
    return false;
  };
  return [...parents].filter(([pid, p]) => p.comm === comm && inTree(pid)).map(([pid]) => pid);
}

/** CPU time (ms, user + system) and title (its command line) of each child of `parent`, from /proc. */
export function childCpu(parent: number): Map<number, { ms: number; title: string }> {
  const out = new Map<number, { ms: number; title: string }>();
  for (const e of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== parent) continue;
      const title = fs.readFileSync(`/proc/${e}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      out.set(Number(e), { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, title });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
