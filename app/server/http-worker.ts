// One HTTP worker process of `npm start` (forked by start.ts, which has already started the
// database, applied migrations, seeded and built): serves the production build on the shared
// port. DATABASE_URL and SESSION_SECRET come from the primary's environment.
import cluster from "node:cluster";
import { parseEnv } from "../env.server.ts";
import { serveHttp } from "./http.server.ts";

const env = parseEnv();
const http = await serveHttp({ mode: "production", port: env.PORT, workers: env.WEB_CONCURRENCY ?? 1 });

// The primary disconnects us on shutdown: finish the requests in flight, then leave.
cluster.worker?.on("disconnect", async () => {
  await http.close();
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  process.exit(0);
});
// Closing the server after the primary has disconnected makes Node's cluster child try to
// disconnect again and emit ERR_IPC_DISCONNECTED on the worker: harmless, we are leaving anyway.
cluster.worker?.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "ERR_IPC_DISCONNECTED") throw error;
});
// Signals reach the whole process group (Ctrl-C): the primary decides when we stop.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
