// The statistics pieces (bureau dashboard, public market statistics) name amounts exactly: a link's
// accessible name and the figure itself are to the fen; the rounded 万/亿 (M) figure appears only
// as a secondary label under a headline figure (docs/decisions/0031).
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRoutesStub } from "react-router";
import { expect, test } from "vitest";
import { BreakdownTable, FigureCard } from "../../app/components/contracts/stats.tsx";
import { createI18n } from "../../app/i18n/i18n.ts";

const FEN = 103_776_000_123; // ¥1,037,760,001.23 — "¥1,037.76M" / "10.38亿元" when rounded

function html(lang: "zh-CN" | "en", node: ReactNode) {
  const Stub = createRoutesStub([{ path: "/bureau", Component: () => node }]);
  return renderToString(
    createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(Stub, { initialEntries: ["/bureau"] })),
  );
}

const decode = (s: string) => s.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");
const labels = (s: string) => [...decode(s).matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);

function page(lang: "zh-CN" | "en") {
  return html(
    lang,
    createElement(
      "div",
      null,
      createElement(FigureCard, {
        label: "合同成交额",
        fen: FEN,
        href: "/contracts?year=2026",
        linkLabel: "查看合同",
        testId: "total-amount",
      }),
      createElement(BreakdownTable, {
        id: "t",
        caption: "按类型",
        rows: [
          {
            key: "transfer",
            label: "技术转让",
            count: 3,
            contractAmountFen: FEN,
            techTransactionAmountFen: FEN - 23,
            href: "/contracts?type=transfer",
          },
        ],
        totals: { count: 3, contractAmountFen: FEN, techTransactionAmountFen: FEN - 23 },
        totalHref: "/contracts",
      }),
    ),
  );
}

test("English: names and figures carry the exact amount; ¥1,037.76M only as the secondary label", () => {
  const out = page("en");
  const names = labels(out);
  expect(names.some((n) => n.includes("¥1,037,760,001.23"))).toBe(true);
  expect(names.some((n) => n.includes("¥1,037,760,001.00"))).toBe(true);
  for (const n of names) expect(n).not.toMatch(/\d(\.\d+)?M\b|万|亿/);
  // the secondary label is there, outside every name
  expect(decode(out)).toContain("≈ ¥1,037.76M");
  expect(decode(out)).toMatch(/data-value="103776000123"/);
});

test("Chinese: 元 to the fen in names and figures; 亿元 only as the secondary label", () => {
  const out = page("zh-CN");
  const names = labels(out);
  expect(names.filter((n) => n.includes("1,037,760,001.23 元")).length).toBeGreaterThanOrEqual(2);
  for (const n of names) expect(n).not.toMatch(/万元|亿元/);
  expect(decode(out)).toContain("约 10.38亿元");
  // the table's cells are exact too (the total row included)
  expect(decode(out).match(/1,037,760,001\.23 元/g)!.length).toBeGreaterThanOrEqual(4);
});

test("a small amount has no secondary label (nothing to abbreviate)", () => {
  const out = html("en", createElement(FigureCard, { label: "Paid", fen: 999_999 }));
  expect(decode(out)).toContain("¥9,999.99");
  expect(decode(out)).not.toContain("≈");
});
