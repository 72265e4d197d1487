// The HTTP server of one process: the Express app (production build, or Vite in development)
// listening on PORT. Used by start.ts directly (one process) or by each HTTP worker.
import { createServer, type Server } from "node:http";
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
  const frontDoor = getEnv().FRONT_DOOR === "1";
  let listener, serverOptions;
  if (mode === "development") {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    ({ listener, serverOptions } = await createExpressApp({ mode, vite: viteServer, workers, frontDoor }));
  } else {
    ({ listener, serverOptions } = await createExpressApp({
      mode,
      log: getEnv().LOG_REQUESTS !== "0",
      workers,
      frontDoor,
    }));
  }
  const server: Server = await new Promise((resolve, reject) => {
    const s = createServer(serverOptions, listener);
    s.once("error", reject);
    s.listen(port, () => resolve(s));
  });
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
