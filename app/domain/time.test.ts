// The one Asia/Shanghai time module: calendar arithmetic and the two display formats.
import { describe, expect, test } from "vitest";
import {
  formatDateOnly,
  formatDateTime,
  formatDay,
  formatLongDay,
  shanghaiDate,
  shanghaiDayString,
  shanghaiYearMonth,
} from "./time.ts";

describe("dates in Asia/Shanghai", () => {
  test("an instant shows in Beijing time, whatever the machine's zone", () => {
    expect(formatDateTime("2025-12-31T17:30:00Z")).toBe("2026-01-01 01:30");
    expect(formatDateTime(new Date("2025-12-31T17:30:07Z"), { seconds: true })).toBe("2026-01-01 01:30:07");
    expect(formatDay("2025-12-31T17:30:00Z")).toBe("2026-01-01");
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("not a date")).toBe("");
  });
  test("a calendar date (@db.Date) keeps its own day", () => {
    expect(formatDateOnly(new Date("2026-03-05T00:00:00Z"))).toBe("2026-03-05");
    expect(formatDateOnly("2026-03-05")).toBe("2026-03-05");
    expect(formatDay("2026-03-05")).toBe("2026-03-05");
  });
  test("the certificate's long day in both languages", () => {
    expect(formatLongDay("2026-03-05", "zh-CN")).toBe("2026年3月5日");
    expect(formatLongDay("2026-03-05", "en")).toBe("5 March 2026");
  });
  test("calendar days flip at 16:00 UTC", () => {
    expect(shanghaiDate(new Date("2026-03-01T15:59:00Z")).toISOString().slice(0, 10)).toBe("2026-03-01");
    expect(shanghaiDayString(new Date("2026-03-01T16:01:00Z"))).toBe("2026-03-02");
    expect(shanghaiYearMonth(new Date("2025-12-31T17:30:00Z"))).toEqual({ year: 2026, month: 1, day: 1 });
  });
});
