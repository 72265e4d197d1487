// The recharts drawing of a breakdown chart, in its own chunk: recharts and d3 (about 140 KB
// compressed) load only on the pages that draw a chart, once the chart is on screen
// (BreakdownChart in ./stats.tsx, decision 0030).
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  ComposedChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  Legend,
} from "recharts";
import { inParens } from "../../i18n/i18n.ts";
import { exactTooltipAmount } from "./chart-tooltip.ts";
import type { ChartKind, StatRow } from "./stats.tsx";

export const CHART_COLOURS = [
  "#174c99",
  "#c2410c",
  "#15803d",
  "#7c3aed",
  "#0f766e",
  "#be123c",
  "#a16207",
  "#475569",
  "#a21caf",
  "#0369a1",
  "#4d7c0f",
  "#9f1239",
];

const toWan = (fen: number) => Math.round(fen / 10_000) / 100;

export function ChartDrawing({ rows, kind }: { rows: StatRow[]; kind: ChartKind }) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const navigate = useNavigate();
  const data = rows.map((r) => ({ ...r, wan: toWan(r.contractAmountFen), techWan: toWan(r.techTransactionAmountFen) }));
  const go = (index: number) => {
    const href = rows[index]?.href;
    if (href) navigate(href);
  };
  const amountName = `${t("bureau:colAmount")}${inParens(t("common.unitWan"), i18n.language)}`;
  const techName = `${t("bureau:colTech")}${inParens(t("common.unitWan"), i18n.language)}`;
  const tooltip = (
    <Tooltip formatter={(value, name, item) => [exactTooltipAmount(item, lang) ?? String(value), String(name)]} />
  );
  // The amount bars (contract amount, and 技术交易额 when asked), each a link to its row's
  // contracts. A function returning <Bar> elements rather than a wrapper component: recharts reads
  // its children's element types, and these stay direct children of the chart.
  const BAR_NAMES = { wan: amountName, techWan: techName } as const;
  const BAR_COLOURS = { wan: CHART_COLOURS[0], techWan: CHART_COLOURS[2] } as const;
  const bars = (...keys: Array<keyof typeof BAR_NAMES>) =>
    keys.map((key) => (
      <Bar
        key={key}
        {...(kind === "month" ? { yAxisId: "amount" } : {})}
        dataKey={key}
        name={BAR_NAMES[key]}
        fill={BAR_COLOURS[key]}
        onClick={(_, index) => go(index)}
        cursor={rows[0]?.href ? "pointer" : undefined}
        isAnimationActive={false}
      />
    ));
  let chart: ReactNode = null;
  if (rows.length) {
    if (kind === "pie") {
      chart = (
        <PieChart accessibilityLayer={false}>
          <Pie
            data={data}
            dataKey="wan"
            nameKey="label"
            outerRadius={95}
            innerRadius={45}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          >
            {data.map((r, i) => (
              <Cell key={r.key} fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
            ))}
          </Pie>
          {tooltip}
          <Legend />
        </PieChart>
      );
    } else if (kind === "month") {
      chart = (
        <ComposedChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#334155" }} />
          <YAxis yAxisId="amount" tick={{ fontSize: 12, fill: "#334155" }} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip formatter={(value, name, item) => [exactTooltipAmount(item, lang) ?? String(value), String(name)]} />
          <Legend />
          {bars("wan")}
          <Line
            yAxisId="count"
            dataKey="count"
            name={t("bureau:colCount")}
            stroke={CHART_COLOURS[1]}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      );
    } else if (kind === "hbar") {
      chart = (
        <BarChart data={data} layout="vertical" margin={{ left: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis type="number" tick={{ fontSize: 12, fill: "#334155" }} />
          <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12, fill: "#334155" }} />
          {tooltip}
          <Legend />
          {bars("wan", "techWan")}
        </BarChart>
      );
    } else {
      chart = (
        <BarChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#334155" }} interval={0} />
          <YAxis tick={{ fontSize: 12, fill: "#334155" }} />
          {tooltip}
          <Legend />
          {bars("wan", "techWan")}
        </BarChart>
      );
    }
  }
  if (!chart) return null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      {chart as React.ReactElement}
    </ResponsiveContainer>
  );
}
