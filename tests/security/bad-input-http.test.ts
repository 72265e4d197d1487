// The address and form check runs for real requests (root middleware): NUL and invalid UTF-8 in
// page path ids, API path ids, queries and form posts answer 400 through the running server, never
// 500 (the fuzz tests call the route modules directly; this proves the middleware is wired).
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { startServer, type RunningServer } from "./server.ts";

let server: RunningServer;

// as long as startServer's own wait: starts take turns across test files, and a development start
// under load took over the default 120 s hook timeout
beforeAll(async () => {
  server = await startServer({ NODE_ENV: "development", DATABASE_URL: process.env.DATABASE_URL });
}, 400_000);
afterAll(async () => {
  await server?.stop();
});

test(
  "pages, API routes and form posts answer 400 to NUL and invalid UTF-8 over HTTP",
  { timeout: 300_000 },
  async () => {
    const get = (path: string) => fetch(`${server.base}${path}`, { redirect: "manual" });

    for (const path of [
      "/results/%00",
      "/results/a%00b",
      "/contracts/abc%C0%AF",
      "/needs/x%ED%A0%80",
      "/results?q=%00",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
    expect((await get("/results/no-such-result")).status).toBe(404);

    const api = await get("/api/v1/contracts/a%00b");
    expect(api.status).toBe(400);
    const body = (await api.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.fields).toHaveProperty("id");

    const query = await get("/api/v1/results?q=abc%C0%AF");
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("q");

    const users = await prisma.user.count();
    for (const form of ["email=a%00b%40example.com&password=x", "email=%C3%28%40example.com&password=x"]) {
      const res = await fetch(`${server.base}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
        body: form,
        redirect: "manual",
      });
      expect(res.status, form).toBe(400);
    }
    expect(await prisma.user.count()).toBe(users);
    expect(server.output()).not.toMatch(/invalid byte sequence|Internal server error/);
  },
);
