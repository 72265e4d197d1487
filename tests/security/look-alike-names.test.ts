// Finding: anyone could register an organization named like a verified one ("赣州稀土集团" with a
// full-width letter, an ideographic space or another case) and borrow its standing. Now signup, a
// member's rename (PATCH) and the admin form refuse a look-alike of a verified organization's name
// with 409 organization_name_taken naming the field; staff may still create one on purpose.
import { expect, test } from "vitest";
import { prisma } from "../../app/db/db.server.ts";
import { organizationNameKey } from "../../app/organizations/names.server.ts";
import * as orgRoute from "../../app/routes/api.v1.organizations.$id.ts";
import * as orgsRoute from "../../app/routes/api.v1.organizations.ts";
import { action as signupAction } from "../../app/routes/signup.tsx";
import { formRequest, GOOD_PASSWORD, run } from "../api/auth-helpers.ts";
import { apiRequest, call, makeCaller, makeOrg, uniqueCreditCode } from "../factories.ts";

let n = 0;
function signupFields(orgName: string) {
  n += 1;
  return {
    email: `lookalike${n}-${Date.now()}@test.local`,
    name: "王企业",
    password: GOOD_PASSWORD,
    role: "company",
    orgMode: "new",
    "org.name": orgName,
    "org.kind": "enterprise",
    "org.creditCode": uniqueCreditCode("360702"),
    "org.regionCode": "360702",
    acceptTerms: "on",
  };
}

const patch = (token: string, id: string, body: unknown) =>
  call(orgRoute.action, apiRequest("PATCH", `/api/v1/organizations/${id}`, { token, body }), { id });

test("the normalisation: trim, spaces, NFKC full-width/half-width and case fold to one key", async () => {
  const key = await organizationNameKey("赣州稀土集团ABC(有限公司)");
  for (const lookalike of [
    " 赣州稀土集团ABC(有限公司) ",
    "赣州稀土　集团 ABC (有限公司)", // ideographic space, spaces
    "赣州稀土集团ＡＢＣ（有限公司）", // full-width letters and brackets
    "赣州稀土集团abc(有限公司)",
    "赣州稀土\u200b集团Abc\u00a0(有限公司)\t", // zero-width space, no-break space, tab
  ]) {
    expect(await organizationNameKey(lookalike), lookalike).toBe(key);
  }
  for (const different of ["赣州稀土集团ABD(有限公司)", "赣州稀土新集团ABC(有限公司)", "赣州稀土集团ABC"]) {
    expect(await organizationNameKey(different), different).not.toBe(key);
  }
});

test("signup with a new organization named like a verified one: 409 on org.name, nothing written", async () => {
  const verified = await makeOrg({ name: "赣州稀土集团有限公司" });
  const before = { users: await prisma.user.count(), orgs: await prisma.organization.count() };
  for (const name of ["赣州稀土集团有限公司", " 赣州稀土　集团有限公司", "赣州稀土集团有限公司 "]) {
    const outcome = await run(signupAction, formRequest("/signup", signupFields(name)));
    expect(outcome.status, name).toBe(409);
    expect(outcome.data.error["org.name"], name).toEqual(["errors.orgNameTaken"]);
  }
  expect({ users: await prisma.user.count(), orgs: await prisma.organization.count() }).toEqual(before);

  // an unverified namesake does not block (nobody's standing is borrowed), nor does another name
  await makeOrg({ name: "赣南脐橙合作社", verified: false });
  expect((await run(signupAction, formRequest("/signup", signupFields("赣南脐橙合作社")))).status).toBe(302);
  expect((await run(signupAction, formRequest("/signup", signupFields("赣州稀土集团二公司")))).status).toBe(302);
  expect(await prisma.organization.count({ where: { nameKey: verified.nameKey } })).toBe(1);
});

test("renaming an unverified organization to a verified one's name: 409 organization_name_taken, field name", async () => {
  const verified = await makeOrg({ name: "Ganzhou Tungsten Co., Ltd." });
  const member = await makeCaller("company", { verified: false });
  const refused = await patch(member.token, member.org!.id, { name: "ＧＡＮＺＨＯＵ  tungsten co., ltd." });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("organization_name_taken");
  expect(refused.body.error.fields.name).toContain(verified.name);
  expect(refused.body.error.message).toMatch(/已认证.*\/.*verified/);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: member.org!.id } })).name).toBe(member.org!.name);

  // a distinct name is fine while unverified, and audited
  const renamed = await patch(member.token, member.org!.id, { name: "赣州钨业新材料有限公司" });
  expect(renamed.status).toBe(200);
  expect(renamed.body.name).toBe("赣州钨业新材料有限公司");
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { entityType: "organization", entityId: member.org!.id, action: "update" },
  });
  expect(audit.after).toMatchObject({ name: "赣州钨业新材料有限公司" });
});

test("renames: a verified organization's members cannot rename it; other organizations, roles and anonymous are refused", async () => {
  const target = await makeCaller("company", { verified: false });
  const verifiedMember = await makeCaller("researcher");
  const r = await patch(verifiedMember.token, verifiedMember.org!.id, { name: "另一个名字研究院" });
  expect(r.status).toBe(400);
  expect(Object.keys(r.body.error.fields)).toEqual(["name"]);

  const otherOrg = await makeCaller("company", { verified: false });
  expect((await patch(otherOrg.token, target.org!.id, { name: "抢注的名字公司" })).status).toBe(403);
  const bureau = await makeCaller("bureau");
  expect((await patch(bureau.token, target.org!.id, { name: "抢注的名字公司" })).status).toBe(403);
  const anonymous = await call(
    orgRoute.action,
    apiRequest("PATCH", `/api/v1/organizations/${target.org!.id}`, { body: { name: "抢注的名字公司" } }),
    { id: target.org!.id },
  );
  expect(anonymous.status).toBe(401);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: target.org!.id } })).name).toBe(target.org!.name);
});

test("staff may create or rename to a look-alike on purpose (POST by bureau, PATCH by admin)", async () => {
  const verified = await makeOrg({ name: "江西理工大学" });
  const bureau = await makeCaller("bureau");
  const created = await call(
    orgsRoute.action,
    apiRequest("POST", "/api/v1/organizations", {
      token: bureau.token,
      body: { name: "江西理工大学 ", kind: "university", creditCode: uniqueCreditCode("360702"), regionCode: "360702" },
    }),
  );
  expect(created.status).toBe(201);
  expect(created.body.verified).toBe(true);

  const admin = await makeCaller("admin");
  const unverified = await makeOrg({ name: "某大学", verified: false });
  const renamed = await patch(admin.token, unverified.id, { name: "江西理工大学" });
  expect(renamed.status).toBe(200);
  expect(await prisma.organization.count({ where: { nameKey: verified.nameKey } })).toBe(3);

  // and POST /api/v1/organizations stays staff-only
  const company = await makeCaller("company");
  const refused = await call(
    orgsRoute.action,
    apiRequest("POST", "/api/v1/organizations", {
      token: company.token,
      body: { name: "新公司名称", kind: "enterprise", creditCode: uniqueCreditCode("360702"), regionCode: "360702" },
    }),
  );
  expect(refused.status).toBe(403);
});
