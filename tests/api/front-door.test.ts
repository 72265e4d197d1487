// The front door (app/server/front-door.ts) answers the hot API routes before Express; everything
// Express gives those answers must be there all the same. Two servers on this file's database, one
// with the front door and one without (FRONT_DOOR=0: Express answers them), get the same requests,
// each pair from its own client address (TRUST_PROXY=loopback, X-Forwarded-For) so that both
// servers count the same rate-limit hits; status, headers and body must agree, minus what differs
// between any two answers (Date, the CSP nonce, the rate-limit window's seconds left, the lot's own
// id, times and hash chain). docs/decisions/0029-hot-api-path.md
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as results from "../../app/routes/api.v1.results.ts";
import * as resultReview from "../../app/routes/api.v1.results.$id.review.ts";
import { startServer, type RunningServer } from "../security/server.ts";
import { apiRequest, call, makeCaller } from "../factories.ts";
import { announcedLot, bidder } from "./auctions-helpers.ts";

const API_PER_MINUTE = 3;
let front: RunningServer;
let express: RunningServer;

beforeAll(async () => {
  const env = {
    // development mode: the same Express stack, without a production build
    NODE_ENV: "development",
    DATABASE_URL: process.env.DATABASE_URL,
    MARKET_MIN_ANNOUNCE_DAYS: "0",
    MARKET_MIN_BIDDING_MINUTES: "0",
    TRUST_PROXY: "loopback",
    RATE_LIMIT_API_PER_MINUTE: String(API_PER_MINUTE),
  };
  [front, express] = await Promise.all([
    startServer({ ...env, FRONT_DOOR: "1" }),
    startServer({ ...env, FRONT_DOOR: "0" }),
  ]);
}, 400_000);
afterAll(async () => {
  await Promise.all([front?.stop(), express?.stop()]);
});

type Answer = { status: number; headers: Record<string, string>; body: string; encoding?: string };

