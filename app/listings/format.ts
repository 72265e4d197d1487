// Display helpers for listing pages (client-safe): dates in Asia/Shanghai, and the server's
// bilingual messages ("中文 / English") in the reader's language.
export const TIME_ZONE = "Asia/Shanghai";

function toDate(value: Date | string | null | undefined) {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-03-05, the calendar day in Shanghai. */
export function formatDay(value: Date | string | null | undefined) {
  const d = toDate(value);
  if (!d) return "";
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** 2026-03-05 14:20, Shanghai time. */
export function formatDateTime(value: Date | string | null | undefined) {
  const d = toDate(value);
  if (!d) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** The current year on the Shanghai calendar. */
export function shanghaiYear(now = new Date()) {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric" }).format(now));
}

/** "中文 / English" → the reader's half. */
export function pickMessage(message: string | null | undefined, locale: string) {
  if (!message) return "";
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return locale.startsWith("en") ? message.slice(at + 3) : message.slice(0, at);
}

/** Plain text cut to `length` characters with an ellipsis. */
export function excerpt(text: string, length = 120) {
  const clean = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length <= length ? clean : `${chars.slice(0, length).join("")}…`;
}
