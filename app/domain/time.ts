// The one home for time in this app (client-safe). Ganzhou reads dates in Asia/Shanghai: UTC+8 all
// year, no daylight saving, so calendar arithmetic can add a fixed offset. Every page, export and
// mail shows a calendar day as "2026-03-05" and a time as "2026-03-05 14:20"; a registration belongs
// to the Shanghai year and month of its registration time (2025-12-31T17:30Z is 2026-01).

export const TIME_ZONE = "Asia/Shanghai";
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

// ——— calendar arithmetic ———

/** The Shanghai calendar year, month (1–12) and day of an instant. */
export function shanghaiYearMonth(at: Date) {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The UTC instant at which a Shanghai calendar day starts. */
export function shanghaiDayStart(year: number, month: number, day: number) {
  return new Date(Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS);
}

/** [start, end) of a Shanghai calendar year as UTC instants. */
export function shanghaiYearRange(year: number) {
  return { start: shanghaiDayStart(year, 1, 1), end: shanghaiDayStart(year + 1, 1, 1) };
}

/** The current year on the Shanghai calendar. */
export function currentShanghaiYear(now = new Date()) {
  return shanghaiYearMonth(now).year;
}

/** The Shanghai calendar day of an instant as a Date at UTC midnight (how Prisma stores @db.Date). */
export function shanghaiDate(at: Date) {
  const { year, month, day } = shanghaiYearMonth(at);
  return new Date(Date.UTC(year, month - 1, day));
}

/** The Shanghai calendar day of an instant, "YYYY-MM-DD". */
export function shanghaiDayString(at: Date) {
  return shanghaiDate(at).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" → a Date at UTC midnight (how Prisma stores @db.Date). */
export function dateFromDay(day: string) {
  return new Date(`${day}T00:00:00.000Z`);
}

/** A @db.Date value → "YYYY-MM-DD", or null. */
export function dayFromDate(d: Date | null | undefined) {
  return d ? d.toISOString().slice(0, 10) : null;
}

// ——— display ———

type DateInput = Date | string | number | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // "YYYY-MM-DD" is a calendar day (how @db.Date columns travel): keep it as it is written.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00+08:00`);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function shanghaiParts(d: Date, withSeconds: boolean) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" as const } : {}),
    hourCycle: "h23",
  }).formatToParts(d);
  return (type: string) => parts.find((p) => p.type === type)?.value ?? "";
}

/** 2026-03-05, the calendar day in Shanghai. */
export function formatDay(value: DateInput): string {
  const d = toDate(value);
  if (!d) return "";
  const get = shanghaiParts(d, false);
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A calendar date stored as UTC midnight (@db.Date): its own day, whatever the time zone. */
export function formatDateOnly(value: Date | string | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string") return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
}

/** 2026-03-05 14:20 (Shanghai); with seconds for exports: 2026-03-05 14:20:07. */
export function formatDateTime(value: DateInput, options: { seconds?: boolean } = {}): string {
  const d = toDate(value);
  if (!d) return "";
  const get = shanghaiParts(d, options.seconds ?? false);
  const time = `${get("hour")}:${get("minute")}${options.seconds ? `:${get("second")}` : ""}`;
  return `${get("year")}-${get("month")}-${get("day")} ${time}`;
}

/** 2026年3月5日 / 5 March 2026 — for the certificate. */
export function formatLongDay(value: DateInput, locale: string): string {
  const d = toDate(value);
  if (!d) return "";
  return new Intl.DateTimeFormat(locale.startsWith("en") ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(d);
}

/** "YYYY-MM-DD" that names a real calendar day (no 2025-02-30) within the given years. */
export function isCalendarDate(value: string, { minYear = 1900, maxYear = 2999 } = {}) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < minYear || y > maxYear) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
