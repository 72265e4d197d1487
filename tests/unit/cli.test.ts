// The real CLI, as a child process, against this test file's database.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { userForToken } from "../../app/auth/api-token.server.ts";
import { verifyPassword } from "../../app/auth/password.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeOrg, uniqueCreditCode } from "../factories.ts";

const run = promisify(execFile);
// Each test starts several CLI processes (Node + tsx loading the app's modules): 1–2 s each on a
// quiet machine, 4–8 s at load 15, where user:create's tests took 14–30 s against the default 30 s.
const CLI_PROCESSES = { timeout: 120_000 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-test-"));

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

function jsonl(name: string, lines: Array<unknown | string>) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}

const result = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  summary: "采用晶界扩散工艺，重稀土用量降低 40%。",
  keywords: ["钕铁硼", "永磁"],
  field: "rare_earth",
  maturity: "pilot",
  transferModes: ["license", "transfer"],
  priceFen: 50_000_000,
  ...extra,
});

const need = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  description: "需要将硬质合金刀片寿命提高 30%。",
  field: "tungsten",
  budgetFen: 2_000_000_00,
  deadline: "2027-06-30",
  cooperationMode: "joint_development",
  ...extra,
});

test("help, unknown commands and missing options are usage errors (exit 2)", CLI_PROCESSES, async () => {
  const help = await cli("help");
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("user:create");
  expect((await cli("frobnicate")).code).toBe(2);
  const missing = await cli("user:create", "--email", "a@b.cn");
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("--password");
  expect(
    (await cli("user:create", "--email", "a@b.cn", "--password", "x", "--role", "admin", "--bogus", "1")).code,
  ).toBe(2);
  expect((await cli("import", "widgets", "--file", "x.jsonl")).code).toBe(2);
  expect((await cli("search:reindex", "--engine", "elastic")).code).toBe(2);
});

test(
  "user:create creates a verified organization when missing, reuses it by credit code or name",
  CLI_PROCESSES,
  async () => {
    const code = uniqueCreditCode("440300");
    const created = await cli(
      "user:create",
      "--email",
      "Lab.Head@SIAT.example.cn",
      "--password",
      "Shenzhen-Lab-2026",
      "--role",
      "researcher",
      "--name",
      "陈主任",
      "--org-name",
      "中国科学院深圳先进技术研究院（测试）",
      "--org-kind",
      "institute",
      "--org-credit-code",
      code,
      "--org-region",
      "440300",
    );
    expect(created.stderr).toContain("已创建机构");
    expect(created.code).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "lab.head@siat.example.cn" },
      include: { organization: true, password: true },
    });
    expect(user).toMatchObject({ name: "陈主任", role: "researcher" });
    expect(user.organization).toMatchObject({ creditCode: code, kind: "institute", regionCode: "440300" });
    expect(user.organization!.verifiedAt).not.toBeNull();
    expect(await verifyPassword("Shenzhen-Lab-2026", user.password!.hash)).toBe(true);
    expect(
      await prisma.auditEvent.count({
        where: { entityType: "organization", entityId: user.organizationId!, action: "create" },
      }),
    ).toBe(1);

    // By credit code, and by exact name: no new organization.
    const orgs = await prisma.organization.count();
    expect(
      (
        await cli(
          "user:create",
          "--email",
          "second@siat.example.cn",
          "--password",
          "Shenzhen-Lab-2027",
          "--role",
          "broker",
          "--org-credit-code",
          code,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await cli(
          "user:create",
          "--email",
          "third@siat.example.cn",
          "--password",
          "Shenzhen-Lab-2028",
          "--role",
          "company",
          "--org-name",
          "中国科学院深圳先进技术研究院（测试）",
        )
      ).code,
    ).toBe(0);
    expect(await prisma.organization.count()).toBe(orgs);
    const members = await prisma.user.count({ where: { organizationId: user.organizationId } });
    expect(members).toBe(3);

    // Staff need no organization.
    expect(
      (await cli("user:create", "--email", "root@bureau.gz", "--password", "Bureau-Admin-2026", "--role", "admin"))
        .code,
    ).toBe(0);
  },
);

