import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { action as tokensAction, loader as tokensLoader } from "../../app/routes/account.tokens.tsx";
import { loader as resultsApi } from "../../app/routes/api.v1.results.ts";
import { formRequest, loginCookie, makeAccount, run } from "./auth-helpers.ts";

function apiGet(path: string, token: string) {
  return new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

test("an API token is shown once, stored only as a hash, and works until revoked (then 401)", async () => {
  const { user } = await makeAccount("researcher");
  const cookie = await loginCookie(user.email);

  const created = await run(
    tokensAction,
    formRequest("/account/tokens", { intent: "create", name: "ERP 对接" }, { cookie }),
  );
  expect(created.status).toBe(200);
  const token: string = created.data.token;
  expect(token).toMatch(/^gztm_[A-Za-z0-9_-]{32}$/);

  const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } });
  expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  expect(JSON.stringify(row)).not.toContain(token);
  expect(row.prefix).toBe(token.slice(0, 9));
  expect(row.name).toBe("ERP 对接");

  // The list never shows the token again.
  const page = await run(tokensLoader, formRequest("/account/tokens", {}, { method: "GET", cookie }));
  expect(page.data.tokens).toHaveLength(1);
  expect(JSON.stringify(page.data)).not.toContain(token);
  expect(page.data.tokens[0].lastUsedAt).toBeNull();

  const ok = await resultsApi({ request: apiGet("/api/v1/results?mine=1", token), params: {}, context: {} } as never);
  expect((ok as Response).status).toBe(200);
  expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();

  const revoked = await run(
    tokensAction,
    formRequest("/account/tokens", { intent: "revoke", tokenId: row.id }, { cookie }),
  );
  expect(revoked.data.revoked).toBe(true);
  const refused = (await resultsApi({
    request: apiGet("/api/v1/results", token),
    params: {},
    context: {},
  } as never)) as Response;
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
});

test("a user cannot revoke another user's token, and a token name is required", async () => {
  const { user: owner } = await makeAccount("company");
  const { user: other } = await makeAccount("company");
  const ownerCookie = await loginCookie(owner.email);
  const otherCookie = await loginCookie(other.email);
  const created = await run(
    tokensAction,
    formRequest("/account/tokens", { intent: "create", name: "ci" }, { cookie: ownerCookie }),
  );
  const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: owner.id } });

  const attempt = await run(
    tokensAction,
    formRequest("/account/tokens", { intent: "revoke", tokenId: row.id }, { cookie: otherCookie }),
  );
  expect(attempt.status).toBe(404);
  expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
  const ok = (await resultsApi({
    request: apiGet("/api/v1/results", created.data.token),
    params: {},
    context: {},
  } as never)) as Response;
  expect(ok.status).toBe(200);

  const unnamed = await run(
    tokensAction,
    formRequest("/account/tokens", { intent: "create", name: "  " }, { cookie: ownerCookie }),
  );
  expect(unnamed.status).toBe(400);
  expect(unnamed.data.result.error.name).toEqual(["errors.tokenNameRequired"]);

  // Signed out: the page sends the visitor to log in.
  const anonymous = await run(tokensAction, formRequest("/account/tokens", { intent: "create", name: "x" }));
  expect(anonymous.status).toBe(302);
  expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
});
