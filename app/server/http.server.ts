// The HTTP server of one process: the Express app (production build, or Vite in development)
// listening on PORT. Used by start.ts directly (one process) or by each HTTP worker.
import type { Server } from "node:http";
import { createExpressApp } from "./express-app.ts";
import { getEnv } from "../env.server.ts";

export async function serveHttp({
  mode,
  port,
  workers,
}: {
  mode: "production" | "development";
  port: number;
  workers: number;
}) {
  let app;
  if (mode === "development") {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app = await createExpressApp({ mode, vite: viteServer, workers });
  } else {
    app = await createExpressApp({ mode, log: getEnv().LOG_REQUESTS !== "0", workers });
  }
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, () => resolve(s));
  });
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
