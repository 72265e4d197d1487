// The environment has one declaration (app/env.server.ts) and one description (the README's
// configuration tables); these tests keep them the same list, and keep reads going through it.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ENV_KEYS, getEnv, parseEnv, TEST_ENV_KEYS } from "../../app/env.server.ts";

/** The backticked names in the first column of the table under `heading`. */
function tableVariables(readme: string, heading: string) {
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const rest = readme.slice(start + heading.length);
  const lines = rest.split("\n");
  const names: string[] = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("|")) {
      inTable = true;
      const first = line.split("|")[1] ?? "";
      names.push(...[...first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
    } else if (inTable) break;
  }
  return names.sort();
}

const readme = fs.readFileSync(path.resolve("README.md"), "utf8");

test("the README's configuration table lists exactly the variables app/env.server.ts declares", () => {
  expect(tableVariables(readme, "## Configuration")).toEqual([...ENV_KEYS].sort());
});

test("the README's test-variable table lists exactly TEST_ENV_KEYS", () => {
  expect(tableVariables(readme, "### Test variables")).toEqual([...TEST_ENV_KEYS].sort());
});

test("a bad value stops start-up with a message naming the variable", () => {
  const base = { NODE_ENV: "test" };
  for (const [name, value] of [
    ["TRUST_PROXY", "yes"],
    ["RATE_LIMIT_API_PER_MINUTE", "lots"],
    ["SEARCH_CACHE", "off"],
    ["PORT", "70000"],
    ["MATCH_ALERT_MIN_SCORE", "2"],
    ["DATABASE_URL", "not a url"],
  ] as const) {
    expect(() => parseEnv({ ...base, [name]: value }), name).toThrow(new RegExp(`${name}:`));
  }
  expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL/);
  const env = parseEnv({ ...base, TRUST_PROXY: "1", RATE_LIMIT_API_PER_MINUTE: "50" });
  expect(env).toMatchObject({ TRUST_PROXY: "1", RATE_LIMIT_API_PER_MINUTE: 50, SEARCH_CACHE: "1", LOG_REQUESTS: "1" });
});

// Start-up code sets DATABASE_URL, NODE_ENV, PUBLIC_URL (demo) and the session secret for the rest
// of the process, and hands the environment to child processes; everything else reads getEnv().
const BOOTSTRAP = new Set([
  "app/env.server.ts",
  "app/server/start.ts",
  "app/server/demo.ts",
  "app/cli/database.ts",
  "app/db/with-database.ts",
  "app/db/embedded-lease.server.ts",
  "app/db/embedded-postgres.server.ts",
]);

test("no process.env outside the documented start-up files", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !BOOTSTRAP.has(file)) {
        if (/process\.env\b/.test(fs.readFileSync(file, "utf8"))) offenders.push(file);
      }
    }
  };
  walk("app");
  walk("search");
  expect(offenders).toEqual([]);
});

// getEnv() re-reads the variables only when process.env changed (it watches writes): every way a
// test or the start-up code changes it must still be seen by the next call.
test("getEnv() sees every change of process.env: set, delete, a new object", () => {
  const saved = process.env;
  const before = process.env.SEARCH_CACHE;
  try {
    process.env.SEARCH_CACHE = "0";
    expect(getEnv().SEARCH_CACHE).toBe("0");
    expect(getEnv()).toBe(getEnv()); // no change: the same parsed object
    process.env.SEARCH_CACHE = "1";
    expect(getEnv().SEARCH_CACHE).toBe("1");
    delete process.env.SEARCH_CACHE;
    expect(getEnv().SEARCH_CACHE).toBe("1"); // the default
    Object.defineProperty(process.env, "SEARCH_CACHE", {
      value: "0",
      enumerable: true,
      configurable: true,
      writable: true,
    });
    expect(getEnv().SEARCH_CACHE).toBe("0");
    process.env = { ...saved, SEARCH_CACHE: "1", LOG_REQUESTS: "0" };
    expect(getEnv()).toMatchObject({ SEARCH_CACHE: "1", LOG_REQUESTS: "0" });
    process.env.LOG_REQUESTS = "1";
    expect(getEnv().LOG_REQUESTS).toBe("1");
  } finally {
    process.env = saved;
    if (before === undefined) delete process.env.SEARCH_CACHE;
    else process.env.SEARCH_CACHE = before;
  }
  expect(getEnv().SEARCH_CACHE).toBe(before ?? "1");
});
