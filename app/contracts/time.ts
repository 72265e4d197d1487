// Asia/Shanghai calendar for registrations: a contract belongs to the year and month of its
// registration time there (UTC+8 all year, no daylight saving). 2025-12-31T17:30Z is 2026-01.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

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

export function currentShanghaiYear(now = new Date()) {
  return shanghaiYearMonth(now).year;
}

/** "YYYY-MM-DD" → a Date at UTC midnight (how Prisma stores @db.Date). */
export function dateFromDay(day: string) {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dayFromDate(d: Date | null | undefined) {
  return d ? d.toISOString().slice(0, 10) : null;
}
