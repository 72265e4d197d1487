import { expect, test } from "vitest";
import { FIRST_DELAY_MS, FREE_FAILURES } from "../../app/auth/login-throttle.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { loader as dashboardLoader } from "../../app/routes/dashboard._index.tsx";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login.tsx";
import { action as logoutAction, loader as logoutLoader } from "../../app/routes/logout.tsx";
import { formRequest, GOOD_PASSWORD, loginCookie, makeAccount, run, sessionCookieFrom } from "./auth-helpers.ts";

test("login succeeds, sets an httpOnly SameSite session cookie and redirects to a local redirectTo", async () => {
  const { user } = await makeAccount("company");
  const outcome = await run(
    loginAction,
    formRequest("/login", { email: user.email.toUpperCase(), password: GOOD_PASSWORD, redirectTo: "/my/needs?page=2" }),
  );
  expect(outcome.status).toBe(302);
  expect(outcome.location).toBe("/my/needs?page=2");
  const raw = outcome.setCookie.find((c) => c.startsWith("gz_session="))!;
  expect(raw).toMatch(/HttpOnly/i);
  expect(raw).toMatch(/SameSite=Lax/i);
  const cookie = sessionCookieFrom(outcome)!;
  expect((await getUser(formRequest("/", {}, { method: "GET", cookie })))?.id).toBe(user.id);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
});

test("redirectTo is used only when it is a path on this site", async () => {
  const { user } = await makeAccount("researcher");
  for (const redirectTo of [
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "dashboard",
  ]) {
    const outcome = await run(
      loginAction,
      formRequest("/login", { email: user.email, password: GOOD_PASSWORD, redirectTo }),
    );
    expect(outcome.location, redirectTo).toBe("/dashboard");
  }
  const page = await run(loginLoader, formRequest("/login?redirectTo=https://evil.example", {}, { method: "GET" }));
  expect(page.data.redirectTo).toBe("/dashboard");
});

test("a wrong password and an unknown email get the same generic answer", async () => {
  const { user } = await makeAccount("broker");
  const wrong = await run(loginAction, formRequest("/login", { email: user.email, password: "Not-the-password-1" }));
  const unknown = await run(
    loginAction,
    formRequest("/login", { email: `nobody-${Date.now()}@test.local`, password: "Not-the-password-1" }),
  );
  for (const outcome of [wrong, unknown]) {
    expect(outcome.status).toBe(400);
    expect(outcome.setCookie).toEqual([]);
    expect(outcome.data.error).toEqual({ "": ["errors.loginFailed"] });
    expect(JSON.stringify(outcome.data)).not.toContain("Not-the-password-1");
  }
  // Both did the work of one argon2 verification (the unknown email against a dummy hash).
  const time = async (email: string) => {
    const started = performance.now();
    await run(loginAction, formRequest("/login", { email, password: "Not-the-password-1" }));
    return performance.now() - started;
  };
  const known = await time(user.email);
  const missing = await time(`nobody2-${Date.now()}@test.local`);
  expect(missing).toBeGreaterThan(known * 0.4);
});

test("repeated failures from one source make it wait, even for the right password; the wait runs out", async () => {
  const { user } = await makeAccount("researcher");
  for (let i = 0; i < FREE_FAILURES - 1; i++) {
    const outcome = await run(
      loginAction,
      formRequest("/login", { email: user.email, password: `wrong-password-${i}` }),
    );
    expect(outcome.data.error[""]).toEqual(["errors.loginFailed"]);
  }
  const last = await run(loginAction, formRequest("/login", { email: user.email, password: "wrong-password-x" }));
  expect(last.data.error[""]).toEqual(["errors.loginFailed"]);

  const right = await run(loginAction, formRequest("/login", { email: user.email, password: GOOD_PASSWORD }));
  expect(right.status).toBe(429);
  expect(right.data.error[""]).toEqual(["errors.locked"]);
  expect(right.setCookie).toEqual([]);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  // attempts while waiting are not recorded, so they do not lengthen the wait
  expect(await prisma.loginAttempt.count({ where: { email: user.email } })).toBe(FREE_FAILURES);

  // the first wait is FIRST_DELAY_MS
  await prisma.loginAttempt.updateMany({
    where: { email: user.email },
    data: { createdAt: new Date(Date.now() - FIRST_DELAY_MS - 1000) },
  });
  const later = await run(loginAction, formRequest("/login", { email: user.email, password: GOOD_PASSWORD }));
  expect(later.status).toBe(302);
});

test("a successful login from the source resets its count; unknown emails are throttled the same way (no account enumeration)", async () => {
  const { user } = await makeAccount("company");
  for (let i = 0; i < FREE_FAILURES - 1; i++) {
    await run(loginAction, formRequest("/login", { email: user.email, password: `wrong-${i}-password` }));
  }
  expect((await run(loginAction, formRequest("/login", { email: user.email, password: GOOD_PASSWORD }))).status).toBe(
    302,
  );
  const afterSuccess = await run(loginAction, formRequest("/login", { email: user.email, password: "wrong-again-1" }));
  expect(afterSuccess.data.error[""]).toEqual(["errors.loginFailed"]);

  const ghost = `ghost-${Date.now()}@test.local`;
  let last;
  for (let i = 0; i <= FREE_FAILURES; i++) {
    last = await run(loginAction, formRequest("/login", { email: ghost, password: `wrong-${i}-password` }));
  }
  expect(last!.status).toBe(429);
  expect(last!.data.error[""]).toEqual(["errors.locked"]);
});

test("an expired session is no session", async () => {
  const { user } = await makeAccount("researcher");
  const cookie = await loginCookie(user.email);
  const request = () => formRequest("/dashboard", {}, { method: "GET", cookie });
  expect((await getUser(request()))?.id).toBe(user.id);
  expect((await run(dashboardLoader, request())).status).toBe(200);

  await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await getUser(request())).toBeNull();
  const page = await run(dashboardLoader, request());
  expect(page.status).toBe(302);
  expect(page.location).toBe("/login?redirectTo=%2Fdashboard");
});

test("logout happens only on POST", async () => {
  const { user } = await makeAccount("broker");
  const cookie = await loginCookie(user.email);
  // GET shows a confirmation form and changes nothing
  const get = await run(logoutLoader, formRequest("/logout", {}, { method: "GET", cookie }));
  expect(get.status).toBe(200);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  expect((await getUser(formRequest("/", {}, { method: "GET", cookie })))?.id).toBe(user.id);

  const post = await run(logoutAction, formRequest("/logout", {}, { cookie }));
  expect(post.status).toBe(302);
  expect(post.location).toBe("/");
  expect(post.setCookie.find((c) => c.startsWith("gz_session="))).toMatch(/Max-Age=0/i);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await getUser(formRequest("/", {}, { method: "GET", cookie }))).toBeNull();
});
