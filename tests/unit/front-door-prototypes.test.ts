// The node:http server makes requests and responses with Express's prototypes already
// (expressServerClasses, app/server/front-door.ts): the front door swaps no prototype of a live
// object, Express's own swap changes nothing, and what Express's getters and methods answer is the
// same as with the swap.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, expect, test, vi } from "vitest";
import { createFrontDoor, expressServerClasses } from "../../app/server/front-door.ts";

const servers: http.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** An app whose routes answer what Express's request and response give them: /things through the front door, /other through Express. */
async function serve(withClasses: boolean) {
  const app = express();
  app.set("trust proxy", "loopback");
  const classes = withClasses ? expressServerClasses(app) : undefined;
  const handler: express.RequestHandler = (req, res) => {
    res.status(201).json({
      ip: req.ip,
      path: req.path,
      protocol: req.protocol,
      id: req.params.id,
      prototypes: Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
      node: req instanceof http.IncomingMessage && res instanceof http.ServerResponse,
    });
  };
  app.post("/things/:id", handler);
  app.post("/other/:id", handler);
  const listener = createFrontDoor({
    app,
    securityHeaders: (_req, _res, next) => next(),
    before: [],
    outer: [],
    routes: [
      {
        method: "POST",
        samplePath: "/things/x",
        match: (pathname) => {
          const id = /^\/things\/([^/]+)$/.exec(pathname)?.[1];
          return id ? { id } : null;
        },
        handler,
      },
    ],
    errorHandler: (error, _req, res) => void res.status(500).end(String(error)),
  });
  const server = classes ? http.createServer(classes, listener) : http.createServer(listener);
  // whether each request arrives with the prototype Express gives it, before anything swaps it
  const arrived: boolean[] = [];
  server.prependListener("request", (req, res) =>
    arrived.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived };
}

async function post(url: string) {
  const res = await fetch(url, { method: "POST", headers: { "X-Forwarded-For": "203.0.113.7" } });
  return { status: res.status, body: await res.json() };
}

const answer = (path: string, id: string) => ({
  status: 201,
  body: { ip: "203.0.113.7", path, protocol: "http", id, prototypes: true, node: true },
});

test("requests arrive with Express's prototypes: the front door swaps none, and the answers are those with the swap", async () => {
  const withClasses = await serve(true);
  const without = await serve(false);
  const swaps = vi.spyOn(Object, "setPrototypeOf");

  expect(await post(`${withClasses.base}/things/a1`)).toEqual(answer("/things/a1", "a1"));
  expect(swaps).not.toHaveBeenCalled();
  // Express swaps to the prototypes they have already
  expect(await post(`${withClasses.base}/other/b2`)).toEqual(answer("/other/b2", "b2"));
  expect(withClasses.arrived).toEqual([true, true]);

  // a plain server's objects are swapped, by the front door and by Express, with the same answers
  swaps.mockClear();
  expect(await post(`${without.base}/things/a1`)).toEqual(answer("/things/a1", "a1"));
  expect(swaps).toHaveBeenCalledTimes(2);
  expect(await post(`${without.base}/other/b2`)).toEqual(answer("/other/b2", "b2"));
  expect(without.arrived).toEqual([false, false]);
});
