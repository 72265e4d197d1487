// The start-up build runs once when two starts of one checkout race (app/server/build-lock.ts):
// real processes, since the build is synchronous and one process cannot interleave two of them.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { buildUnderLock } from "../../app/server/build-lock.ts";
import { processIdentity } from "../../app/server/lock-file.ts";

const moduleUrl = new URL("../../app/server/build-lock.ts", import.meta.url).href;

/** A process that "builds" for 1.5 s (writes `output`), unless it finds `output` already there. */
function racer(dir: string, name: string) {
  const code = `
    import fs from "node:fs";
    import { buildUnderLock } from ${JSON.stringify(moduleUrl)};
    const output = ${JSON.stringify(path.join(dir, "output"))};
    const result = await buildUnderLock({
      lockFile: ${JSON.stringify(path.join(dir, "lock"))},
      isStale: () => !fs.existsSync(output),
      build: () => {
        fs.appendFileSync(${JSON.stringify(path.join(dir, "builds"))}, ${JSON.stringify(name + "\n")});
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
        fs.writeFileSync(output, ${JSON.stringify(name)});
      },
    });
    process.stdout.write(result);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  return new Promise<string>((resolve) => child.once("exit", () => resolve(out)));
}

test("two starts at once: one builds, the other waits and uses that build", { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-lock-"));
  try {
    const results = await Promise.all([racer(dir, "a"), racer(dir, "b")]);
    expect(results.sort()).toEqual(["built", "current"]);
    expect(fs.readFileSync(path.join(dir, "builds"), "utf8").trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, "lock"))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a lock left by a start that died is taken over; a live one is waited for, then refused", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-lock-"));
  const lockFile = path.join(dir, "lock");
  try {
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.once("exit", r));
    fs.writeFileSync(lockFile, `${dead.pid} 1`);
    let builds = 0;
    const built = await buildUnderLock({ lockFile, isStale: () => builds === 0, build: () => void builds++ });
    expect(built).toBe("built");
    expect(builds).toBe(1);

    fs.writeFileSync(lockFile, processIdentity());
    const lines: string[] = [];
    await expect(
      buildUnderLock({
        lockFile,
        isStale: () => true,
        build: () => void builds++,
        log: (l) => lines.push(l),
        timeoutMs: 600,
      }),
    ).rejects.toThrow(/too long/);
    expect(builds).toBe(1);
    expect(lines).toEqual([`waiting for another start's build (process ${process.pid})…`]);
    expect(await buildUnderLock({ lockFile, isStale: () => false, build: () => void builds++ })).toBe("current");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
