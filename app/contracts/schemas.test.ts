// The contract shapes without a database: amounts in fen, real dates, the cross-field rules.
import { expect, test } from "vitest";
import { contractCreateSchema, contractRuleProblems, fenSchema, importLineSchema, reviewSchema } from "./schemas.ts";
import { formatRegistrationNumber } from "./registration.server.ts";
import { isCalendarDate, shanghaiYearMonth, shanghaiYearRange } from "../domain/time.ts";
import { parseRegistrationNumber } from "./registration-number.ts";

test("fen: non-negative integer JSON numbers only", () => {
  expect(fenSchema.safeParse(0).success).toBe(true);
  expect(fenSchema.safeParse(123_456_789).success).toBe(true);
  for (const bad of [-1, 1.5, "100", "100万", null, undefined, Number.NaN, Infinity, 1e17]) {
    expect(fenSchema.safeParse(bad).success, String(bad)).toBe(false);
  }
  expect(fenSchema.safeParse("100万").error?.issues[0]?.message).toContain("以分为单位的整数");
});

test("dates: YYYY-MM-DD that exist", () => {
  expect(isCalendarDate("2024-02-29")).toBe(true);
  for (const bad of ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-1"]) {
    expect(isCalendarDate(bad), bad).toBe(false);
  }
});

test("cross-field rules name the field", () => {
  const base = {
    type: "transfer" as const,
    title: "t",
    sellerOrgId: "a",
    buyerOrgId: "b",
    contractAmountFen: 100,
    nonTechnicalCostsFen: 0,
    signedAt: "2026-01-10",
  };
  expect(contractRuleProblems(base)).toEqual({});
  expect(contractRuleProblems({ ...base, nonTechnicalCostsFen: 101 })).toHaveProperty("nonTechnicalCostsFen");
  expect(contractRuleProblems({ ...base, buyerOrgId: "a" })).toHaveProperty("buyerOrgId");
  expect(contractRuleProblems({ ...base, subtype: "commissioned" })).toHaveProperty("subtype");
  expect(contractRuleProblems({ ...base, subtype: "patent_application" })).toEqual({});
  expect(contractRuleProblems({ ...base, validUntil: "2026-01-09" })).toHaveProperty("validUntil");
  expect(contractRuleProblems({ ...base, validUntil: "2026-01-10" })).toEqual({});
  expect(Object.keys(contractRuleProblems({ signedAt: "2026-01-01" })).sort()).toEqual(
    ["buyerOrgId", "contractAmountFen", "nonTechnicalCostsFen", "sellerOrgId", "title", "type"].sort(),
  );
  // from an offer only signedAt is required up front
  expect(contractCreateSchema.safeParse({ offerId: "o1", signedAt: "2026-01-01" }).success).toBe(true);
  expect(contractCreateSchema.safeParse({ signedAt: "2026-01-01" }).success).toBe(false);
});

test("review needs a note to return or reject", () => {
  expect(reviewSchema.safeParse({ decision: "register" }).success).toBe(true);
  expect(reviewSchema.safeParse({ decision: "return" }).success).toBe(false);
  expect(reviewSchema.safeParse({ decision: "reject", note: "标的不明确" }).success).toBe(true);
  expect(reviewSchema.safeParse({ decision: "approve" }).success).toBe(false);
});

test("registration numbers and import lines", () => {
  expect(formatRegistrationNumber(2026, "01", 42)).toBe("26360701000042");
  expect(parseRegistrationNumber("26360701000042")).toEqual({
    year2: 26,
    province: "36",
    city: "07",
    point: "01",
    serial: 42,
  });
  expect(() => formatRegistrationNumber(2026, "01", 1_000_000)).toThrow();
  const line = {
    registrationNumber: "24360701000001",
    registeredAt: "2024-06-30T10:00:00+08:00",
    type: "service",
    title: "t",
    sellerOrgId: "a",
    buyerOrgId: "b",
    contractAmountFen: 10,
    nonTechnicalCostsFen: 0,
    signedAt: "2024-06-01",
  };
  expect(importLineSchema.safeParse(line).success).toBe(true);
  expect(importLineSchema.safeParse({ ...line, registeredAt: "2024-06-30 10:00" }).success).toBe(false);
  expect(importLineSchema.safeParse({ ...line, registrationNumber: "24350701000001" }).success).toBe(false);
});

test("the Asia/Shanghai calendar", () => {
  expect(shanghaiYearMonth(new Date("2025-12-31T17:30:00Z"))).toEqual({ year: 2026, month: 1, day: 1 });
  expect(shanghaiYearMonth(new Date("2025-06-30T16:00:00Z"))).toEqual({ year: 2025, month: 7, day: 1 });
  expect(shanghaiYearRange(2026)).toEqual({
    start: new Date("2025-12-31T16:00:00Z"),
    end: new Date("2026-12-31T16:00:00Z"),
  });
});
