// GET /api/v1/health: whether this instance can serve. The database decides the status code
// (503 when a `SELECT 1` fails or takes over DB_TIMEOUT_MS: every other route would fail too);
// search and mail only report "degraded" in the body, since the app still serves without them
// (search falls back to PostgreSQL, mail waits in the outbox).
import { prisma } from "../db/db.server.ts";
import { getEnv } from "../env.server.ts";

const DB_TIMEOUT_MS = 2_000;
const SEARCH_TIMEOUT_MS = 1_500;
/** pending mail older than this means delivery is not keeping up */
const MAIL_BACKLOG_AGE_S = 15 * 60;
/** a search outbox row this old has not reached Meilisearch */
const SEARCH_BACKLOG_AGE_S = 5 * 60;

type Check = "ok" | "degraded" | "down" | "unknown";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The reason without internals: the first line, no connection strings. */
function reason(error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split("\n")[0]!
    .replace(/postgres(ql)?:\/\/\S+/g, "postgresql://…")
    .slice(0, 200);
}

async function databaseCheck() {
  const started = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, DB_TIMEOUT_MS, "the database");
    return { status: "ok" as Check, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down" as Check, error: reason(error) };
  }
}

async function searchCheck() {
  if (!getEnv().MEILI_HOST && getEnv().SEARCH_MEMORY_INDEX === "1") {
    // this worker's in-process index: "building" while PostgreSQL answers in its place
    const { memoryIndexStatus } = await import("../../search/memory-sync.server.ts");
    const m = memoryIndexStatus();
    return {
      engine: "postgres",
      status: "ok" as Check,
      memoryIndex: m.ready ? { state: "ready", documents: m.result.docs + m.need.docs } : { state: "building" },
    };
  }
  if (!getEnv().MEILI_HOST) return { engine: "postgres", status: "ok" as Check };
  const [backlog] = await prisma.$queryRaw<Array<{ pending: number; stale: number }>>`
    SELECT count(*)::int AS pending,
      (count(*) FILTER (WHERE "createdAt" < now() - make_interval(secs => ${SEARCH_BACKLOG_AGE_S})))::int AS stale
    FROM "SearchOutbox"`;
  let reachable = true;
  let error: string | undefined;
  try {
    const { meiliClient } = await import("../../search/meili.server.ts");
    await withTimeout(meiliClient().health(), SEARCH_TIMEOUT_MS, "Meilisearch");
  } catch (e) {
    reachable = false;
    error = reason(e);
  }
  const status: Check = reachable && !backlog?.stale ? "ok" : "degraded";
  return {
    engine: "meilisearch",
    status,
    reachable,
    outboxPending: backlog?.pending ?? 0,
    outboxStale: backlog?.stale ?? 0,
    ...(status === "degraded" ? { fallback: "postgres" } : {}),
    ...(error ? { error } : {}),
  };
}

async function mailCheck() {
  const [row] = await prisma.$queryRaw<
    Array<{ pending: number; retrying: number; failed: number; oldest: Date | null }>
  >`
    SELECT (count(*) FILTER (WHERE status = 'pending'))::int AS pending,
      (count(*) FILTER (WHERE status = 'pending' AND attempts > 0))::int AS retrying,
      (count(*) FILTER (WHERE status = 'failed' AND "createdAt" > now() - interval '1 day'))::int AS failed,
      min("createdAt") FILTER (WHERE status = 'pending') AS oldest
    FROM "OutboxMail"`;
  const oldestPendingSeconds = row?.oldest ? Math.max(0, Math.round((Date.now() - row.oldest.getTime()) / 1000)) : 0;
  const degraded = (row?.retrying ?? 0) > 0 || (row?.failed ?? 0) > 0 || oldestPendingSeconds > MAIL_BACKLOG_AGE_S;
  return {
    transport: getEnv().SMTP_URL ? "smtp" : "files",
    status: (degraded ? "degraded" : "ok") as Check,
    pending: row?.pending ?? 0,
    retrying: row?.retrying ?? 0,
    failedLastDay: row?.failed ?? 0,
    oldestPendingSeconds,
  };
}

export async function healthReport() {
  const database = await databaseCheck();
  if (database.status !== "ok") {
    return {
      httpStatus: 503,
      body: { status: "down", database, search: { status: "unknown" as Check }, mail: { status: "unknown" as Check } },
    };
  }
  // the database answered: these read it, and fail soft
  const soft = async <T extends { status: Check }>(fn: () => Promise<T>) =>
    withTimeout(fn(), DB_TIMEOUT_MS, "the check").catch((e) => ({ status: "unknown" as Check, error: reason(e) }));
  const [search, mail] = await Promise.all([soft(searchCheck), soft(mailCheck)]);
  const status = search.status === "ok" && mail.status === "ok" ? "ok" : "degraded";
  return { httpStatus: 200, body: { status, database, search, mail } };
}
