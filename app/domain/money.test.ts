// The one money parser (元 / 万元 → integer fen, no floating point) and its inverse.
import { describe, expect, test } from "vitest";
import { fenToInput, fenToYuanText, MAX_FEN, parseMoneyToFen } from "./money.ts";

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

  test("refuses units, signs, fractions of a fen and amounts above the one ceiling", () => {
    expect(parseMoneyToFen("", "wan")).toEqual({ ok: false, error: "required" });
    expect(parseMoneyToFen("12万", "wan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("-5", "yuan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("1e5", "yuan")).toEqual({ ok: false, error: "format" });
    expect(parseMoneyToFen("0.001", "yuan")).toEqual({ ok: false, error: "fraction" });
    expect(parseMoneyToFen("0.0000001", "wan")).toEqual({ ok: false, error: "fraction" });
    expect(parseMoneyToFen("1000000", "wan")).toEqual({ ok: true, fen: MAX_FEN }); // ¥100亿 is the ceiling itself
    expect(parseMoneyToFen("1000000.000001", "wan")).toEqual({ ok: false, error: "tooLarge" });
    expect(parseMoneyToFen("100000000000000", "yuan")).toEqual({ ok: false, error: "tooLarge" });
  });

  test("fenToInput is its inverse", () => {
    for (const fen of [0, 1, 29, 99, 123_456, 12_345_678, 88_880_000, 1_200_000_000, 123_456_789_012, MAX_FEN]) {
      for (const unit of ["wan", "yuan"] as const) {
        expect(parseMoneyToFen(fenToInput(fen, unit), unit)).toEqual({ ok: true, fen });
      }
    }
    expect(fenToInput(88_880_000, "wan")).toBe("88.88");
    expect(fenToInput(null, "wan")).toBe("");
  });
});

test("fenToYuanText writes exact 元 with two decimals", () => {
  expect(fenToYuanText(0)).toBe("0.00");
  expect(fenToYuanText(5)).toBe("0.05");
  expect(fenToYuanText(123_456_789)).toBe("1234567.89");
  expect(fenToYuanText(900_000_000_000_001)).toBe("9000000000000.01");
  expect(fenToYuanText(-150)).toBe("-1.50");
});
