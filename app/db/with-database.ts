// Runs a command with DATABASE_URL pointing at the app's database (embedded under DATA_DIR unless
// DATABASE_URL is already set), e.g. `npm run db -- npx prisma migrate dev --name add_x`.
import { spawnSync } from "node:child_process";
import { connectDatabase } from "./embedded-postgres.server.ts";

const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
if (args.length === 0) {
  console.error("usage: npm run db -- <command> [args…]");
  process.exit(2);
}
const db = await connectDatabase({ log: (m) => console.error(m) });
const child = spawnSync(args[0]!, args.slice(1), {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: db.url },
});
await db.stop();
process.exit(child.status ?? 1);
