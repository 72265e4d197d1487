// Verifying a look-alike: the bureau could verify a self-registered "赣州稀土集团" written with an
// ideographic space or full-width letters although a verified "赣州稀土集团" already existed (only signup and renames checked the name). Now verification refuses
// a name whose normalised key equals a verified organization's (409 organization_name_taken on
// `name`, nothing changed, no audit); renaming one of them first resolves it.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import * as orgRoute from "../../app/routes/api.v1.organizations.$id.ts";
import * as verifyRoute from "../../app/routes/api.v1.organizations.$id.verify.ts";
import { apiRequest, call, makeCaller, makeOrg } from "../factories.ts";

const verify = (token: string, id: string) =>
  call(verifyRoute.action, apiRequest("POST", `/api/v1/organizations/${id}/verify`, { token, body: {} }), { id });

test("a look-alike of a verified organization's name cannot be verified; after a rename it can", async () => {
  const bureau = await makeCaller("bureau");
  const admin = await makeCaller("admin");
  const verified = await makeOrg({ name: `赣州稀土集团ABC${Date.now()}` });
  const lookalike = await makeOrg({
    name: ` ${verified.name.replace("稀土", "稀土　").replace("ABC", "ＡＢＣ")} `,
    verified: false,
  });
  const auditBefore = await prisma.auditEvent.count({ where: { entityId: lookalike.id } });

  const refused = await verify(bureau.token, lookalike.id);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("organization_name_taken");
  expect(refused.body.error.fields.name).toContain(verified.name);
  expect(refused.body.error.message).toContain(verified.creditCode);
  const after = await prisma.organization.findUniqueOrThrow({ where: { id: lookalike.id } });
  expect(after.verifiedAt).toBeNull();
  expect(await prisma.auditEvent.count({ where: { entityId: lookalike.id } })).toBe(auditBefore);

  // staff resolve it by renaming one of them (an admin's PATCH), then verify
  const renamed = await call(
    orgRoute.action,
    apiRequest("PATCH", `/api/v1/organizations/${lookalike.id}`, {
      token: admin.token,
      body: { name: `${verified.name}（南康分公司）` },
    }),
    { id: lookalike.id },
  );
  expect(renamed.status).toBe(200);
  const ok = await verify(bureau.token, lookalike.id);
  expect(ok.status).toBe(200);
  expect(ok.body.verified).toBe(true);
});

test("an unverified namesake does not block; two look-alikes verified at once: exactly one wins", async () => {
  const bureau = await makeCaller("bureau");
  const name = `同名竞争科技有限公司${Date.now()}`;
  const a = await makeOrg({ name, verified: false });
  const b = await makeOrg({ name: name.toLowerCase() + " ", verified: false });
  const outcomes = await Promise.all([verify(bureau.token, a.id), verify(bureau.token, b.id)]);
  expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
  expect(outcomes.find((o) => o.status === 409)!.body.error.code).toBe("organization_name_taken");
  const verifiedCount = await prisma.organization.count({
    where: { id: { in: [a.id, b.id] }, verifiedAt: { not: null } },
  });
  expect(verifiedCount).toBe(1);
});

test("refusals: another role 403, anonymous 401", async () => {
  const company = await makeCaller("company");
  const org = await makeOrg({ verified: false });
  expect((await verify(company.token, org.id)).status).toBe(403);
  const anon = await call(
    verifyRoute.action,
    apiRequest("POST", `/api/v1/organizations/${org.id}/verify`, { body: {} }),
    { id: org.id },
  );
  expect(anon.status).toBe(401);
});