type Ask = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/** One request over a fresh connection; a gzip body is inflated. `declaredOnly`: send headers, not the body. */
function send(server: RunningServer, ask: Ask, ip: string, declaredOnly = false) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${server.base}${ask.path}`, {
      method: ask.method,
      agent: false,
      headers: {
        "X-Forwarded-For": ip,
        ...(ask.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...ask.headers,
      },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const headers: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!.toLowerCase();
          headers[name] =
            headers[name] === undefined ? res.rawHeaders[i + 1]! : `${headers[name]}, ${res.rawHeaders[i + 1]}`;
        }
        if (headers["content-length"] !== undefined) expect(Number(headers["content-length"])).toBe(raw.length);
        const body = (encoding === "gzip" ? zlib.gunzipSync(raw) : raw).toString("utf8");
        resolve({ status: res.statusCode!, headers, body, encoding });
        if (declaredOnly) req.destroy();
      });
    });
    if (declaredOnly) req.flushHeaders();
    else req.end(ask.body);
  });
}

const VARIES = new Set(["date", "etag", "content-length", "connection", "keep-alive", "transfer-encoding"]);

function comparable(answer: Answer, ids: string[]) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (VARIES.has(name)) continue;
    headers[name] =
      name === "content-security-policy"
        ? value.replace(/'nonce-[A-Za-z0-9+/=]+'/, "'nonce-…'")
        : name === "ratelimit"
          ? value.replace(/t=\d+/, "t=…")
          : value;
  }
  // a bid's hash chains over its lot and time
  let body = answer.body
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "…time…")
    .replace(/"hash":"[0-9a-f]{64}"/g, '"hash":"…"');
  for (const id of ids) body = body.replaceAll(id, "…id…");
  return { status: answer.status, headers, body };
}

let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

/** The same request to both servers (each with its own ids), from one fresh client address. */
async function both(
  frontAsk: Ask,
  expressAsk: Ask,
  ids: string[],
  options: { declaredOnly?: boolean; ip?: string } = {},
) {
  const ip = options.ip ?? nextIp();
  const a = await send(front, frontAsk, ip, options.declaredOnly);
  const b = await send(express, expressAsk, ip, options.declaredOnly);
  expect(comparable(a, ids)).toEqual(comparable(b, ids));
  expect(a.headers["content-security-policy"]).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
  // each answer its own nonce
  expect(a.headers["content-security-policy"]).not.toBe(b.headers["content-security-policy"]);
  return a;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

test("token bids: 201, 409, 400, 401, 403, 404, 413 and 429 answered alike with and without the front door", async () => {
  const [lotA, lotB] = await Promise.all([announcedLot(), announcedLot()]);
  const [a, b] = await Promise.all([bidder(lotA.id, lotA.bureau), bidder(lotB.id, lotB.bureau)]);
  const ids = [lotA.id, lotB.id];
  const bidTo = (id: string, token: string, body: string, headers: Record<string, string> = {}): Ask => ({
    method: "POST",
    path: `/api/v1/auctions/${id}/bids`,
    headers: { ...bearer(token), ...headers },
    body,
  });
  const amount = (n: number) => JSON.stringify({ amountFen: n });

  const accepted = await both(
    bidTo(lotA.id, a.token, amount(200_000_000)),
    bidTo(lotB.id, b.token, amount(200_000_000)),
    ids,
  );
  expect(accepted.status).toBe(201);
  expect(JSON.parse(accepted.body).bid).toMatchObject({ seq: 1, bidderCode: "A01" });
  expect(accepted.headers["ratelimit-policy"]).toBeTruthy();
  expect(accepted.headers["x-content-type-options"]).toBe("nosniff");

  const low = await both(
    bidTo(lotA.id, a.token, amount(200_000_000)),
    bidTo(lotB.id, b.token, amount(200_000_000)),
    ids,
  );
  expect(low.status).toBe(409);
  expect(JSON.parse(low.body).error.code).toBe("bid_too_low");

  const badJson = await both(bidTo(lotA.id, a.token, "{not json"), bidTo(lotB.id, b.token, "{not json"), ids);
  expect(badJson.status).toBe(400);
  const unknownField = JSON.stringify({ amountFen: 230_000_000, price: 1 });
  expect((await both(bidTo(lotA.id, a.token, unknownField), bidTo(lotB.id, b.token, unknownField), ids)).status).toBe(
    400,
  );

  const noToken = amount(230_000_000);
  expect((await both(bidTo(lotA.id, "gztm_nope", noToken), bidTo(lotB.id, "gztm_nope", noToken), ids)).status).toBe(
    401,
  );
  const seller = await both(
    bidTo(lotA.id, lotA.seller.token, noToken),
    bidTo(lotB.id, lotB.seller.token, noToken),
    ids,
  );
  expect(seller.status).toBe(403);
  const missing = "nosuchlot0000000000000000";
  expect((await both(bidTo(missing, a.token, noToken), bidTo(missing, b.token, noToken), ids)).status).toBe(404);

  // a body declared over the API's 1 MB: refused before it is read
  const huge = { "Content-Length": String(2 * 1024 * 1024) };
  const tooLarge = await both(bidTo(lotA.id, a.token, "", huge), bidTo(lotB.id, b.token, "", huge), ids, {
    declaredOnly: true,
  });
  expect(tooLarge.status).toBe(413);
  expect(JSON.parse(tooLarge.body).error.code).toBe("payload_too_large");

  // the same limiter: one client address past its share is refused alike
  const ip = nextIp();
  for (let i = 0; i < API_PER_MINUTE; i++) {
    const ok = await both(bidTo(lotA.id, "gztm_nope", noToken), bidTo(lotB.id, "gztm_nope", noToken), ids, { ip });
    expect(ok.status).toBe(401);
  }
  const limited = await both(bidTo(lotA.id, a.token, noToken), bidTo(lotB.id, b.token, noToken), ids, { ip });
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.body).error.code).toBe("rate_limited");
}, 240_000);

test("the list and search API: 200 plain and compressed, 400 and 401 answered alike with and without the front door", async () => {
  const researcher = await makeCaller("researcher");
  const bureau = await makeCaller("bureau");
  for (let i = 0; i < 4; i++) {
    const created = await call(
      results.action,
      apiRequest("POST", "/api/v1/results", {
        token: researcher.token,
        body: {
          title: `前门对照稀土永磁回收工艺 ${i}`,
          summary: "前门对照：从废旧钕铁硼磁体中回收稀土元素的氢破碎与短流程再生工艺，".repeat(4),
          keywords: ["前门对照"],
          field: "rare_earth",
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
  }
  const get = (path: string, headers: Record<string, string> = {}): Ask => ({ method: "GET", path, headers });
  const search = `/api/v1/results?q=${encodeURIComponent("前门对照")}&pageSize=10`;

  const plain = await both(get(search), get(search), []);
  expect(plain.status).toBe(200);
  expect(JSON.parse(plain.body).items).toHaveLength(4);
  expect(plain.encoding).toBeUndefined();
  // over compression's threshold, to a client that takes gzip: compressed alike
  const gzip = await both(get(search, { "Accept-Encoding": "gzip" }), get(search, { "Accept-Encoding": "gzip" }), []);
  expect(gzip.encoding).toBe("gzip");
  expect(gzip.body).toBe(plain.body);
  const small = "/api/v1/needs?q=%E5%89%8D%E9%97%A8%E5%AF%B9%E7%85%A7%E6%97%A0";
  expect(
    (await both(get(small, { "Accept-Encoding": "gzip" }), get(small, { "Accept-Encoding": "gzip" }), [])).encoding,
  ).toBeUndefined();

  const mine = await both(
    get("/api/v1/results?mine=1", bearer(researcher.token)),
    get("/api/v1/results?mine=1", bearer(researcher.token)),
    [],
  );
  expect(JSON.parse(mine.body).items).toHaveLength(4);
  const nul = await both(get("/api/v1/results?q=%E9%92%A8%00"), get("/api/v1/results?q=%E9%92%A8%00"), []);
  expect(nul.status).toBe(400);
  const badPage = await both(get("/api/v1/needs?page=x"), get("/api/v1/needs?page=x"), []);
  expect(badPage.status).toBe(400);
  const badToken = await both(get("/api/v1/needs", bearer("gztm_nope")), get("/api/v1/needs", bearer("gztm_nope")), []);
  expect(badToken.status).toBe(401);
}, 240_000);
