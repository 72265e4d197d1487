// One HTTP worker process of `npm start` (forked by start.ts, which has already started the
// database, applied migrations, seeded and built): serves the production build on the shared
// port. DATABASE_URL and SESSION_SECRET come from the primary's environment.
import cluster from "node:cluster";
import { parseEnv } from "../env.server.ts";
import { serveHttp } from "./http.server.ts";

const env = parseEnv();
const http = await serveHttp({ mode: "production", port: env.PORT, workers: env.WEB_CONCURRENCY ?? 1 });
// The in-process search index (SEARCH_MEMORY_INDEX=1) is built now rather than at the first
// search; PostgreSQL answers searches until it is ready (docs/decisions/0026).
if (env.SEARCH_MEMORY_INDEX === "1") {
  void import("../../search/memory-sync.server.ts").then((m) => m.memoryIndexReady());
}

// The primary disconnects us on shutdown: finish the requests in flight, then leave.
let leaving = false;
async function leave() {
  if (leaving) return;
  leaving = true;
  await http.close();
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  process.exit(0);
}
cluster.worker?.on("disconnect", () => void leave());
// Errors on the worker object are errors of the channel to the primary (EPIPE,
// ERR_IPC_DISCONNECTED: Node's cluster code still writes to it while the server closes after the
// primary let go). The primary is gone or going: leave the same way instead of crashing with
// requests in flight.
cluster.worker?.on("error", () => void leave());
// Signals reach the whole process group (Ctrl-C): the primary decides when we stop.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
