// A notification in its reader's language, chosen when it is shown: rows keep both languages'
// text (title/body Chinese, titleEn/bodyEn English), so a reader who switches language sees the
// old ones in the new language too (docs/decisions/0024-languages-and-urls.md).
import { pickMessage } from "../i18n/i18n.ts";

export type StoredNotificationText = { title: string; titleEn: string | null; body: string; bodyEn: string | null };

export function notificationIn(n: StoredNotificationText, locale: string): { title: string; body: string } {
  const en = locale.startsWith("en");
  // rows written before titleEn existed hold "中文 / English" (or one language)
  const pick = (zh: string, english: string | null) => (english === null ? pickMessage(zh, locale) : en ? english : zh);
  return { title: pick(n.title, n.titleEn), body: pick(n.body, n.bodyEn) };
}
