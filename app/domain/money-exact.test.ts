import { expect, test } from "vitest";
import { formatFenExact } from "./money.ts";

test("documents of record show the exact amount, never 万元 / M", () => {
  expect(formatFenExact(100_000_000, "en")).toBe("¥1,000,000.00");
  expect(formatFenExact(123_456_789, "zh-CN")).toBe("1,234,567.89 元");
  expect(formatFenExact(5n, "zh-CN")).toBe("0.05 元");
  // beyond Number's exact range, still exact
  expect(formatFenExact(900_719_925_474_099_312n, "en")).toBe("¥9,007,199,254,740,993.12");
});
