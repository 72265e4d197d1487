// The app's limiter writes express-rate-limit's draft-8 headers itself (its partition key remembered,
// app/server/rate-limit.ts): every answer, passed or refused, must carry the bytes the library's own
// `standardHeaders: "draft-8"` writes, in the same order, alone and with a second limiter on the path.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { afterAll, expect, test } from "vitest";
import { limiter, WindowCounter } from "../../app/server/rate-limit.ts";

// the configuration the app used before: the library writes the headers
function libraryLimiter(windowMs: number, limit: number) {
  return rateLimit({
    windowMs,
    limit,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "", 56),
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({
        error: { code: "rate_limited", message: "请求过于频繁，请稍后再试 / Too many requests, try again later" },
      });
    },
  });
}

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function serve(...middleware: express.RequestHandler[]) {
  const app = express();
  app.set("trust proxy", true);
  app.use(...middleware);
  app.get("/x", (_req, res) => void res.json({ ok: true }));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function get(port: number, ip: string) {
  return new Promise<{ status: number; headers: string[]; body: string }>((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/x", headers: { "X-Forwarded-For": ip } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!;
          if (/^(date|etag|connection|keep-alive)$/i.test(name)) continue;
          // the seconds left in the window may tick between the two servers' answers
          headers.push(`${name}: ${res.rawHeaders[i + 1]!.replace(/t=\d+/, "t=…")}`);
        }
        resolve({ status: res.statusCode!, headers, body });
      });
    });
    req.on("error", reject);
  });
}

async function sameAnswers(ours: number, library: number, ips: string[], times: number) {
  const seen: number[] = [];
  for (const ip of ips)
    for (let i = 0; i < times; i++) {
      const a = await get(ours, ip);
      const b = await get(library, ip);
      expect(a).toEqual(b);
      seen.push(a.status);
    }
  return seen;
}

test("passed and refused answers carry the library's draft-8 headers, byte for byte", async () => {
  const ours = await serve(limiter(60_000, 2));
  const library = await serve(libraryLimiter(60_000, 2));
  const statuses = await sameAnswers(ours, library, ["198.51.100.7", "2001:db8:1:2::9", "::ffff:203.0.113.5"], 3);
  expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 200, 429]);
  const refused = await get(ours, "198.51.100.7");
  expect(refused.headers).toContainEqual(expect.stringMatching(/^Retry-After: \d+$/));
  expect(refused.headers).toContainEqual(expect.stringMatching(/^RateLimit-Policy: "2-in-1min"; q=2; w=60; pk=:.+:$/));
});

test("two limiters on one path append their lines as the library does", async () => {
  const ours = await serve(limiter(60_000, 3), limiter(1_000, 2));
  const library = await serve(libraryLimiter(60_000, 3), libraryLimiter(1_000, 2));
  const statuses = await sameAnswers(ours, library, ["192.0.2.44"], 3);
  expect(statuses).toEqual([200, 200, 429]);
  const passed = await get(ours, "192.0.2.45");
  expect(passed.headers.filter((h) => h.startsWith("RateLimit-Policy:"))).toEqual([
    expect.stringMatching(/^RateLimit-Policy: "3-in-1min"; q=3; w=60; /),
    expect.stringMatching(/^RateLimit-Policy: "2-in-1sec"; q=2; w=1; /),
  ]);
});

test("a client's window starts at its first hit, and a hit after its end starts a new count, as the library's store", async () => {
  const ours = await serve(limiter(1_000, 2));
  const library = await serve(libraryLimiter(1_000, 2));
  expect(await sameAnswers(ours, library, ["203.0.113.77"], 3)).toEqual([200, 200, 429]);
  await new Promise((r) => setTimeout(r, 1_100));
  expect(await sameAnswers(ours, library, ["203.0.113.77"], 3)).toEqual([200, 200, 429]);

  const counter = new WindowCounter(60_000);
  const first = counter.hit("k", 1_000);
  expect(first).toEqual({ totalHits: 1, resetTime: new Date(61_000) });
  expect(counter.hit("k", 30_000)).toEqual({ totalHits: 2, resetTime: new Date(61_000) });
  expect(counter.hit("other", 30_000)).toEqual({ totalHits: 1, resetTime: new Date(90_000) });
  expect(counter.hit("k", 60_999).totalHits).toBe(3);
  expect(counter.hit("k", 61_000)).toEqual({ totalHits: 1, resetTime: new Date(121_000) });
});
