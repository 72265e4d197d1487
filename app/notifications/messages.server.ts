// What a notification or mail says, in both languages, for writers that have no reader yet: a
// translation key with values, a {zh, en} pair, or text that is the same in both (what a person
// typed, such as a rejection reason). Stored with both languages (app/notifications/text.ts).
import { serverT, type Locale } from "../i18n/i18n.ts";

export type Bilingual = { zh: string; en: string };
export type MessageText = Bilingual | { key: string; values?: Record<string, string> } | string;

export function bilingual(text: MessageText): Bilingual {
  if (typeof text === "string") return { zh: text, en: text };
  if ("key" in text) return { zh: serverT("zh-CN")(text.key, text.values), en: serverT("en")(text.key, text.values) };
  return text;
}

/** The text in one language. */
export function inLocale(text: MessageText, locale: Locale | string): string {
  const b = bilingual(text);
  return locale.startsWith("en") ? b.en : b.zh;
}

/** The Notification columns of a title and body. */
export function notificationText(title: MessageText, body: MessageText = "") {
  const t = bilingual(title);
  const b = bilingual(body);
  return { title: t.zh, titleEn: t.en, body: b.zh, bodyEn: b.en };
}
