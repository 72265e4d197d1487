import { expect, test } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { prisma } from "../../app/db/db.server.ts";
import { action, loader } from "../../app/routes/signup.tsx";
import { TERMS_VERSION } from "../../app/legal/versions.ts";
import { makeOrg, uniqueCreditCode } from "../factories.ts";
import { formRequest, GOOD_PASSWORD, run, sessionCookieFrom } from "./auth-helpers.ts";

let n = 0;
function signupFields(overrides: Record<string, string> = {}) {
  n += 1;
  return {
    email: `signup${n}-${Date.now()}@test.local`,
    name: "李研究",
    password: GOOD_PASSWORD,
    role: "researcher",
    orgMode: "new",
    "org.name": `赣州稀土新材料研究院${n}-${Date.now()}`,
    "org.kind": "institute",
    "org.creditCode": uniqueCreditCode("360704"),
    "org.regionCode": "360704",
    "org.zone": "gz_htdz",
    acceptTerms: "on",
    ...overrides,
  };
}

const counts = async () => ({
  users: await prisma.user.count(),
  orgs: await prisma.organization.count(),
  audits: await prisma.auditEvent.count(),
});

test("a valid signup creates the user, an unverified organization with its audit event, and a session", async () => {
  const fields = signupFields({ email: `  New.Person${Date.now()}@Example.CN ` });
  const outcome = await run(action, formRequest("/signup", fields));
  expect(outcome.status).toBe(302);
  expect(outcome.location).toBe("/dashboard");
  const cookie = sessionCookieFrom(outcome);
  expect(cookie).toBeTruthy();

  const email = fields.email.trim().toLowerCase();
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { organization: true, password: true },
  });
  expect(user.role).toBe("researcher");
  expect(user.password!.hash).toMatch(/^\$argon2id\$/);
  expect(user.password!.hash).not.toContain(GOOD_PASSWORD);
  expect(user.organization).toMatchObject({
    name: fields["org.name"],
    kind: "institute",
    creditCode: fields["org.creditCode"],
    regionCode: "360704",
    zone: "gz_htdz",
    verifiedAt: null,
  });
  const audit = await prisma.auditEvent.findMany({
    where: { entityType: "organization", entityId: user.organizationId! },
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: "create", actorId: user.id });

  const sessionUser = await getUser(formRequest("/dashboard", {}, { method: "GET", cookie }));
  expect(sessionUser?.id).toBe(user.id);
});

test("a duplicate email is refused with a field error and nothing is written", async () => {
  const first = signupFields();
  expect((await run(action, formRequest("/signup", first))).status).toBe(302);
  const before = await counts();
  const again = signupFields({ email: first.email.toUpperCase() });
  const outcome = await run(action, formRequest("/signup", again));
  expect(outcome.status).toBe(400);
  expect(outcome.data.error.email).toEqual(["errors.emailTaken"]);
  // the password is never sent back
  expect(JSON.stringify(outcome.data)).not.toContain(GOOD_PASSWORD);
  expect(await counts()).toEqual(before);
});

test("an invalid credit code is refused (checksum and embedded organization code)", async () => {
  const before = await counts();
  const valid = uniqueCreditCode();
  const wrongCheck = valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0");
  for (const [code, key] of [
    [wrongCheck, "errors.creditCode.checksum"],
    ["91350100M000100Y4", "errors.creditCode.length"],
    ["91350100M00010OY43", "errors.creditCode.characters"],
    ["91350100M000100X43", "errors.creditCode.organization_code"],
  ] as const) {
    const outcome = await run(action, formRequest("/signup", signupFields({ "org.creditCode": code })));
    expect(outcome.status, code).toBe(400);
    expect(outcome.data.error["org.creditCode"], code).toEqual([key]);
  }
  expect(await counts()).toEqual(before);
});

test("weak passwords are refused: too short, only digits, common", async () => {
  for (const [password, key] of [
    ["short1!", "errors.passwordTooShort"],
    ["12345678901234", "errors.passwordAllDigits"],
    ["Password123", "errors.passwordCommon"],
    ["qwertyuiop", "errors.passwordCommon"],
    ["aaaaaaaaaaaa", "errors.passwordCommon"],
  ] as const) {
    const outcome = await run(action, formRequest("/signup", signupFields({ password })));
    expect(outcome.status, password).toBe(400);
    expect(outcome.data.error.password, password).toContain(key);
  }
});

test("bureau and admin cannot be chosen at signup; region and zone are checked", async () => {
  for (const role of ["bureau", "admin", "superuser"]) {
    const outcome = await run(action, formRequest("/signup", signupFields({ role })));
    expect(outcome.status).toBe(400);
    expect(outcome.data.error.role).toEqual(["errors.roleSignup"]);
  }
  const region = await run(action, formRequest("/signup", signupFields({ "org.regionCode": "999999" })));
  expect(region.data.error["org.regionCode"]).toEqual(["errors.regionUnknown"]);
  const zone = await run(
    action,
    formRequest("/signup", signupFields({ "org.regionCode": "440300", "org.creditCode": uniqueCreditCode("440300") })),
  );
  expect(zone.data.error["org.zone"]).toEqual(["errors.zoneOutsideGanzhou"]);
});

