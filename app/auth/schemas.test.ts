import { expect, test } from "vitest";
import { authMessage, bilingual } from "./messages.ts";
import { isCommonPassword } from "./common-passwords.ts";
import {
  cliUserCreateSchema,
  newPasswordSchema,
  organizationInputSchema,
  safeRedirect,
  signupSchema,
} from "./schemas.ts";

test("password rules: length, not only digits, not common", () => {
  const messages = (p: string) => newPasswordSchema.safeParse(p).error?.issues.map((i) => i.message) ?? [];
  expect(messages("Gannan-Navel-1")).toEqual([]);
  expect(messages("短密码1")).toContain("errors.passwordTooShort");
  expect(messages("13800138000")).toContain("errors.passwordAllDigits");
  expect(messages("P@ssw0rd123")).toContain("errors.passwordCommon");
  expect(messages("x".repeat(201))).toContain("errors.passwordTooLong");
  expect(isCommonPassword("QWERTYUIOP")).toBe(true);
  expect(isCommonPassword("abcdefghijk")).toBe(true); // a run
  expect(isCommonPassword("9876543210")).toBe(true);
  expect(isCommonPassword("ababababab")).toBe(true); // two characters
  expect(isCommonPassword("钨钼稀土永磁材料研究")).toBe(false);
});

test("organization input: credit code normalised and checked, region known, zone only in Ganzhou", () => {
  const ok = organizationInputSchema.parse({
    name: " 赣州市某科技有限公司 ",
    kind: "enterprise",
    creditCode: " 91350100m000100y43 ",
    regionCode: "360702",
    zone: "gz_etdz",
  });
  expect(ok).toMatchObject({ name: "赣州市某科技有限公司", creditCode: "91350100M000100Y43" });
  const bad = organizationInputSchema.safeParse({
    name: "某",
    kind: "shop",
    creditCode: "91350100M000100Y44",
    regionCode: "440300",
    zone: "gz_etdz",
  });
  const byPath = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
  expect(byPath).toMatchObject({
    name: "errors.orgNameRequired",
    kind: "errors.orgKindRequired",
    creditCode: "errors.creditCode.checksum",
  });
});

test("signup: the organization part depends on the mode", () => {
  const base = { email: "a@b.cn", name: "张", password: "Gannan-Navel-1", role: "company", acceptTerms: "on" };
  expect(signupSchema.safeParse({ ...base, orgMode: "existing", organizationId: "org1" }).success).toBe(true);
  const { acceptTerms: _, ...unaccepted } = base;
  expect(
    signupSchema.safeParse({ ...unaccepted, orgMode: "existing", organizationId: "org1" }).error!.issues[0],
  ).toMatchObject({
    path: ["acceptTerms"],
    message: "errors.termsRequired",
  });
  const missing = signupSchema.safeParse({ ...base, orgMode: "new" });
  expect(missing.success).toBe(false);
  expect(signupSchema.safeParse({ ...base, orgMode: "maybe" }).error!.issues[0]!.message).toBe(
    "errors.orgModeRequired",
  );
});

test("the CLI schema needs an organization for researcher/company/broker only", () => {
  expect(cliUserCreateSchema.safeParse({ email: "a@b.cn", password: "Gannan-Navel-1", role: "bureau" }).success).toBe(
    true,
  );
  const r = cliUserCreateSchema.safeParse({ email: "a@b.cn", password: "Gannan-Navel-1", role: "researcher" });
  expect(r.error!.issues[0]).toMatchObject({ path: ["org", "name"], message: "errors.organizationRequiredForRole" });
});

test("redirect targets must be local paths", () => {
  expect(safeRedirect("/results?q=稀土")).toBe("/results?q=%E7%A8%80%E5%9C%9F");
  for (const bad of [
    "//evil.cn",
    "https://evil.cn",
    "/\\evil.cn",
    "javascript:alert(1)",
    "",
    null,
    undefined,
    "/a\nb",
  ]) {
    expect(safeRedirect(bad)).toBe("/dashboard");
  }
});

test("message keys resolve in both languages", () => {
  expect(authMessage("errors.emailTaken", "en")).toMatch(/already registered/);
  expect(bilingual("errors.creditCode.length")).toBe(
    "统一社会信用代码应为 18 位 / The unified social credit code must have 18 characters",
  );
  expect(bilingual("not.a.key")).toBe("not.a.key");
});
