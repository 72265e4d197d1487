import { createHash } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { requestPasswordReset } from "../../app/auth/accounts.server.ts";
import { FREE_FAILURES } from "../../app/auth/login-throttle.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { action as accountAction, loader as accountLoader } from "../../app/routes/account._index.tsx";
import { action as forgotAction } from "../../app/routes/forgot-password.tsx";
import { action as loginAction } from "../../app/routes/login.tsx";
import { action as resetAction, loader as resetLoader } from "../../app/routes/reset-password.tsx";
import { formRequest, GOOD_PASSWORD, loginCookie, makeAccount, run } from "./auth-helpers.ts";

const NEW_PASSWORD = "Navel-Orange-Gannan-2026";

afterEach(() => {
  delete process.env.PUBLIC_URL;
});

async function canLogIn(email: string, password: string) {
  const outcome = await run(loginAction, formRequest("/login", { email, password }));
  return outcome.status === 302;
}

test("changing the password needs the current one and ends the other sessions", async () => {
  const { user } = await makeAccount("researcher");
  const here = await loginCookie(user.email);
  const elsewhere = await loginCookie(user.email);

  const wrong = await run(
    accountAction,
    formRequest(
      "/account",
      { intent: "password", currentPassword: "Wrong-current-1", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { cookie: here },
    ),
  );
  expect(wrong.status).toBe(400);
  expect(wrong.data.result.error.currentPassword).toEqual(["errors.currentPasswordWrong"]);

  const mismatch = await run(
    accountAction,
    formRequest(
      "/account",
      { intent: "password", currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirm: "something-else-1" },
      { cookie: here },
    ),
  );
  expect(mismatch.data.result.error.confirm).toEqual(["errors.confirmMismatch"]);
  expect(await canLogIn(user.email, GOOD_PASSWORD)).toBe(true);

  const ok = await run(
    accountAction,
    formRequest(
      "/account",
      { intent: "password", currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { cookie: here },
    ),
  );
  expect(ok.status).toBe(200);
  expect(ok.data.done).toBe(true);
  expect(await getUser(formRequest("/", {}, { method: "GET", cookie: here }))).not.toBeNull();
  expect(await getUser(formRequest("/", {}, { method: "GET", cookie: elsewhere }))).toBeNull();
  expect(await canLogIn(user.email, GOOD_PASSWORD)).toBe(false);
  expect(await canLogIn(user.email, NEW_PASSWORD)).toBe(true);
});

test("the account page lists sessions and can end all the others", async () => {
  const { user } = await makeAccount("company");
  const here = await loginCookie(user.email);
  await loginCookie(user.email);
  await loginCookie(user.email);
  const page = await run(accountLoader, formRequest("/account", {}, { method: "GET", cookie: here }));
  expect(page.data.sessions).toHaveLength(3);
  expect(page.data.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

  const ended = await run(accountAction, formRequest("/account", { intent: "sessions" }, { cookie: here }));
  expect(ended.data.count).toBe(2);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

  const profile = await run(
    accountAction,
    formRequest("/account", { intent: "profile", name: "王企业", locale: "en" }, { cookie: here }),
  );
  expect(profile.setCookie.some((c) => c.startsWith("lng=en"))).toBe(true);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "王企业",
    locale: "en",
  });
});

test("forgot-password answers the same for unknown emails and mails a hashed, one-hour token to real ones", async () => {
  const { user } = await makeAccount("broker");
  process.env.PUBLIC_URL = "https://market.example.cn/";
  const unknown = await run(
    forgotAction,
    formRequest("/forgot-password", { email: `nobody-${Date.now()}@test.local` }),
  );
  const known = await run(forgotAction, formRequest("/forgot-password", { email: user.email }));
  expect(unknown.status).toBe(200);
  expect(known.status).toBe(200);
  expect(unknown.data.sent).toBe(true);
  expect(known.data.sent).toBe(true);

  const mails = await prisma.outboxMail.findMany({ where: { to: user.email } });
  expect(mails).toHaveLength(1);
  expect(mails[0]!.kind).toBe("password_reset");
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mails[0]!.text)![1]!;
  expect(mails[0]!.text).toContain(`https://market.example.cn/reset-password?token=${token}`);

  const reset = await prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
  expect(reset.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  expect(reset.tokenHash).not.toContain(token);
  const ttl = reset.expiresAt.getTime() - reset.createdAt.getTime();
  expect(ttl).toBeGreaterThan(59 * 60 * 1000);
  expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000 + 1000);

  // Without PUBLIC_URL (development and tests) the link uses the listening address, never the
  // address the request was sent to (tests/security/reset-link-host.test.ts).
  delete process.env.PUBLIC_URL;
  await run(
    forgotAction,
    new Request("http://192.168.1.20:3000/forgot-password", {
      method: "POST",
      body: new URLSearchParams({ email: user.email }),
    }),
  );
  const latest = await prisma.outboxMail.findFirstOrThrow({
    where: { to: user.email },
    orderBy: { createdAt: "desc" },
  });
  expect(latest.text).toContain(`http://localhost:${process.env.PORT || 3000}/reset-password?token=`);
});

