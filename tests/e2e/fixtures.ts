// Playwright fixtures that create their own accounts: `researcher`, `company` (each with a fresh,
// verified organization of its own) and `bureau`, signed in through the login form, and removed
// again after the test. A spec that changes state uses these instead of the seeded demo accounts,
// so specs do not depend on each other's leftovers or on what the demo data happens to contain.
//
//   import { expect, test } from "./fixtures.ts";
//   test("…", async ({ researcher, company }) => { await researcher.page.goto("/my/results/new"); … });
//
// Every page of a test that uses these fixtures (the `page` fixture and the accounts' pages) is
// watched: a console error or an uncaught exception fails the test, with the messages, unless the
// test declared it (`consoleErrors.allow(/pattern/)`, e.g. for a page it opens to see a 404).
//
// Accounts are made with the operator CLI (`user:create`, the same code as the admin's page)
// against the e2e server's database (E2E_DATA_DIR); cleanup deletes them through that database.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { test as base, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import pg from "pg";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import { loginThroughForm } from "./helpers.ts";

const DATA_DIR = process.env.E2E_DATA_DIR ?? "tests/.tmp/e2e-data";
const PASSWORD = "E2e-Fixture-Passwort1";

export type Account = {
  email: string;
  password: string;
  name: string;
  role: "researcher" | "company" | "bureau";
  /** the organization's name (researcher and company) */
  orgName: string | null;
  /** signed in, in its own browser context */
  page: Page;
};

function cli(args: string[]) {
  const out = spawnSync(process.execPath, ["--import", "tsx", "app/cli/index.ts", ...args], {
    env: { ...process.env, DATA_DIR, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`npm run cli -- ${args[0]} failed (${out.status}):\n${out.stderr}`);
  return out.stdout.trim();
}

let serial = 0;

async function createAccount(role: Account["role"], workerIndex: number) {
  serial += 1;
  const tag = `${Date.now().toString(36)}${workerIndex}${serial}`;
  // A mail domain of its own: two fixture organizations sharing "example.com" would look like one
  // group to the related-party check (app/contracts/anomalies.server.ts) whenever no more than two
  // organizations use it — true or not depending on which specs ran before.
  const email = `e2e.${role}.${tag}@${role}-${tag}.example.com`;
  const name = `测试${role === "researcher" ? "研究员" : role === "company" ? "企业" : "科技局"}${tag}`;
  const args = ["user:create", "--email", email, "--password", PASSWORD, "--role", role, "--name", name];
  let orgName: string | null = null;
  if (role !== "bureau") {
    orgName = role === "researcher" ? `测试大学${tag}` : `测试科技有限公司${tag}`;
    const body = String(randomInt(0, 100_000_000)).padStart(8, "0");
    args.push("--org-name", orgName, "--org-kind", role === "researcher" ? "university" : "enterprise");
    args.push("--org-credit-code", makeCreditCode("91", "360702", body), "--org-region", "360702");
  }
  cli(args);
  return { email, name, orgName };
}

/**
 * Removes an account and its organization (when no one else is in it). Rows the test made that
 * must stay (audit events, contracts with other parties) keep the account from being deleted: then
 * its sessions, tokens and password go, so it cannot be used again.
 */
export async function removeAccount(client: pg.Client, email: string, orgName: string | null) {
  const { rows } = await client.query<{ id: string; organizationId: string | null }>(
    `SELECT id, "organizationId" FROM "User" WHERE email = $1`,
    [email],
  );
  const user = rows[0];
  if (!user) return;
  await client.query(`DELETE FROM "Session" WHERE "userId" = $1`, [user.id]);
  await client.query(`DELETE FROM "ApiToken" WHERE "userId" = $1`, [user.id]);
  await client.query(`DELETE FROM "Password" WHERE "userId" = $1`, [user.id]);
  try {
    await client.query("BEGIN");
    await client.query(`DELETE FROM "User" WHERE id = $1`, [user.id]);
    if (orgName && user.organizationId) {
      await client.query(
        `DELETE FROM "Organization" o WHERE o.id = $1 AND o.name = $2 AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."organizationId" = o.id)`,
        [user.organizationId, orgName],
      );
    }
    await client.query("COMMIT");
  } catch {
    await client.query("ROLLBACK"); // still referenced (e.g. by a contract): disabled above
  }
}

/** The console errors and uncaught exceptions of a test's pages. */
export type ConsoleErrors = {
  /** watch a context's pages (the fixtures' own pages are watched already) */
  watch(context: BrowserContext): void;
  /** errors matching this are expected by the test and do not fail it */
  allow(pattern: RegExp): void;
};

type WorkerFixtures = { database: pg.Client };
type TestFixtures = { researcher: Account; company: Account; bureau: Account; consoleErrors: ConsoleErrors };

function accountFixture(role: Account["role"]) {
  return async (
    { browser, database, consoleErrors }: { browser: Browser; database: pg.Client; consoleErrors: ConsoleErrors },
    use: (a: Account) => Promise<void>,
    testInfo: TestInfo,
  ) => {
    const made = await createAccount(role, testInfo.workerIndex);
    const page = await loginThroughForm(browser, made.email, PASSWORD);
    consoleErrors.watch(page.context());
    await use({ ...made, password: PASSWORD, role, page });
    await page.context().close();
    await removeAccount(database, made.email, made.orgName);
  };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  database: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none
    async ({}, use) => {
      const client = new pg.Client({ connectionString: cli(["db:url"]).split("\n").pop()! });
      await client.connect();
      await use(client);
      await client.end();
    },
    { scope: "worker" },
  ],
  consoleErrors: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none
    async ({}, use, testInfo) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const watched = new WeakSet<BrowserContext>();
      await use({
        watch(context) {
          if (watched.has(context)) return;
          watched.add(context);
          context.on("console", (message) => {
            if (message.type() === "error") seen.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
          });
          context.on("weberror", (error) => seen.push(`${error.page()?.url() ?? "?"}: ${error.error().message}`));
        },
        allow(pattern) {
          allowed.push(pattern);
        },
      });
      const unexpected = seen.filter((line) => !allowed.some((pattern) => pattern.test(line)));
      // a test that failed already says why; the page errors are then in its trace
      if (unexpected.length && testInfo.status === "passed") {
        throw new Error(`console errors on the test's pages:\n${unexpected.join("\n")}`);
      }
    },
    { auto: true },
  ],
  context: async ({ context, consoleErrors }, provide) => {
    consoleErrors.watch(context);
    await provide(context);
  },
  researcher: accountFixture("researcher"),
  company: accountFixture("company"),
  bureau: accountFixture("bureau"),
});

export { expect } from "@playwright/test";
