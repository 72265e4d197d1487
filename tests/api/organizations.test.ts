import { expect, test } from "vitest";
import { auditHistory } from "../../app/audit/audit.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { makeCreditCode } from "../../app/domain/credit-code.ts";
import * as collection from "../../app/routes/api.v1.organizations.ts";
import * as item from "../../app/routes/api.v1.organizations.$id.ts";
import * as verify from "../../app/routes/api.v1.organizations.$id.verify.ts";
import { apiRequest, call, makeCaller, makeOrg, uniqueCreditCode } from "../factories.ts";

const post = (token: string | undefined, body: unknown) =>
  call(collection.action, apiRequest("POST", "/api/v1/organizations", { token, body }));

test("bureau and admin create organizations, verified at once; a duplicate credit code is a 409", async () => {
  const bureau = await makeCaller("bureau");
  const admin = await makeCaller("admin", { org: null });
  const code = makeCreditCode("12", "360702", "MB1234560".slice(0, 8));
  const r = await post(bureau.token, {
    name: "江西理工大学",
    kind: "university",
    creditCode: code.toLowerCase(),
    regionCode: "360702",
    zone: "gz_htdz",
  });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({
    name: "江西理工大学",
    kind: "university",
    creditCode: code,
    regionCode: "360702",
    zone: "gz_htdz",
    verified: true,
  });
  const events = await auditHistory("organization", r.body.id);
  expect(events.map((e) => e.action)).toEqual(["create"]);
  expect(events[0]!.actorId).toBe(bureau.user.id);

  const dup = await post(admin.token, {
    name: "另一个名字",
    kind: "institute",
    creditCode: code,
    regionCode: "440300",
  });
  expect(dup.status).toBe(409);
  expect(dup.body.error.fields).toHaveProperty("creditCode");

  const sample = await post(admin.token, {
    name: "样例企业",
    kind: "enterprise",
    creditCode: "91350100M000100Y43",
    regionCode: "350000",
  });
  expect(sample.status).toBe(201);
});

test("organization input: credit-code checksum, organization-code check, regions, zones, kinds", async () => {
  const bureau = await makeCaller("bureau");
  const base = { name: "测试", kind: "enterprise", regionCode: "360703" };
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ ...base, creditCode: "91350100M000100Y44" }, "creditCode", /校验位/],
    [{ ...base, creditCode: "91350100M000100Y4" }, "creditCode", /18/],
    [{ ...base, creditCode: "91350100M000100YI3" }, "creditCode", /I、O、S、V、Z/],
    [{ ...base, creditCode: "91350100M000200Y43" }, "creditCode", /组织机构代码/],
    [{ ...base, creditCode: uniqueCreditCode(), regionCode: "123456" }, "regionCode", /地区/],
    [{ ...base, creditCode: uniqueCreditCode(), regionCode: "3607" }, "regionCode", /6 位/],
    [{ ...base, creditCode: uniqueCreditCode(), kind: "club" }, "kind", /机构类型/],
    [{ ...base, creditCode: uniqueCreditCode(), zone: "moon" }, "zone", /功能区/],
    [{ ...base, creditCode: uniqueCreditCode(), regionCode: "440300", zone: "gz_etdz" }, "zone", /赣州/],
    [{ ...base, creditCode: uniqueCreditCode(), name: "" }, "name", /机构名称/],
  ];
  for (const [body, field, message] of cases) {
    const r = await post(bureau.token, body);
    expect(r.status, JSON.stringify(body)).toBe(400);
    expect(r.body.error.fields[field], JSON.stringify(r.body.error)).toMatch(message);
  }
});

test("only bureau and admin create and verify; others get 403, anonymous 401", async () => {
  const body = () => ({ name: "某公司", kind: "enterprise", creditCode: uniqueCreditCode(), regionCode: "360702" });
  for (const role of ["researcher", "company", "broker"] as const) {
    const c = await makeCaller(role);
    expect((await post(c.token, body())).status).toBe(403);
  }
  expect((await post(undefined, body())).status).toBe(401);

  const unverified = await makeOrg({ verified: false, name: "待认证机构" });
  const v = (token?: string) =>
    call(verify.action, apiRequest("POST", `/api/v1/organizations/${unverified.id}/verify`, { token }), {
      id: unverified.id,
    });
  const company = await makeCaller("company");
  expect((await v(company.token)).status).toBe(403);
  expect((await v()).status).toBe(401);
  const bureau = await makeCaller("bureau");
  const ok = await v(bureau.token);
  expect(ok.status).toBe(200);
  expect(ok.body.verified).toBe(true);
  expect((await v(bureau.token)).status).toBe(409);
  const missing = await call(
    verify.action,
    apiRequest("POST", "/api/v1/organizations/nope/verify", { token: bureau.token }),
    { id: "nope" },
  );
  expect(missing.status).toBe(404);
  expect((await auditHistory("organization", unverified.id)).map((e) => e.action)).toEqual(["verify"]);
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: unverified.id } })).verifiedById).toBe(
    bureau.user.id,
  );
});

test("GET search by name and public profile with published listings only", async () => {
  const org = await makeOrg({ name: "赣南师范大学化学化工学院", kind: "university" });
  await makeOrg({ name: "中国科学院赣江创新研究院", kind: "institute" });
  const researcher = await makeCaller("researcher", { org });
  await prisma.result.create({
    data: {
      organizationId: org.id,
      createdById: researcher.user.id,
      title: "已发布成果",
      summary: "s",
      field: "other",
      maturity: "lab",
      transferModes: ["license"],
      status: "published",
      publishedAt: new Date(),
    },
  });
  await prisma.result.create({
    data: {
      organizationId: org.id,
      title: "草稿",
      summary: "s",
      field: "other",
      maturity: "lab",
      transferModes: ["license"],
    },
  });

  const found = await call(
    collection.loader,
    apiRequest("GET", `/api/v1/organizations?q=${encodeURIComponent("赣南师范")}`),
  );
  expect(found.status).toBe(200);
  expect(found.body.items.map((o: { name: string }) => o.name)).toEqual(["赣南师范大学化学化工学院"]);
  expect(found.body.items[0]).toMatchObject({
    kind: "university",
    regionCode: "360702",
    verified: true,
    publishedResults: 1,
  });
  expect((await call(collection.loader, apiRequest("GET", "/api/v1/organizations?kind=club"))).status).toBe(400);
  expect(
    (await call(collection.loader, apiRequest("GET", "/api/v1/organizations?pageSize=500"))).body.error.fields,
  ).toHaveProperty("pageSize");

  const profile = await call(item.loader, apiRequest("GET", `/api/v1/organizations/${org.id}`), { id: org.id });
  expect(profile.status).toBe(200);
  expect(profile.body.publishedResults).toBe(1);
  expect(profile.body.results.map((r: { title: string }) => r.title)).toEqual(["已发布成果"]);
  expect((await call(item.loader, apiRequest("GET", "/api/v1/organizations/nope"), { id: "nope" })).status).toBe(404);
});
