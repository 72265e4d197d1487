import { expect, test } from "vitest";
import { parseEnv } from "../../app/env.server.ts";

const base = { NODE_ENV: "test" } as NodeJS.ProcessEnv;

test("filing numbers are unset by default, so the footer hides them", () => {
  const env = parseEnv(base);
  expect(env.SITE_ICP_RECORD).toBeUndefined();
  expect(env.SITE_PSB_RECORD).toBeUndefined();
  expect(parseEnv({ ...base, SITE_ICP_RECORD: "", SITE_PSB_RECORD: "" }).SITE_ICP_RECORD).toBeUndefined();
});

test("filing numbers and the operator's contact are read from the environment", () => {
  const env = parseEnv({
    ...base,
    SITE_ICP_RECORD: "赣ICP备12345678号-1",
    SITE_PSB_RECORD: "赣公网安备36070202000001号",
    SITE_CONTACT_PHONE: "0797-8000000",
    SITE_CONTACT_EMAIL: "kjdsc@example.cn",
  });
  expect(env).toMatchObject({
    SITE_ICP_RECORD: "赣ICP备12345678号-1",
    SITE_PSB_RECORD: "赣公网安备36070202000001号",
    SITE_CONTACT_PHONE: "0797-8000000",
    SITE_CONTACT_EMAIL: "kjdsc@example.cn",
  });
  expect(parseEnv(base).SITE_CONTACT_EMAIL).toMatch(/@/);
});

test("a contact email that is not an address refuses to start, naming the variable", () => {
  expect(() => parseEnv({ ...base, SITE_CONTACT_EMAIL: "not-an-email" })).toThrow(/SITE_CONTACT_EMAIL/);
  expect(() => parseEnv({ ...base, SITE_ICP_RECORD: "x".repeat(61) })).toThrow(/SITE_ICP_RECORD/);
});
