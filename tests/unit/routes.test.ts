// The route table's ignore patterns, on a scratch app directory: a `+shared` folder never becomes a
// route, even with an index.tsx, while ordinary flat routes and folder routes still do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flatRoutes } from "@react-router/fs-routes";
import { afterAll, expect, test } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "routes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("+shared folders, tests and server modules are not routes", async () => {
  const component = "export default function Page() { return null; }\n";
  for (const file of [
    "root.tsx",
    "routes/results._index.tsx",
    "routes/events+/index.tsx",
    "routes/listings+shared/index.tsx",
    "routes/listings+shared/form.tsx",
    "routes/x.test.tsx",
    "routes/helpers.server.ts",
  ]) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), component);
  }
  (globalThis as { __reactRouterAppDirectory?: string }).__reactRouterAppDirectory = dir;
  const { IGNORED_ROUTE_FILES } = await import("../../app/routes.ts");
  const files = (await flatRoutes({ ignoredRouteFiles: IGNORED_ROUTE_FILES })).map((r) => r.file).sort();
  expect(files).toEqual(["routes/events+/index.tsx", "routes/results._index.tsx"]);
});
