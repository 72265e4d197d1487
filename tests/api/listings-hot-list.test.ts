// The list and search API over real HTTP: GET /api/v1/results|needs is answered straight from
// Express by the route module's loader behind the root route's middleware
// (docs/decisions/0029-hot-api-path.md), so everything the router's way gives it must hold there
// too — the same body as the loader's, the security and rate-limit headers, the bad-input check of
// the query string, refused tokens, and the other methods still reaching the router.
import { afterAll, beforeAll, expect, test } from "vitest";
import * as results from "../../app/routes/api.v1.results.ts";
import * as resultReview from "../../app/routes/api.v1.results.$id.review.ts";
import { startServer, type RunningServer } from "../security/server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";

let server: RunningServer;

beforeAll(async () => {
  // development mode: the same Express stack in front of the app, without a production build
  server = await startServer({ NODE_ENV: "development", DATABASE_URL: process.env.DATABASE_URL });
}, 400_000);
afterAll(async () => {
  await server?.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.base}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
}

test("GET /api/v1/results over HTTP: the loader's own body, with the headers every API answer gets", async () => {
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  const created = await call(
    results.action,
    apiRequest("POST", "/api/v1/results", {
      token: researcher.token,
      body: {
        title: "钨粉热喷涂 hot-list",
        summary: "超细钨粉用于热喷涂涂层。",
        keywords: ["钨粉"],
        field: "tungsten",
        maturity: "pilot",
        transferModes: ["license"],
        priceFen: 100_000,
        patentNumbers: [],
        contact: { name: "周老师", phone: "", email: "" },
        submit: true,
      },
    }),
  );
  const id = created.body.id as string;
  const approve = apiRequest("POST", `/api/v1/results/${id}/review`, {
    token: bureau.token,
    body: { decision: "approve" },
  });
  expect((await call(resultReview.action, approve, { id })).status).toBe(200);

  const path = `/api/v1/results?q=${encodeURIComponent("钨粉热喷涂")}&pageSize=5`;
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("ratelimit-policy")).toBeTruthy();
  expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  expect(res.body.items[0].highlight.title).toContain("<mark>");
  // exactly what the route module answers in-process
  const direct = await results.loader({ request: apiRequest("GET", path), params: {}, context: {} } as never);
  expect(res.text).toBe(await direct.text());
  // a bearer token and the needs list take the same way
  const mine = await get("/api/v1/results?mine=1", { Authorization: `Bearer ${researcher.token}` });
  expect(mine.status).toBe(200);
  expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  expect((await get("/api/v1/needs?q=%E9%92%A8")).status).toBe(200);
});

test("refusals over HTTP: bad query text named by the root middleware, bad parameters, bad tokens; POST still reaches the router", async () => {
  const nul = await get("/api/v1/results?q=%E9%92%A8%00");
  expect(nul.status).toBe(400);
  expect(nul.body.error).toMatchObject({ code: "invalid_input", fields: { q: expect.any(String) } });
  const utf8 = await get("/api/v1/needs?q=%FF");
  expect(utf8.status).toBe(400);
  expect(utf8.body.error.fields).toHaveProperty("q");
  const size = await get("/api/v1/results?pageSize=abc");
  expect(size.status).toBe(400);
  expect(size.body.error.fields).toHaveProperty("pageSize");
  expect((await get("/api/v1/results", { Authorization: "Bearer nope" })).status).toBe(401);
  const post = await fetch(`${server.base}/api/v1/results`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  expect(post.status).toBe(401);
});