test("user:create refuses bad input with every reason, exit 1, and writes nothing", CLI_PROCESSES, async () => {
  const before = { users: await prisma.user.count(), orgs: await prisma.organization.count() };
  const bad = await cli(
    "user:create",
    "--email",
    "not-an-email",
    "--password",
    "1234567890",
    "--role",
    "researcher",
    "--org-name",
    "某研究所",
    "--org-kind",
    "lab",
    "--org-credit-code",
    "91350100M000100Y44",
    "--org-region",
    "999999",
  );
  expect(bad.code).toBe(1);
  for (const flag of ["--email", "--password", "--org-kind", "--org-credit-code", "--org-region"])
    expect(bad.stderr).toContain(flag);
  expect(bad.stderr).toContain("统一社会信用代码校验位不正确 / The check character is wrong");

  // a valid shape whose organization is missing and not fully described
  const incomplete = await cli(
    "user:create",
    "--email",
    "x@y.cn",
    "--password",
    "Valid-pass-2026",
    "--role",
    "company",
    "--org-name",
    "没有这个公司",
  );
  expect(incomplete.code).toBe(1);
  expect(incomplete.stderr).toContain("--org-credit-code");
  expect(
    (await cli("user:create", "--email", "x@y.cn", "--password", "Valid-pass-2026", "--role", "company")).code,
  ).toBe(1);
  expect((await cli("user:create", "--email", "x@y.cn", "--password", "Valid-pass-2026", "--role", "king")).code).toBe(
    1,
  );

  expect(await prisma.user.count()).toBe(before.users);
  expect(await prisma.organization.count()).toBe(before.orgs);

  const org = await makeOrg();
  expect(
    (
      await cli(
        "user:create",
        "--email",
        "dup@y.cn",
        "--password",
        "Valid-pass-2026",
        "--role",
        "company",
        "--org-credit-code",
        org.creditCode,
      )
    ).code,
  ).toBe(0);
  const dup = await cli(
    "user:create",
    "--email",
    "DUP@y.cn",
    "--password",
    "Valid-pass-2026",
    "--role",
    "company",
    "--org-credit-code",
    org.creditCode,
  );
  expect(dup.code).toBe(1);
  expect(dup.stderr).toContain("该邮箱已注册");
});

test("token:create prints the token alone on the last line; it is stored hashed and works", CLI_PROCESSES, async () => {
  await cli("user:create", "--email", "api@company.gz", "--password", "Api-user-pass-1", "--role", "bureau");
  const out = await cli("token:create", "--email", "api@company.gz", "--name", "ERP");
  expect(out.code).toBe(0);
  const lines = out.stdout.trimEnd().split("\n");
  const token = lines.at(-1)!;
  expect(token).toMatch(/^gztm_[A-Za-z0-9_-]{32}$/);
  const row = await prisma.apiToken.findFirstOrThrow({ where: { user: { email: "api@company.gz" } } });
  expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  expect(row.name).toBe("ERP");
  expect((await userForToken(token))?.email).toBe("api@company.gz");

  const unknown = await cli("token:create", "--email", "nobody@company.gz");
  expect(unknown.code).toBe(1);
  expect(unknown.stdout).toBe("");
});

test("import results is all-or-nothing and names each bad line and why", CLI_PROCESSES, async () => {
  const org = await makeOrg({ name: `赣南师范大学-${Date.now()}` });
  const file = jsonl("bad-results.jsonl", [
    result("好的第一行"),
    result("领域写错", { field: "mining" }),
    "",
    "{not json",
    result("价格写成文字", { priceFen: "100万" }),
    result("机构不存在", { organizationName: "不存在的大学" }),
    result("多余字段", { colour: "red" }),
    result("好的最后一行"),
  ]);
  const before = await prisma.result.count();
  const out = await cli("import", "results", "--file", file, "--org-name", org.name);
  expect(out.code).toBe(1);
  expect(out.stderr).toContain("未写入任何数据");
  for (const line of [2, 4, 5, 6, 7]) expect(out.stderr).toContain(`line ${line}`);
  expect(out.stderr).not.toContain("line 1 ");
  expect(out.stderr).not.toContain("line 8");
  expect(out.stderr).toMatch(/line 2 \[field\].*mining/);
  expect(out.stderr).toMatch(/line 5 \[priceFen\]/);
  expect(out.stderr).toMatch(/line 6 \[organizationName\].*不存在的大学/);
  expect(out.stderr).toMatch(/line 7.*colour/);
  expect(await prisma.result.count()).toBe(before);

  const missingOrg = await cli(
    "import",
    "results",
    "--file",
    jsonl("one.jsonl", [result("x")]),
    "--org-name",
    "没有这个机构",
  );
  expect(missingOrg.code).toBe(1);
  expect(missingOrg.stderr).toContain("--org-name");
  expect((await cli("import", "results", "--file", path.join(dir, "nope.jsonl"))).code).toBe(1);
});

