// POST /locale takes a redirectTo from the form. It must never send the browser to another site
// (open redirect) nor put raw control characters into the Location header (a 500, or header
// injection): browsers parse Location with the WHATWG URL parser, so the check does too.
import { expect, test } from "vitest";
import { safeRedirect } from "../../app/auth/schemas.ts";
import { action as localeAction } from "../../app/routes/locale.ts";
import { loginCookie, makeAccount, run } from "../api/auth-helpers.ts";

const ORIGIN = "https://market.example";

function post(redirectTo: string, cookie?: string) {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  return new Request(`${ORIGIN}/locale`, {
    method: "POST",
    headers,
    body: new URLSearchParams({ locale: "en", redirectTo }),
  });
}

const attacks = [
  "//evil.example/x",
  "/\\evil.example/x",
  "\\/evil.example/x",
  "/\\/evil.example",
  "\t/\\evil.example/x",
  "\t//evil.example/x",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/\r\n/evil.example",
  " //evil.example",
  "/%09/evil.example",
  "/%2F/evil.example",
  "/%5Cevil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "evil.example",
  "/x\r\nSet-Cookie: pwned=1",
  "/x\u0000y",
  "/x\u007f",
];

test("POST /locale only redirects to same-origin paths, as a browser would resolve them", async () => {
  for (const redirectTo of attacks) {
    const outcome = await run(localeAction, post(redirectTo));
    expect(outcome.status, JSON.stringify(redirectTo)).toBe(302);
    const location = outcome.location!;
    // what a browser does with the header: resolve it against the page's origin
    expect(new URL(location, ORIGIN).origin, JSON.stringify(redirectTo)).toBe(ORIGIN);
    expect(location, JSON.stringify(redirectTo)).toBe("/");
    expect(outcome.setCookie.join("\n")).not.toContain("pwned");
  }
});

test("ordinary same-site paths keep working (non-ASCII is percent-encoded, never a 500)", async () => {
  const cases: Array<[string, string]> = [
    ["/results?q=稀土", "/results?q=%E7%A8%80%E5%9C%9F"],
    ["/needs/abc?page=2#top", "/needs/abc?page=2#top"],
    ["/", "/"],
    ["/events/%E6%B5%8B", "/events/%E6%B5%8B"],
  ];
  for (const [redirectTo, expected] of cases) {
    const outcome = await run(localeAction, post(redirectTo));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(expected);
    expect(outcome.setCookie[0]).toMatch(/^lng=en;/);
  }
});

test("a signed-in user gets the same protection, and the language is still saved", async () => {
  const { user } = await makeAccount("company");
  const cookie = await loginCookie(user.email);
  const outcome = await run(localeAction, post("/\\evil.example", cookie));
  expect(outcome.location).toBe("/");
  const { prisma } = await import("../../app/db/db.server.ts");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
});

test("the same rule guards the login redirect", () => {
  for (const redirectTo of attacks) expect(safeRedirect(redirectTo), JSON.stringify(redirectTo)).toBe("/dashboard");
});
