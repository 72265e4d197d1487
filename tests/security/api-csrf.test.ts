// /api/v1 accepts the session cookie as well as bearer tokens. A browser sends that cookie with
// requests another site triggers (a form post, a text/plain `fetch` that needs no preflight), so
// cookie-authenticated changes must come from our own pages (same-origin Origin, or
// Sec-Fetch-Site: same-origin) and be application/json. Bearer-token calls are unaffected, and
// the Stripe webhook (no cookie, no Origin) stays reachable.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as needs from "../../app/routes/api.v1.needs.ts";
import * as webhook from "../../app/routes/api.v1.payments.stripe.webhook.ts";
import { loginCookie, makeAccount } from "../api/auth-helpers.ts";
import { call, makeCaller } from "../factories.ts";

const need = {
  title: "磁钢高温后磁力变弱",
  description: "电机在 150℃ 工作半小时后磁力明显下降，希望找到耐高温的永磁材料方案。",
  targetIndicators: "150℃ 下退磁率 < 5%",
  keywords: ["永磁", "耐高温"],
  field: "rare_earth",
  budgetFen: 80_000_000,
  deadline: "2030-06-30",
  cooperationMode: "joint_development",
  contact: { name: "王工", phone: "13800000000", email: "wang@example.com" },
};

const SITE = "http://localhost";

function post(headers: Record<string, string>, body: string = JSON.stringify(need)) {
  return new Request(`${SITE}/api/v1/needs`, { method: "POST", headers, body });
}

test("cookie-authenticated API changes from another site are refused: foreign Origin, text/plain JSON, or neither header", async () => {
  const { user } = await makeAccount("company");
  const Cookie = await loginCookie(user.email);
  const attacks: Array<[string, Record<string, string>, number, string]> = [
    [
      "foreign Origin",
      { Cookie, Origin: "https://evil.example", "Content-Type": "application/json" },
      403,
      "cross_site_request",
    ],
    [
      "foreign Origin, text/plain",
      { Cookie, Origin: "https://evil.example", "Content-Type": "text/plain" },
      403,
      "cross_site_request",
    ],
    [
      "cross-site fetch metadata",
      { Cookie, "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
      403,
      "cross_site_request",
    ],
    [
      "same-site subdomain",
      { Cookie, Origin: "http://evil.localhost", "Sec-Fetch-Site": "same-site", "Content-Type": "application/json" },
      403,
      "cross_site_request",
    ],
    [
      "opaque origin (sandboxed iframe)",
      { Cookie, Origin: "null", "Content-Type": "application/json" },
      403,
      "cross_site_request",
    ],
    ["no Origin, no Sec-Fetch-Site", { Cookie, "Content-Type": "application/json" }, 403, "cross_site_request"],
    [
      "same origin but text/plain",
      { Cookie, Origin: SITE, "Content-Type": "text/plain;charset=UTF-8" },
      415,
      "unsupported_media_type",
    ],
    [
      "same origin but a form post",
      { Cookie, Origin: SITE, "Content-Type": "application/x-www-form-urlencoded" },
      415,
      "unsupported_media_type",
    ],
  ];
  for (const [name, headers, status, code] of attacks) {
    const outcome = await call(needs.action, post(headers));
    expect(outcome.status, name).toBe(status);
    expect(outcome.body.error.code, name).toBe(code);
    expect(outcome.body.error.message, name).toMatch(/ \/ /); // zh / en
  }
  expect(await prisma.need.count({ where: { createdById: user.id } })).toBe(0);
});

test("our own pages' requests still work with the cookie (same-origin Origin or Sec-Fetch-Site)", async () => {
  const { user } = await makeAccount("company");
  const Cookie = await loginCookie(user.email);
  const byOrigin = await call(
    needs.action,
    post({ Cookie, Origin: SITE, "Content-Type": "application/json; charset=utf-8" }),
  );
  expect(byOrigin.status).toBe(201);
  const byFetchMetadata = await call(
    needs.action,
    post({ Cookie, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" }),
  );
  expect(byFetchMetadata.status).toBe(201);
  // the configured public address counts as ours (TLS ended at a proxy: the request URL says http)
  process.env.PUBLIC_URL = "https://market.example.cn";
  try {
    const behindProxy = await call(
      needs.action,
      post({ Cookie, Origin: "https://market.example.cn", "Content-Type": "application/json" }),
    );
    expect(behindProxy.status).toBe(201);
  } finally {
    delete process.env.PUBLIC_URL;
  }
  // reads are not changes
  const list = await call(
    needs.loader,
    new Request(`${SITE}/api/v1/needs?mine=1`, { headers: { Cookie, Origin: "https://evil.example" } }),
  );
  expect(list.status).toBe(200);
});

test("bearer-token calls are unaffected by Origin and fetch metadata", async () => {
  const caller = await makeCaller("company");
  const outcome = await call(
    needs.action,
    post({
      ...caller.auth,
      Origin: "https://evil.example",
      "Sec-Fetch-Site": "cross-site",
      "Content-Type": "application/json",
    }),
  );
  expect(outcome.status).toBe(201);
  const noHeaders = await call(needs.action, post({ ...caller.auth, "Content-Type": "application/json" }));
  expect(noHeaders.status).toBe(201);
});

test("the Stripe webhook is not cookie-authenticated: no Origin needed, never cross_site_request", async () => {
  const request = new Request(`${SITE}/api/v1/payments/stripe/webhook`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" },
    body: JSON.stringify({ id: "evt_test", type: "payment_intent.succeeded" }),
  });
  const outcome = await call(webhook.action, request);
  expect(outcome.body?.error?.code).not.toBe("cross_site_request");
  expect(outcome.status).not.toBe(403);
});
