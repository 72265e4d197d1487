// The money input of the offers/contracts forms (元 / 万元 → integer fen, no floating point) and
// the Asia/Shanghai date display.
import { describe, expect, test } from "vitest";
import { fenToInput, formatDateOnly, formatDateTime, formatDay, parseMoneyToFen, pickMessage } from "./format.ts";

describe("parseMoneyToFen", () => {
  test("万元 and 元 become exact fen", () => {
    expect(parseMoneyToFen("88.88", "wan")).toEqual({ ok: true, fen: 88_880_000 });
    expect(parseMoneyToFen("0.000001", "wan")).toEqual({ ok: true, fen: 1 });
    expect(parseMoneyToFen("1234.56", "yuan")).toEqual({ ok: true, fen: 123_456 });
    expect(parseMoneyToFen("0.29", "yuan")).toEqual({ ok: true, fen: 29 }); // 0.29 * 100 is 28.999… in floating point
    expect(parseMoneyToFen("1,200", "wan")).toEqual({ ok: true, fen: 1_200_000_000 });
    expect(parseMoneyToFen("１２.５", "wan")).toEqual({ ok: true, fen: 12_500_000 }); // full-width digits
    expect(parseMoneyToFen("12.50", "yuan")).toEqual({ ok: true, fen: 1250 });
    expect(parseMoneyToFen("0", "wan")).toEqual({ ok: true, fen: 0 });
  });

  test("refuses units, signs, fractions of a fen and absurd amounts", () => {
    expect(parseMoneyToFen("", "wan")).toEqual({ ok: false, error: "required" });
    expect(parseMoneyToFen("12万", "wan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("-5", "yuan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("1e5", "yuan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("0.001", "yuan")).toEqual({ ok: false, error: "fraction" });
    expect(parseMoneyToFen("0.0000001", "wan")).toEqual({ ok: false, error: "fraction" });
    expect(parseMoneyToFen("10000000001", "yuan")).toEqual({ ok: false, error: "tooLarge" });
  });

  test("fenToInput is its inverse", () => {
    for (const fen of [0, 1, 29, 123_456, 88_880_000, 1_200_000_000, 1_000_000_000_000]) {
      for (const unit of ["wan", "yuan"] as const) {
        expect(parseMoneyToFen(fenToInput(fen, unit), unit)).toEqual({ ok: true, fen });
      }
    }
    expect(fenToInput(88_880_000, "wan")).toBe("88.88");
    expect(fenToInput(null, "wan")).toBe("");
  });
});

describe("dates in Asia/Shanghai", () => {
  test("an instant shows in Beijing time, whatever the machine's zone", () => {
    expect(formatDateTime("2025-12-31T17:30:00Z")).toBe("2026-01-01 01:30");
    expect(formatDay("2025-12-31T17:30:00Z")).toBe("2026-01-01");
  });
  test("a calendar date (@db.Date) keeps its own day", () => {
    expect(formatDateOnly(new Date("2026-03-05T00:00:00Z"))).toBe("2026-03-05");
    expect(formatDateOnly("2026-03-05")).toBe("2026-03-05");
    expect(formatDay("2026-03-05")).toBe("2026-03-05");
  });
});

test("pickMessage shows the reader's half of a bilingual message", () => {
  expect(pickMessage("必填 / Required", "zh-CN")).toBe("必填");
  expect(pickMessage("必填 / Required", "en")).toBe("Required");
  expect(pickMessage("只有中文", "en")).toBe("只有中文");
});