test("a credit code that is already registered asks to join that organization instead of creating a duplicate", async () => {
  const existing = await makeOrg({ name: "赣州某稀土永磁公司", kind: "enterprise", verified: true });
  const before = await counts();
  // typed in lower case with spaces: normalised before the lookup
  const fields = signupFields({
    role: "company",
    "org.name": "另一个名字",
    "org.creditCode": ` ${existing.creditCode.toLowerCase()} `,
  });
  const outcome = await run(action, formRequest("/signup", fields));
  expect(outcome.status).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: fields.email.toLowerCase() } });
  // the credit code is public: the user belongs to no organization until approved
  expect(user.organizationId).toBeNull();
  expect(await prisma.membershipRequest.findUnique({ where: { userId: user.id } })).toMatchObject({
    organizationId: existing.id,
  });
  const after = await counts();
  expect(after.orgs).toBe(before.orgs);
  expect(after.users).toBe(before.users + 1);
  const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id } });
  expect(note.kind).toBe("membership_pending");
  expect(note.title).toContain("赣州某稀土永磁公司");
});

test("joining an organization picked from the search", async () => {
  const org = await makeOrg({ name: `江西理工大学${Date.now()}`, kind: "university" });
  const search = await run(
    loader,
    formRequest(`/signup?orgq=${encodeURIComponent("江西理工")}`, {}, { method: "GET" }),
  );
  expect(search.data.orgMatches.map((o: { id: string }) => o.id)).toContain(org.id);

  const fields = signupFields({ orgMode: "existing", organizationId: org.id });
  const outcome = await run(action, formRequest("/signup", fields));
  expect(outcome.status).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: fields.email.toLowerCase() } });
  expect(user.organizationId).toBeNull();
  expect(await prisma.membershipRequest.findUnique({ where: { userId: user.id } })).toMatchObject({
    organizationId: org.id,
  });

  const missing = await run(
    action,
    formRequest("/signup", signupFields({ orgMode: "existing", organizationId: "nope" })),
  );
  expect(missing.status).toBe(400);
  expect(missing.data.error.organizationId).toEqual(["errors.organizationNotFound"]);
  const none = await run(action, formRequest("/signup", signupFields({ orgMode: "existing", organizationId: "" })));
  expect(none.data.error.organizationId).toEqual(["errors.organizationPick"]);
});

test("two signups registering the same new credit code at once end up in one organization", async () => {
  const code = uniqueCreditCode("360781");
  const a = signupFields({ "org.creditCode": code, "org.regionCode": "360781", "org.zone": "" });
  const b = signupFields({ "org.creditCode": code, "org.regionCode": "360781", "org.zone": "" });
  const outcomes = await Promise.all([run(action, formRequest("/signup", a)), run(action, formRequest("/signup", b))]);
  expect(outcomes.map((o) => o.status)).toEqual([302, 302]);
  expect(await prisma.organization.count({ where: { creditCode: code } })).toBe(1);
  const org = await prisma.organization.findUniqueOrThrow({ where: { creditCode: code } });
  const users = await prisma.user.findMany({
    where: { email: { in: [a.email, b.email] } },
    include: { membershipRequest: true },
  });
  // whoever registered it first is its member; the other asks to join it
  expect(users.filter((u) => u.organizationId === org.id)).toHaveLength(1);
  expect(users.filter((u) => u.organizationId === null).map((u) => u.membershipRequest?.organizationId)).toEqual([
    org.id,
  ]);
});

test("signup without accepting the user agreement and privacy policy is refused; nothing is written", async () => {
  const before = await counts();
  for (const acceptTerms of [undefined, "", "off", "true"]) {
    const fields: Record<string, string> = signupFields();
    if (acceptTerms === undefined) delete fields.acceptTerms;
    else fields.acceptTerms = acceptTerms;
    const outcome = await run(action, formRequest("/signup", fields));
    expect(outcome.status, String(acceptTerms)).toBe(400);
    expect(outcome.data.error.acceptTerms, String(acceptTerms)).toEqual(["errors.termsRequired"]);
    expect(await prisma.user.findUnique({ where: { email: fields.email } })).toBeNull();
  }
  expect(await counts()).toEqual(before);
});

test("an accepted signup records the documents' version and the time of acceptance", async () => {
  const fields = signupFields();
  const start = Date.now();
  const outcome = await run(action, formRequest("/signup", fields));
  expect(outcome.status).toBe(302);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: fields.email } });
  expect(user.termsVersion).toBe(TERMS_VERSION);
  expect(user.termsAcceptedAt).toBeInstanceOf(Date);
  expect(user.termsAcceptedAt!.getTime()).toBeGreaterThanOrEqual(start - 1000);
  expect(user.termsAcceptedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
});
