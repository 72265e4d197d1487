// Ten wrong passwords from anyone used to lock an account for everyone, the owner included.
// Now failures are throttled per account and source (OWASP ASVS 2.2; docs/decisions/0010-login-
// throttling.md): the attacker's source waits longer after every failure and is refused even with
// the right password meanwhile, while the owner on another network or on a device that logged in
// before gets in. Credential stuffing is stopped by a per-address limit and a site-wide rate.
import { RouterContextProvider } from "react-router";
import { expect, test } from "vitest";
import {
  ADDRESS_FAILURE_LIMIT,
  FIRST_DELAY_MS,
  FREE_FAILURES,
  GLOBAL_FAILURES_PER_MINUTE,
} from "../../app/auth/login-throttle.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { action as loginAction } from "../../app/routes/login.tsx";
import { clientIpContext } from "../../app/server/context.ts";
import { GOOD_PASSWORD, makeAccount, type Outcome } from "../api/auth-helpers.ts";

const ATTACKER = "203.0.113.7";
const OWNER_HOME = "198.51.100.20";

/** POST /login as the Express server hands it over: with the client's address in the context. */
async function login(
  email: string,
  password: string,
  ip: string,
  cookie?: string | null,
): Promise<Outcome & { retryAfter: string | null }> {
  const context = new RouterContextProvider();
  context.set(clientIpContext, ip);
  const headers: Record<string, string> = { "User-Agent": "vitest" };
  if (cookie) headers.Cookie = cookie;
  const request = new Request("http://localhost/login", {
    method: "POST",
    headers,
    body: new URLSearchParams({ email, password }),
  });
  let result: unknown;
  try {
    result = await loginAction({ request, params: {}, context } as never);
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    return {
      status: result.status,
      location: result.headers.get("Location"),
      setCookie: result.headers.getSetCookie(),
      data: null,
      retryAfter: result.headers.get("Retry-After"),
    };
  }
  const d = result as { data: unknown; init: ResponseInit | null };
  const h = new Headers(d.init?.headers);
  return {
    status: d.init?.status ?? 200,
    location: null,
    setCookie: h.getSetCookie(),
    data: d.data,
    retryAfter: h.get("Retry-After"),
  };
}

const deviceCookieOf = (o: Outcome) => o.setCookie.find((c) => c.startsWith("gz_device="))?.split(";")[0] ?? null;

async function failMany(email: string, ip: string, times: number, cookie?: string) {
  for (let i = 0; i < times; i++) await login(email, `wrong-guess-${i}-x`, ip, cookie);
}

test("an attacker's failures do not lock the owner out on another network", async () => {
  const { user } = await makeAccount("company");
  await failMany(user.email, ATTACKER, 12);
  const owner = await login(user.email, GOOD_PASSWORD, OWNER_HOME);
  expect(owner.status).toBe(302);
  expect(owner.location).toBe("/dashboard");
});

test("an attacker's failures do not lock the owner out on a device that logged in before, even behind the same address", async () => {
  const { user } = await makeAccount("researcher");
  const first = await login(user.email, GOOD_PASSWORD, OWNER_HOME);
  expect(first.status).toBe(302);
  const device = deviceCookieOf(first);
  expect(device).not.toBeNull();
  expect(first.setCookie.find((c) => c.startsWith("gz_device="))).toMatch(/HttpOnly/i);

  // the attacker shares the owner's address (a café, a carrier NAT) and fails over and over
  await failMany(user.email, OWNER_HOME, 12);
  expect((await login(user.email, GOOD_PASSWORD, OWNER_HOME)).status).toBe(429);
  const owner = await login(user.email, GOOD_PASSWORD, OWNER_HOME, device);
  expect(owner.status).toBe(302);

  // a device cookie of another account is no key to this one
  const { user: other } = await makeAccount("researcher");
  const otherDevice = deviceCookieOf(await login(other.email, GOOD_PASSWORD, "192.0.2.50"));
  await failMany(user.email, "192.0.2.50", FREE_FAILURES, otherDevice!);
  expect((await login(user.email, GOOD_PASSWORD, "192.0.2.50", otherDevice)).status).toBe(429);
});

test("one source's failures bring growing waits, and the right password is refused while it waits", async () => {
  const { user } = await makeAccount("broker");
  for (let i = 0; i < FREE_FAILURES; i++) {
    const outcome = await login(user.email, `wrong-${i}-password`, ATTACKER);
    expect(outcome.status, `failure ${i + 1}`).toBe(400);
  }
  const waiting = await login(user.email, GOOD_PASSWORD, ATTACKER);
  expect(waiting.status).toBe(429);
  expect(waiting.setCookie).toEqual([]);
  expect(Number(waiting.retryAfter)).toBeGreaterThan(FIRST_DELAY_MS / 1000 - 5);
  expect(Number(waiting.retryAfter)).toBeLessThanOrEqual(FIRST_DELAY_MS / 1000);
  // the same network counts as the same source
  expect((await login(user.email, GOOD_PASSWORD, "203.0.113.99")).status).toBe(429);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

  // after the first wait, one more failure: the next wait is twice as long
  await prisma.loginAttempt.updateMany({
    where: { email: user.email },
    data: { createdAt: new Date(Date.now() - FIRST_DELAY_MS - 1000) },
  });
  expect((await login(user.email, "wrong-again-password", ATTACKER)).status).toBe(400);
  const longer = await login(user.email, GOOD_PASSWORD, ATTACKER);
  expect(longer.status).toBe(429);
  expect(Number(longer.retryAfter)).toBeGreaterThan((2 * FIRST_DELAY_MS) / 1000 - 5);
  // the owner elsewhere is still fine
  expect((await login(user.email, GOOD_PASSWORD, OWNER_HOME)).status).toBe(302);
});

test("credential stuffing: one address failing on many accounts is refused, also for an account it has the right password of", async () => {
  const victims = await Promise.all(Array.from({ length: 2 }, () => makeAccount("company")));
  for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
    await login(`stuffed-${i}-${Date.now()}@test.local`, `leaked-password-${i}`, ATTACKER);
  }
  const hit = await login(victims[0]!.user.email, GOOD_PASSWORD, ATTACKER);
  expect(hit.status).toBe(429);
  expect(Number(hit.retryAfter)).toBeGreaterThan(0);
  // other addresses are not affected
  expect((await login(victims[1]!.user.email, GOOD_PASSWORD, OWNER_HOME)).status).toBe(302);
});

test("a site-wide wave of failures lets only known devices try", async () => {
  const { user } = await makeAccount("researcher");
  const device = deviceCookieOf(await login(user.email, GOOD_PASSWORD, OWNER_HOME));
  // a botnet: one failure each from many addresses within the last minute
  await prisma.loginAttempt.createMany({
    data: Array.from({ length: GLOBAL_FAILURES_PER_MINUTE }, (_, i) => ({
      email: `botnet-${i}@test.local`,
      success: false,
      ip: `10.${Math.floor(i / 250)}.${i % 250}.1`,
      source: `net:10.${Math.floor(i / 250)}.${i % 250}.0/24`,
    })),
  });
  expect((await login(user.email, GOOD_PASSWORD, "192.0.2.77")).status).toBe(429);
  expect((await login(user.email, GOOD_PASSWORD, "192.0.2.77", device)).status).toBe(302);
});
