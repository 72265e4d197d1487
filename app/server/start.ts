// `npm start`: on a fresh machine, starts the embedded database (or uses DATABASE_URL), applies
// migrations, seeds demo data once, builds the app if needed and serves it on PORT.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectDatabase, resolveDataDir } from "../db/embedded-postgres.server.ts";
import { parseEnv } from "../env.server.ts";

const started = performance.now();
const env = parseEnv();
const dev = process.env.NODE_ENV === "development";
const dataDir = resolveDataDir(env.DATA_DIR);
fs.mkdirSync(dataDir, { recursive: true });

function log(message: string) {
  console.log(`[start] ${message}`);
}

if (!process.env.SESSION_SECRET) {
  const file = path.join(dataDir, "session-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

const db = await connectDatabase({ dataDir, log });
process.env.DATABASE_URL = db.url;
log(db.owned ? `embedded PostgreSQL under ${path.join(dataDir, "pg")}` : "using the configured database");

execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
  env: process.env,
  stdio: ["ignore", "ignore", "inherit"],
});
log("migrations applied");

if (env.SEED_DEMO === "auto") {
  const { seedDemoDataOnce } = await import("../../seeds/seed.server.ts");
  const seeded = await seedDemoDataOnce({ log });
  log(seeded ? "demo data seeded" : "demo data already present");
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}generated${path.sep}`)) continue;
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const { createExpressApp } = await import("./express-app.ts");
let app;
if (dev) {
  const vite = await import("vite");
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app = await createExpressApp({ mode: "development", vite: viteServer });
} else {
  const serverBuild = path.resolve("build/server/index.js");
  // The app bundle includes app/, search/ and seeds/ code (and the thesaurus JSON).
  const sources = ["app", "search", "seeds"].map((d) => path.resolve(d)).filter((d) => fs.existsSync(d));
  const stale = !fs.existsSync(serverBuild) || Math.max(...sources.map(newestMtime)) > fs.statSync(serverBuild).mtimeMs;
  if (stale) {
    log("building the app (first start or sources changed)…");
    execFileSync(process.execPath, [path.resolve("node_modules/@react-router/dev/bin.js"), "build"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  app = await createExpressApp({ mode: "production", log: process.env.LOG_REQUESTS !== "0" });
}

const { startBackgroundWork } = await import("./background.server.ts");
const stopBackground = startBackgroundWork({ log });

const server = app.listen(env.PORT, () => {
  log(`ready in ${Math.round(performance.now() - started)} ms → http://localhost:${env.PORT}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  stopBackground();
  server.close();
  const { disconnectPrisma } = await import("../db/db.server.ts");
  await disconnectPrisma().catch(() => {});
  await db.stop().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