test("a reset token works once, ends every session, lifts a lockout and the old password stops working", async () => {
  const { user } = await makeAccount("researcher");
  const cookie = await loginCookie(user.email);
  for (let i = 0; i <= FREE_FAILURES; i++) {
    await run(loginAction, formRequest("/login", { email: user.email, password: `wrong-${i}-password` }));
  }
  expect(await canLogIn(user.email, GOOD_PASSWORD)).toBe(false); // this source has to wait
  const token = (await requestPasswordReset(user.email))!;
  expect(
    (await run(resetLoader, formRequest(`/reset-password?token=${token}`, {}, { method: "GET" }))).data.usable,
  ).toBe(true);

  const weak = await run(
    resetAction,
    formRequest("/reset-password", { token, password: "1234567890", confirm: "1234567890" }),
  );
  expect(weak.status).toBe(400);
  expect(weak.data.error.password).toContain("errors.passwordAllDigits");

  const done = await run(
    resetAction,
    formRequest("/reset-password", { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
  );
  expect(done.status).toBe(302);
  expect(done.location).toBe("/login?reset=1");
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await getUser(formRequest("/", {}, { method: "GET", cookie }))).toBeNull();

  const again = await run(
    resetAction,
    formRequest("/reset-password", { token, password: "Another-pass-2027", confirm: "Another-pass-2027" }),
  );
  expect(again.status).toBe(400);
  expect(again.data.error[""]).toEqual(["errors.resetInvalid"]);
  expect(
    (await run(resetLoader, formRequest(`/reset-password?token=${token}`, {}, { method: "GET" }))).data.usable,
  ).toBe(false);

  expect(await canLogIn(user.email, GOOD_PASSWORD)).toBe(false);
  expect(await canLogIn(user.email, NEW_PASSWORD)).toBe(true);
});

test("an expired reset token is refused", async () => {
  const { user } = await makeAccount("company");
  const token = (await requestPasswordReset(user.email))!;
  await prisma.passwordReset.updateMany({
    where: { userId: user.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(
    (await run(resetLoader, formRequest(`/reset-password?token=${token}`, {}, { method: "GET" }))).data.usable,
  ).toBe(false);
  const outcome = await run(
    resetAction,
    formRequest("/reset-password", { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
  );
  expect(outcome.status).toBe(400);
  expect(await canLogIn(user.email, GOOD_PASSWORD)).toBe(true);
});

test("two concurrent uses of one reset token: exactly one succeeds", async () => {
  const { user } = await makeAccount("broker");
  const token = (await requestPasswordReset(user.email))!;
  const outcomes = await Promise.all(
    ["First-new-pass-1", "Second-new-pass-2"].map((password) =>
      run(resetAction, formRequest("/reset-password", { token, password, confirm: password })),
    ),
  );
  expect(outcomes.map((o) => o.status).sort()).toEqual([302, 400]);
});
