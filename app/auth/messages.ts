// The schemas' messages are keys of the `auth` namespace. The UI translates them with
// useTranslation("auth"); places without a reader's language (the CLI, API errors) show both.
import { auth as en } from "../i18n/locales/en/auth.ts";
import { auth as zh } from "../i18n/locales/zh-CN/auth.ts";

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The message for a key in one language; anything that is not a known key is returned as is. */
export function authMessage(key: string, locale: "zh-CN" | "en" = "zh-CN") {
  return lookup(locale === "en" ? en : zh, key) ?? key;
}

/** "中文 / English", the API and CLI convention. */
export function bilingual(key: string) {
  const z = lookup(zh, key);
  const e = lookup(en, key);
  return z && e ? `${z} / ${e}` : key;
}
