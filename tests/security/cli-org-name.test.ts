// Finding: the CLI's --org-name matched names exactly, so a look-alike of a verified organization
// ("赣州稀土集团 " with a trailing or full-width space) made imports ambiguous or picked the wrong
// one. Now --org-name matches look-alikes and picks the verified one; when still ambiguous the CLI
// exits non-zero naming the candidates with their credit codes, and --org-credit-code picks one.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { makeOrg } from "../factories.ts";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-org-name-"));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "app/cli/index.ts", ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function resultsFile(name: string, titles: string[], extra: Record<string, unknown> = {}) {
  const file = path.join(dir, name);
  const line = (title: string) =>
    JSON.stringify({
      title,
      summary: "采用晶界扩散工艺，重稀土用量降低 40%。",
      field: "rare_earth",
      maturity: "pilot",
      transferModes: ["license"],
      ...extra,
    });
  fs.writeFileSync(file, titles.map(line).join("\n") + "\n");
  return file;
}

const resultsOf = (organizationId: string) => prisma.result.count({ where: { organizationId } });

test("--org-name picks the verified organization among look-alikes, on the command line and per line", async () => {
  const verified = await makeOrg({ name: "赣州稀土集团" });
  const lookalike = await makeOrg({ name: "赣州稀土　集团 ", verified: false });
  const r = await cli("import", "results", "--file", resultsFile("a.jsonl", ["成果甲"]), "--org-name", "赣州稀土集团 ");
  expect(r.code, r.stderr).toBe(0);
  const perLine = await cli(
    "import",
    "results",
    "--file",
    resultsFile("b.jsonl", ["成果乙"], { organizationName: "赣州稀土集团" }),
  );
  expect(perLine.code, perLine.stderr).toBe(0);
  expect(await resultsOf(verified.id)).toBe(2);
  expect(await resultsOf(lookalike.id)).toBe(0);
}, 120_000);

test("ambiguous names exit 1 naming every candidate's credit code; --org-credit-code picks one", async () => {
  // two verified look-alikes (staff may create them)
  const a = await makeOrg({ name: "赣南科技服务公司" });
  const b = await makeOrg({ name: "赣南科技服务公司 " });
  const file = resultsFile("c.jsonl", ["成果丙", "成果丁"]);
  const ambiguous = await cli("import", "results", "--file", file, "--org-name", "赣南科技服务公司");
  expect(ambiguous.code).toBe(1);
  expect(ambiguous.stderr).toContain(a.creditCode);
  expect(ambiguous.stderr).toContain(b.creditCode);
  expect(ambiguous.stderr).toContain("--org-credit-code");
  expect((await resultsOf(a.id)) + (await resultsOf(b.id))).toBe(0);

  const picked = await cli("import", "results", "--file", file, "--org-credit-code", b.creditCode);
  expect(picked.code, picked.stderr).toBe(0);
  expect(await resultsOf(b.id)).toBe(2);
  expect(await resultsOf(a.id)).toBe(0);

  // an unknown credit code is refused, nothing written
  const unknown = await cli("import", "results", "--file", file, "--org-credit-code", "91350100M000100Y43");
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("--org-credit-code");
  expect(await prisma.result.count({ where: { title: "成果丙" } })).toBe(1);
}, 180_000);

test("user:create: several unverified look-alikes and none verified is ambiguous, naming the candidates", async () => {
  const x = await makeOrg({ name: "某某新材料公司", verified: false });
  const y = await makeOrg({ name: "某某新材料ＣＯＭＰＡＮＹ", verified: false });
  const z = await makeOrg({ name: "某某新材料company", verified: false });
  const before = await prisma.user.count();
  const r = await cli(
    "user:create",
    "--email",
    "ambiguous@test.local",
    "--password",
    "Valid-pass-2026",
    "--role",
    "company",
    "--org-name",
    "某某新材料 Company",
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(y.creditCode);
  expect(r.stderr).toContain(z.creditCode);
  expect(r.stderr).not.toContain(x.creditCode);
  expect(await prisma.user.count()).toBe(before);
}, 120_000);
