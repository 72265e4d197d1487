// A chart's tooltip names the exact amount of its row (to the fen), in the reader's language,
// not the rounded 万元 the bar is drawn with.
import { expect, test } from "vitest";
import { exactTooltipAmount } from "../../app/components/contracts/chart-tooltip.ts";

// ¥1,037,760,001.23: drawn as 103,776.00 万元, shown rounded as "10.38亿元" / "¥1,037.76M"
const row = { key: "tech_transfer", label: "技术转让", count: 3, contractAmountFen: 103_776_000_123 };
const techRow = { ...row, techTransactionAmountFen: 98_765_432_101 };

test("a bar's tooltip shows its row's exact contract amount in Chinese and English", () => {
  expect(exactTooltipAmount({ dataKey: "wan", payload: { ...techRow, wan: 103776 } }, "zh-CN")).toBe(
    "1,037,760,001.23 元",
  );
  expect(exactTooltipAmount({ dataKey: "wan", payload: { ...techRow, wan: 103776 } }, "en")).toBe("¥1,037,760,001.23");
});

test("the technology-transaction bar shows the exact technology amount", () => {
  expect(exactTooltipAmount({ dataKey: "techWan", payload: techRow }, "en")).toBe("¥987,654,321.01");
});

test("a pie sector (its row spread with the cell's colours) shows the exact amount", () => {
  const sector = { dataKey: "wan", payload: { ...techRow, fill: "#174c99", stroke: "#fff" } };
  expect(exactTooltipAmount(sector, "zh-CN")).toBe("1,037,760,001.23 元");
});

test("a line that is not an amount (the monthly count) keeps its own value", () => {
  expect(exactTooltipAmount({ dataKey: "count", payload: techRow }, "zh-CN")).toBeNull();
  expect(exactTooltipAmount(undefined, "en")).toBeNull();
});