test(
  "import results writes drafts, and with --publish published listings, each with an audit event",
  CLI_PROCESSES,
  async () => {
    const uni = await makeOrg({ name: `江西理工大学-${Date.now()}` });
    const other = await makeOrg({ name: `中国科学院赣江创新研究院-${Date.now()}`, kind: "institute" });
    const drafts = await cli(
      "import",
      "results",
      "--org-name",
      uni.name,
      "--file",
      jsonl("drafts.jsonl", [
        result("稀土永磁 A"),
        result("稀土永磁 B", { organizationName: other.name }),
        result("<script>alert(1)</script>", { priceFen: null }),
      ]),
    );
    expect(drafts.code).toBe(0);
    expect(drafts.stderr).toMatch(/3\/3/);
    const rows = await prisma.result.findMany({
      where: { organizationId: { in: [uni.id, other.id] } },
      orderBy: { title: "asc" },
    });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "draft" && r.publishedAt === null)).toBe(true);
    expect(rows.find((r) => r.title === "稀土永磁 B")!.organizationId).toBe(other.id);
    expect(rows.find((r) => r.title.startsWith("<script>"))!.priceFen).toBeNull();
    expect(rows.find((r) => r.title === "稀土永磁 A")!.priceFen).toBe(50_000_000n);

    const published = await cli(
      "import",
      "results",
      "--publish",
      "--org-name",
      uni.name,
      "--file",
      jsonl("pub.jsonl", [result("已发布成果 1"), result("已发布成果 2")]),
    );
    expect(published.code).toBe(0);
    const live = await prisma.result.findMany({
      where: { organizationId: uni.id, title: { startsWith: "已发布成果" } },
    });
    expect(live).toHaveLength(2);
    for (const r of live) {
      expect(r.status).toBe("published");
      expect(r.publishedAt).not.toBeNull();
      expect(await prisma.auditEvent.count({ where: { entityType: "result", entityId: r.id, action: "import" } })).toBe(
        1,
      );
    }
  },
);

test("import needs --publish needs verified organizations; needs keep deadline and budget", CLI_PROCESSES, async () => {
  const company = await makeOrg({ name: `崇义章源钨业-${Date.now()}`, kind: "enterprise" });
  const unverified = await makeOrg({ name: `新公司-${Date.now()}`, kind: "enterprise", verified: false });
  const refused = await cli(
    "import",
    "needs",
    "--publish",
    "--org-name",
    company.name,
    "--file",
    jsonl("needs-bad.jsonl", [need("刀片寿命"), need("未认证的需求", { organizationName: unverified.name })]),
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/line 2 \[organizationName\].*尚未认证/);
  expect(await prisma.need.count({ where: { organizationId: { in: [company.id, unverified.id] } } })).toBe(0);

  const ok = await cli(
    "import",
    "needs",
    "--publish",
    "--org-name",
    company.name,
    "--file",
    jsonl("needs.jsonl", [need("刀片寿命提升"), need("涂层", { budgetFen: null, deadline: null })]),
  );
  expect(ok.code).toBe(0);
  const rows = await prisma.need.findMany({ where: { organizationId: company.id }, orderBy: { title: "asc" } });
  expect(rows.map((r) => r.status)).toEqual(["published", "published"]);
  const blade = rows.find((r) => r.title === "刀片寿命提升")!;
  expect(blade.deadline?.toISOString().slice(0, 10)).toBe("2027-06-30");
  expect(blade.budgetFen).toBe(200_000_000n);
  expect(blade.cooperationMode).toBe("joint_development");
});

test("import contracts goes through the contracts importer, all or nothing", CLI_PROCESSES, async () => {
  const seller = await makeOrg({ kind: "university" });
  const buyer = await makeOrg({ kind: "enterprise" });
  const line = (n: string, extra: Record<string, unknown> = {}) => ({
    registrationNumber: n,
    registeredAt: "2025-06-01T02:00:00Z",
    type: "transfer",
    title: "稀土永磁专利转让",
    sellerOrgId: seller.id,
    buyerOrgId: buyer.id,
    contractAmountFen: 100_000_000,
    nonTechnicalCostsFen: 0,
    signedAt: "2025-05-20",
    ...extra,
  });
  const bad = await cli(
    "import",
    "contracts",
    "--file",
    jsonl("contracts-bad.jsonl", [line("25360701000001"), line("25360701000002", { buyerOrgId: "nope" })]),
  );
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("line 2");
  expect(await prisma.contract.count()).toBe(0);

  const ok = await cli(
    "import",
    "contracts",
    "--file",
    jsonl("contracts.jsonl", [line("25360701000001"), line("25360701000002")]),
  );
  expect(ok.stderr + ok.stdout).toContain("2");
  expect(ok.code).toBe(0);
  expect(await prisma.contract.count({ where: { imported: true } })).toBe(2);
});

test("db:url prints the database the CLI uses", CLI_PROCESSES, async () => {
  const out = await cli("db:url");
  expect(out.code).toBe(0);
  expect(out.stdout.trim()).toBe(process.env.DATABASE_URL);
});
