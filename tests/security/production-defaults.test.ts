// `npm start` (start.ts without NODE_ENV) must run as production: Secure cookies, HSTS, and every
// error answered as the app's own page or the API's JSON error — never Express's default handler
// with a stack trace and server paths (/results/%C0%AF). TRUST_PROXY is validated at start-up.
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseEnv } from "../../app/env.server.ts";
import { parseTrustProxy } from "../../app/server/trust-proxy.ts";
import { makeAccount, GOOD_PASSWORD } from "../api/auth-helpers.ts";
import { startServer, type RunningServer } from "./server.ts";

let server: RunningServer;

beforeAll(async () => {
  // NODE_ENV unset, as `npm start` leaves it; builds the app first when the build is stale
  server = await startServer({
    NODE_ENV: undefined,
    PUBLIC_URL: "http://127.0.0.1",
    DATABASE_URL: process.env.DATABASE_URL,
  });
}, 420_000);
afterAll(async () => {
  await server?.stop();
});

// what a stack trace looks like: frames, source files with line numbers, server paths
const leaks = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.tsx?:\d+|\.m?js:\d+:\d+|URIError|TypeError/;

test("start.ts runs as production: Secure session cookie and HSTS", async () => {
  const { user } = await makeAccount("company");
  const login = await fetch(`${server.base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: user.email, password: GOOD_PASSWORD }),
    redirect: "manual",
  });
  expect(login.status).toBe(302);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("gz_session="))!;
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/HttpOnly/i);
  const home = await fetch(`${server.base}/`);
  expect(home.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
});

test("undecodable and malformed URLs get our own page or JSON error, never a stack trace", async () => {
  for (const path of ["/results/%C0%AF", "/needs/%E0%A4%A", "/organizations/%"]) {
    const res = await fetch(`${server.base}${path}`);
    const text = await res.text();
    expect(res.status, path).toBe(400);
    expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
    expect(text, path).toContain("赣州科技大市场");
    expect(text, path).not.toMatch(leaks);
  }
  for (const path of ["/api/v1/results/%C0%AF", "/api/v1/contracts/%"]) {
    const res = await fetch(`${server.base}${path}`);
    const body = await res.json();
    expect(res.status, path).toBe(400);
    expect(body.error.code, path).toBe("bad_request");
    expect(JSON.stringify(body), path).not.toMatch(leaks);
  }
});

test("an unknown page is the app's own 404 page", async () => {
  const res = await fetch(`${server.base}/no-such-page-${Date.now()}`);
  expect(res.status).toBe(404);
  const text = await res.text();
  expect(text).toContain("赣州科技大市场");
  expect(text).not.toMatch(leaks);
});

test("TRUST_PROXY is validated with Express's meaning", () => {
  expect(parseTrustProxy(undefined)).toEqual({ value: false });
  expect(parseTrustProxy("true")).toEqual({ value: true });
  expect(parseTrustProxy("1")).toEqual({ value: 1 });
  expect(parseTrustProxy("loopback, 10.0.0.0/8, 2001:db8::/32")).toEqual({
    value: ["loopback", "10.0.0.0/8", "2001:db8::/32"],
  });
  expect("error" in parseTrustProxy("10.0.0.0/33")).toBe(true);
  expect("error" in parseTrustProxy("proxy.example")).toBe(true);
  expect(() => parseEnv({ NODE_ENV: "development", TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
  expect(parseEnv({ NODE_ENV: "development", TRUST_PROXY: "loopback" }).TRUST_PROXY).toBe("loopback");
});
