// The header row every shaded figures table shares (contracts, statistics, targets, sub-centres,
// offers, contract versions and audit trail): a column header per entry in order, figures
// right-aligned over their column, null columns left out.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { FigureHeads } from "../../app/components/scroll-region.tsx";

const heads = (html: string) =>
  [...html.matchAll(/<th scope="col" class="([^"]*)">([^<]*)<\/th>/g)].map((m) => [m[2], m[1]]);

test("one header per column in order, figures right-aligned, null columns left out", () => {
  const html = renderToStaticMarkup(
    createElement(
      "table",
      null,
      createElement(FigureHeads, {
        columns: ["地区", { label: "合同数", numeric: true }, null, { label: "成交额", numeric: true }, "更新于"],
      }),
    ),
  );
  expect(html).toContain('<thead class="bg-slate-100 text-left">');
  expect(heads(html)).toEqual([
    ["地区", "p-2"],
    ["合同数", "p-2 text-right"],
    ["成交额", "p-2 text-right"],
    ["更新于", "p-2"],
  ]);
});

test("nowrap keeps the headers on one line", () => {
  const html = renderToStaticMarkup(
    createElement("table", null, createElement(FigureHeads, { columns: ["a"], nowrap: true })),
  );
  expect(html).toContain('<thead class="bg-slate-100 text-left whitespace-nowrap">');
});
