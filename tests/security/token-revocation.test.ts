// Whoever learned a password may have minted API tokens and opened sessions with it. A password
// reset must end every session and revoke every API token of the account; a password change
// does the same except the session that made the change, and the page says so.
import { expect, test } from "vitest";
import { createApiToken } from "../../app/auth/api-token.server.ts";
import { requestPasswordReset } from "../../app/auth/accounts.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { serverT } from "../../app/i18n/i18n.ts";
import { action as accountAction } from "../../app/routes/account._index.tsx";
import { loader as resultsApi } from "../../app/routes/api.v1.results.ts";
import { action as resetAction } from "../../app/routes/reset-password.tsx";
import { getUser } from "../../app/auth/session.server.ts";
import { formRequest, GOOD_PASSWORD, loginCookie, makeAccount, run } from "../api/auth-helpers.ts";

const NEW_PASSWORD = "Gannan-Tungsten-Ridge-42";

async function tokenStatus(token: string) {
  const request = new Request("http://localhost/api/v1/results?mine=1", {
    headers: { Authorization: `Bearer ${token}` },
  });
  return ((await resultsApi({ request, params: {}, context: {} } as never)) as Response).status;
}
const signedIn = async (cookie: string) => !!(await getUser(formRequest("/", {}, { method: "GET", cookie })));

test("a password reset revokes every API token and ends every session of the account", async () => {
  const { user } = await makeAccount("company");
  const { user: other } = await makeAccount("company");
  // the attacker's token and session, made with the stolen password, and the owner's own
  const attackerToken = (await createApiToken(user.id, "attacker")).token;
  const ownerToken = (await createApiToken(user.id, "ERP")).token;
  const otherToken = (await createApiToken(other.id, "someone else")).token;
  const attackerSession = await loginCookie(user.email);
  const ownerSession = await loginCookie(user.email);
  expect(await tokenStatus(attackerToken)).toBe(200);

  const token = (await requestPasswordReset(user.email))!;
  const outcome = await run(
    resetAction,
    formRequest("/reset-password", { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
  );
  expect(outcome.status).toBe(302);

  expect(await tokenStatus(attackerToken)).toBe(401);
  expect(await tokenStatus(ownerToken)).toBe(401);
  expect(await signedIn(attackerSession)).toBe(false);
  expect(await signedIn(ownerSession)).toBe(false);
  expect(await prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  // nobody else's tokens
  expect(await tokenStatus(otherToken)).toBe(200);

  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "password_reset" } });
  expect(audit.after).toMatchObject({ endedSessions: 2, revokedTokens: 2 });
  // the login page tells the owner what happened
  expect(serverT("zh-CN")("auth:login.resetDone")).toContain("API 令牌");
  expect(serverT("en")("auth:login.resetDone")).toContain("API token");
});

test("a password change revokes every API token and every other session; the current session stays and the page says so", async () => {
  const { user } = await makeAccount("researcher");
  const attackerToken = (await createApiToken(user.id, "attacker")).token;
  const attackerSession = await loginCookie(user.email);
  const here = await loginCookie(user.email);

  const outcome = await run(
    accountAction,
    formRequest(
      "/account",
      { intent: "password", currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { cookie: here },
    ),
  );
  expect(outcome.status).toBe(200);
  expect(outcome.data.done).toBe(true);
  expect(outcome.data.ended).toEqual({ endedSessions: 1, revokedTokens: 1 });

  expect(await tokenStatus(attackerToken)).toBe(401);
  expect(await signedIn(attackerSession)).toBe(false);
  expect(await signedIn(here)).toBe(true);

  const zh = serverT("zh-CN")("auth:account.passwordSaved", { sessions: 1, tokens: 1 });
  const en = serverT("en")("auth:account.passwordSaved", { sessions: 1, tokens: 1 });
  expect(zh).toMatch(/API 令牌已吊销/);
  expect(zh).toMatch(/当前会话/);
  expect(en).toMatch(/API tokens \(1\) revoked/);
  expect(en).toMatch(/this session stays/);
});
