// The new-password pair that /account (password change) and /reset-password share: both inputs are
// password inputs the browser may fill with a generated password, both are required, the rule hint
// is tied to the first by aria-describedby, and the labels follow the language.
import { useForm } from "@conform-to/react";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { expect, test } from "vitest";
import { NewPasswordFields } from "../../app/components/new-password-fields.tsx";
import { createI18n } from "../../app/i18n/i18n.ts";

function Pair() {
  const [, fields] = useForm<{ password: string; confirm: string }>({ id: "pw" });
  return createElement(NewPasswordFields, { password: fields.password, confirm: fields.confirm });
}

function html(lang: "zh-CN" | "en") {
  return renderToString(createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(Pair)));
}

const inputs = (s: string) => [...s.matchAll(/<input [^>]*>/g)].map((m) => m[0]);

test("both inputs are required new-password inputs, the hint describes the first", () => {
  const out = html("zh-CN");
  const [password, confirm, ...rest] = inputs(out);
  expect(rest).toEqual([]);
  for (const input of [password!, confirm!]) {
    expect(input).toContain('type="password"');
    expect(input).toContain('autoComplete="new-password"');
    expect(input).toContain("required");
  }
  expect(password).toContain('name="password"');
  expect(confirm).toContain('name="confirm"');
  const describedBy = /aria-describedby="([^"]+)"/.exec(password!)?.[1];
  expect(describedBy).toBeTruthy();
  expect(out).toContain(`id="${describedBy}"`);
  expect(out).toContain("至少 10 个字符");
  expect(confirm).not.toContain("aria-describedby");
});

test("labels follow the language", () => {
  expect(html("zh-CN")).toMatch(/新密码[\s\S]*确认新密码/);
  expect(html("en")).toMatch(/New password[\s\S]*Confirm new password/);
});
