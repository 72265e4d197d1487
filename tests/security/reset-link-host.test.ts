// Password-reset links must not follow the Host header: whoever sends `Host: evil.example` to
// POST /forgot-password would otherwise receive (through the victim's mail, and a click) a
// working reset token on their own server. Links come only from PUBLIC_URL; production refuses
// to start without it; development and tests use the listening address.
import { spawn } from "node:child_process";
import { afterEach, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { parseEnv } from "../../app/env.server.ts";
import { action as forgotAction } from "../../app/routes/forgot-password.tsx";
import { makeAccount, run } from "../api/auth-helpers.ts";

afterEach(() => {
  delete process.env.PUBLIC_URL;
});

/** What Express hands React Router for a request with a forged Host header. */
function forgedForgot(email: string) {
  return new Request("http://evil.example/forgot-password", {
    method: "POST",
    headers: {
      Host: "evil.example",
      "X-Forwarded-Host": "evil.example",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ email }),
  });
}

async function mailedLink(email: string) {
  const mail = await prisma.outboxMail.findFirstOrThrow({
    where: { to: email, kind: "password_reset" },
    orderBy: { createdAt: "desc" },
  });
  return /(\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}

test("with PUBLIC_URL set, a forged Host header does not change the mailed link", async () => {
  const { user } = await makeAccount("company");
  process.env.PUBLIC_URL = "https://market.example.cn";
  expect((await run(forgotAction, forgedForgot(user.email))).status).toBe(200);
  const link = await mailedLink(user.email);
  expect(new URL(link).origin).toBe("https://market.example.cn");
  expect(link).not.toContain("evil");
});

test("without PUBLIC_URL (development, tests) the link uses the listening address, never the request's host", async () => {
  const { user } = await makeAccount("researcher");
  delete process.env.PUBLIC_URL;
  expect((await run(forgotAction, forgedForgot(user.email))).status).toBe(200);
  const link = await mailedLink(user.email);
  expect(new URL(link).origin).toBe(`http://localhost:${process.env.PORT || 3000}`);
  expect(link).not.toContain("evil");
});

test("production refuses to start without PUBLIC_URL, naming it", async () => {
  expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL/);
  expect(() => parseEnv({})).toThrow(/PUBLIC_URL/); // production is the default
  expect(() => parseEnv({ NODE_ENV: "production", PUBLIC_URL: "ftp://market.example.cn" })).toThrow(/PUBLIC_URL/);
  expect(parseEnv({ NODE_ENV: "production", PUBLIC_URL: "https://market.example.cn" }).PUBLIC_URL).toBe(
    "https://market.example.cn",
  );
  expect(parseEnv({ NODE_ENV: "development" }).PUBLIC_URL).toBeUndefined();

  // the real start-up: exits non-zero before touching the database
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "1",
    DATA_DIR: "/nonexistent/trust-web",
  };
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).not.toBe(0);
  expect(output).toContain("PUBLIC_URL");
  expect(output).not.toMatch(/embedded PostgreSQL|ready in/);
}, 60_000);
