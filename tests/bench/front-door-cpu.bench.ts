// The front door's own CPU per token-bid answer, without a database: the bid route as express-app.ts
// wires it (compression, the app's security headers, the API rate limiter, the body limits, the hot
// bid route) with the answer function replaced by a fixed 409, served in a child process; the client
// sends ROUNDS × REQUESTS bids over CONNECTIONS keep-alive connections and the child's CPU time is
// read before and after each round's measured part. Each tree given (FRONT_DOOR_TREES, colon-separated
// checkouts with node_modules and app/generated; default this one) gets its own fresh server per round,
// the trees alternating, so two builds can be compared on a shared machine.
//   npx tsx tests/bench/front-door-cpu.bench.ts
//   FRONT_DOOR_TREES=/tmp/before:. FRONT_DOOR_ROUNDS=4 npx tsx tests/bench/front-door-cpu.bench.ts
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { BidConnection, postHead } from "./bid-client.ts";

const REQUESTS = Number(process.env.FRONT_DOOR_REQUESTS ?? 20_000);
const WARMUP = Number(process.env.FRONT_DOOR_WARMUP ?? 5_000);
const CONNECTIONS = Number(process.env.FRONT_DOOR_CONNECTIONS ?? 25);
const ROUNDS = Number(process.env.FRONT_DOOR_ROUNDS ?? 3);
const ANSWER = JSON.stringify({ error: { code: "conflict", message: "出价低于当前价 / bid below the current price" } });

type Usage = { user: number; system: number };

async function serve(tree: string) {
  process.env.NODE_ENV = "production";
  process.env.SESSION_SECRET ??= "front-door-bench-secret";
  process.env.RATE_LIMIT_API_PER_MINUTE = "100000000";
  const url = (file: string) => new URL(`file://${path.resolve(tree, file)}`).href;
  const http = await import("node:http");
  const { default: compression } = await import("compression");
  const { default: express } = await import("express");
  const { bodyLimits } = await import(url("app/server/body-limits.ts"));
  const { errorHandler } = await import(url("app/server/error-pages.ts"));
  const { securityHeadersFor } = await import(url("app/server/express-app.ts"));
  const { createFrontDoor, expressServerClasses } = await import(url("app/server/front-door.ts"));
  const { hotBidRoute, takesTokenBid } = await import(url("app/server/hot-api.ts"));
  const { limiter } = await import(url("app/server/rate-limit.ts"));
  const app = express();
  app.disable("x-powered-by");
  const serverOptions = expressServerClasses(app);
  const bid = hotBidRoute(async () => async () => ({ status: 409, body: ANSWER }));
  const BID_PATH = /^\/api\/v1\/auctions\/([^/]+)\/bids$/;
  const listener = createFrontDoor({
    app,
    outer: [compression()],
    securityHeaders: securityHeadersFor(false),
    before: [limiter(60_000, 100_000_000), bodyLimits()],
    routes: [
      {
        method: "POST",
        samplePath: "/api/v1/auctions/lot/bids",
        match: (pathname: string, req: { headers: { authorization?: string } }) => {
          const id = BID_PATH.exec(pathname)?.[1];
          return id !== undefined && takesTokenBid(id, req.headers.authorization) ? { id } : null;
        },
        handler: bid,
      },
    ],
    errorHandler: errorHandler(),
  });
  const server = http.createServer(serverOptions, listener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.on("message", (m) => {
    if (m === "usage") process.send!(process.cpuUsage());
    if (m === "stop") server.close(() => process.exit(0));
  });
  process.send!({ port: (server.address() as { port: number }).port });
}

function ask<T>(child: ReturnType<typeof fork>, message: string) {
  return new Promise<T>((resolve) => {
    child.once("message", (m) => resolve(m as T));
    child.send(message);
  });
}

async function send(connections: BidConnection[], head: Buffer, count: number) {
  const body = JSON.stringify({ amountFen: 100 });
  let next = 0;
  let status = 0;
  await Promise.all(
    connections.map(async (connection) => {
      while (next++ < count) status = (await connection.send(head, body)).status;
    }),
  );
  return status;
}

async function round(tree: string) {
  const child = fork(new URL(import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FRONT_DOOR_SERVE: tree },
    stdio: "inherit",
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once("message", (m) => resolve(m as never)));
  const connections = Array.from({ length: CONNECTIONS }, () => new BidConnection(port));
  const head = postHead(port, "/api/v1/auctions/lot1/bids", "tok_bench");
  await send(connections, head, WARMUP);
  const before = await ask<Usage>(child, "usage");
  const started = performance.now();
  const status = await send(connections, head, REQUESTS);
  const wall = performance.now() - started;
  const after = await ask<Usage>(child, "usage");
  for (const connection of connections) connection.close();
  child.send("stop");
  await new Promise((r) => child.once("exit", r));
  const user = (after.user - before.user) / REQUESTS;
  const system = (after.system - before.system) / REQUESTS;
  return { status, cpu: user + system, user, system, wall: (wall * 1000) / REQUESTS };
}

if (process.env.FRONT_DOOR_SERVE) await serve(process.env.FRONT_DOOR_SERVE);
else {
  const trees = (process.env.FRONT_DOOR_TREES ?? ".").split(":");
  console.log(`${REQUESTS} bids a round after ${WARMUP}, ${CONNECTIONS} connections; server CPU µs per bid`);
  for (let r = 1; r <= ROUNDS; r++)
    for (const tree of trees) {
      const load = os.loadavg()[0]!.toFixed(1);
      const m = await round(tree);
      console.log(
        `round ${r} ${tree}: ${m.cpu.toFixed(1)} µs (user ${m.user.toFixed(1)} / system ${m.system.toFixed(1)}), ` +
          `wall ${m.wall.toFixed(1)} µs per bid, status ${m.status}, load ${load}`,
      );
    }
}
