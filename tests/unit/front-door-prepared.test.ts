// A prepared route's answers (app/server/prepared-answer.ts) must be the bytes the general path
// sends: two servers with the same middleware — compression, the app's security headers, the rate
// limiter, the body limits — one answering through the prepared block, one through the general
// path (the front door's eager set-up, as Express runs it), get the same raw requests; every byte of
// the answers agrees but the Date, the CSP nonce and the rate limit's seconds left. The answers the
// prepared block does not take (a refusal by the limiter or the body limits, an error, a big body,
// a connection not kept alive, a header the block does not write) are compared too, and the test
// checks which answers took the block, so that it cannot pass with the block never taken.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bodyLimits } from "../../app/server/body-limits.ts";
import { errorHandler } from "../../app/server/error-pages.ts";
import { securityHeadersFor } from "../../app/server/express-app.ts";
import { createFrontDoor, expressServerClasses } from "../../app/server/front-door.ts";
import { answerJson } from "../../app/server/prepared-answer.ts";
import { limiter } from "../../app/server/rate-limit.ts";
import { expectConsoleError } from "../support/console.ts";

const LIMIT = 40;
/** per server: whether each answer went as the prepared block (compression never set up on it) */
const took: Record<string, boolean[]> = { prepared: [], general: [] };
const servers: http.Server[] = [];
const ports: Record<string, number> = {};

async function serve(kind: "prepared" | "general") {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  const serverOptions = expressServerClasses(app);
  // what a middleware in front of the handler might set (in development Vite sets Vary: Origin)
  const extra: express.RequestHandler = (req, res, next) => {
    if (req.headers["x-vary"]) res.setHeader("Vary", String(req.headers["x-vary"]));
    if (req.headers["x-cache"]) res.setHeader("Cache-Control", String(req.headers["x-cache"]));
    next();
  };
  const handler: express.RequestHandler = (req, res, next) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const ask = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { status?: number; size?: number };
      if (ask.status === 500) return next(new Error("boom"));
      // `size` bytes exactly (Chinese text: the length is in bytes)
      const bare = Buffer.byteLength(JSON.stringify({ bid: { note: "出价出价", pad: "" } }));
      const body = JSON.stringify({ bid: { note: "出价出价", pad: "x".repeat(Math.max(0, (ask.size ?? 60) - bare)) } });
      answerJson(res, ask.status ?? 201, body);
      took[kind]!.push(!Object.hasOwn(res, "end"));
    });
    req.resume();
  };
  const listener = createFrontDoor({
    app,
    outer: [compression()],
    securityHeaders: securityHeadersFor(false),
    before: [limiter(60_000, LIMIT), bodyLimits(), extra],
    routes: [
      {
        method: "POST",
        samplePath: "/api/v1/auctions/lot/bids",
        match: (pathname) => (pathname === "/api/v1/auctions/lot/bids" ? {} : null),
        handler,
        prepared: kind === "prepared",
      },
    ],
    errorHandler: errorHandler(),
  });
  const server = http.createServer(serverOptions, listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  ports[kind] = (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  await serve("prepared");
  await serve("general");
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** Raw HTTP exchanges on one connection: each answer's bytes, as they came. */
async function exchange(port: number, requests: string[]) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  const answers: Buffer[] = [];
  let buffered = Buffer.alloc(0);
  let ended = false;
  socket.on("data", (c: Buffer) => (buffered = Buffer.concat([buffered, c])));
  socket.on("end", () => (ended = true));
  for (const request of requests) {
    socket.write(request);
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      const headEnd = buffered.indexOf("\r\n\r\n");
      if (headEnd < 0) {
        if (ended) throw new Error("closed without an answer");
        continue;
      }
      const head = buffered.subarray(0, headEnd).toString("latin1");
      const length = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
      let total: number | undefined;
      if (length !== undefined) total = headEnd + 4 + Number(length);
      else if (/\r\ntransfer-encoding: chunked/i.test(head)) {
        const last = buffered.indexOf("\r\n0\r\n\r\n", headEnd);
        if (last >= 0) total = last + 7;
      } else if (ended) total = buffered.length;
      if (total !== undefined && buffered.length >= total) {
        answers.push(buffered.subarray(0, total));
        buffered = buffered.subarray(total);
        break;
      }
      if (ended) throw new Error("closed mid-answer");
    }
  }
  socket.destroy();
  return answers;
}

function comparable(answer: Buffer) {
  return answer
    .toString("latin1")
    .replace(/\r\nDate: [^\r]+/, "\r\nDate: …")
    .replace(/'nonce-[A-Za-z0-9+/=]{24}'/, "'nonce-…'")
    .replace(/(\r\nRateLimit: [^\r]*)t=\d+/, "$1t=…");
}

const post = (ip: string, body: object | string, headers: Record<string, string> = {}, version = "1.1") => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const lines = Object.entries({
    Host: "127.0.0.1",
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
    "X-Forwarded-For": ip,
    ...headers,
  }).map(([k, v]) => `${k}: ${v}\r\n`);
  return `POST /api/v1/auctions/lot/bids HTTP/${version}\r\n${lines.join("")}\r\n${text}`;
};

async function same(requests: string[]) {
  const a = await exchange(ports.prepared!, requests);
  const b = await exchange(ports.general!, requests);
  expect(a.map(comparable)).toEqual(b.map(comparable));
  for (const answer of a) expect(answer.toString("latin1")).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
  return a.map((answer) => answer.toString("utf8"));
}

test("the prepared block is byte for byte the general path's answer", async () => {
  took.prepared = [];
  took.general = [];
  const answers = await same([
    post("198.51.100.1", { status: 201 }),
    // the second answer on a kept-alive connection
    post("198.51.100.1", { status: 409, size: 100 }),
    post("198.51.100.1", { status: 400, size: 20 }),
    // a header set in front of the handler: Vary gets Accept-Encoding appended, as compression does
    post("198.51.100.1", { status: 201 }, { "X-Vary": "Origin" }),
    post("198.51.100.1", { status: 201 }, { "X-Vary": "origin, accept-encoding" }),
    // the largest body compression leaves as it is
    post("198.51.100.1", { status: 201, size: 1023 }, { "Accept-Encoding": "gzip" }),
  ]);
  expect(took.prepared).toEqual([true, true, true, true, true, true]);
  expect(took.general).toEqual([false, false, false, false, false, false]);
  expect(answers[5]).toMatch(/\r\n\r\n3ff\r\n\{/);
  expect(answers[0]).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
  expect(answers[0]).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/);
  expect(answers[0]).toMatch(/\r\nRateLimit-Policy: "40-in-1min"; q=40; w=60; pk=:[^:]+:\r\n/);
  expect(answers[0]).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\nVary: Accept-Encoding\r\nDate: /);
  expect(answers[0]).toMatch(
    /\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n[0-9a-f]+\r\n\{/,
  );
  expect(answers[3]).toMatch(/\r\nVary: Origin, Accept-Encoding\r\n/);
});

test("what the prepared block does not take goes the general path, with the same bytes", async () => {
  took.prepared = [];
  took.general = [];
  const big = await same([
    // over compression's threshold: compressed to a client that takes gzip, plain to one that does not
    post("198.51.100.2", { status: 201, size: 1024 }, { "Accept-Encoding": "gzip" }),
    post("198.51.100.2", { status: 201, size: 1024 }),
    post("198.51.100.2", { status: 201 }, { "X-Cache": "no-transform" }),
    post("198.51.100.2", { status: 201 }, { Connection: "close" }),
  ]);
  expect(big[0]).toMatch(/\r\nContent-Encoding: gzip\r\n/);
  expect(big[3]).toMatch(/\r\nConnection: close\r\n/);
  await same([post("198.51.100.3", { status: 201 }, {}, "1.0")]);
  // an error, a body over the limit, a refusal by the limiter
  expectConsoleError({ match: /boom/, atLeast: 2 });
  const [failed] = await same([post("198.51.100.4", { status: 500 })]);
  expect(failed).toMatch(/^HTTP\/1\.1 500 /);
  const [tooLarge] = await same([post("198.51.100.5", "x".repeat(64), { "Content-Length": String(2 * 1024 * 1024) })]);
  expect(tooLarge).toMatch(/^HTTP\/1\.1 413 [^]*\r\nConnection: close\r\n/);
  const refused = await same(Array.from({ length: LIMIT + 1 }, () => post("198.51.100.6", { status: 409 })));
  expect(refused[LIMIT]).toMatch(/^HTTP\/1\.1 429 [^]*\r\nRetry-After: \d+\r\n/);
  expect(refused[LIMIT - 1]).toMatch(/^HTTP\/1\.1 409 /);
  expect(took.prepared).toEqual([false, false, false, false, false, ...Array<boolean>(LIMIT).fill(true)]);
});
