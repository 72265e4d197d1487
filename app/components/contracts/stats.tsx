// The statistics pieces shared by the bureau dashboard and the public market-statistics page: a
// breakdown table (the text alternative of every chart, each figure a link when `href` is given),
// charts drawn with recharts in the browser only, figure cards and the target progress bar.
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { inParens } from "../../i18n/i18n.ts";
import { useNavigate } from "react-router";
import { Link } from "../link.tsx";
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
import { formatFen } from "../../domain/money.ts";
import { formatCount, formatPercent } from "./format.ts";
import { ScrollRegion } from "../scroll-region.tsx";

export type StatRow = {
  key: string;
  label: string;
  count: number;
  contractAmountFen: number;
  techTransactionAmountFen: number;
  targetAmountFen?: number | null;
  progress?: number | null;
  href?: string;
};

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

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

const toWan = (fen: number) => Math.round(fen / 10_000) / 100;

function Figure({ value, href, label }: { value: string; href?: string; label: string }) {
  if (!href) return <>{value}</>;
  return (
    <Link to={href} aria-label={label}>
      {value}
    </Link>
  );
}

export function BreakdownTable({
  id,
  caption,
  rows,
  totals,
  totalHref,
  showTargets,
}: {
  id: string;
  caption: string;
  rows: StatRow[];
  totals: { count: number; contractAmountFen: number; techTransactionAmountFen: number };
  totalHref?: string;
  showTargets?: boolean;
}) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const view = (what: string) => t("bureau:viewContracts", { what });
  return (
    <ScrollRegion label={caption}>
      <table id={id} className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="p-2">
              {t("bureau:colKey")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("bureau:colCount")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("bureau:colAmount")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("bureau:colTech")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("bureau:colShare")}
            </th>
            {showTargets ? (
              <th scope="col" className="p-2 text-right">
                {t("bureau:colTarget")}
              </th>
            ) : null}
            {showTargets ? (
              <th scope="col" className="p-2 text-right">
                {t("bureau:colProgress")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                {r.label}
              </th>
              <td className="p-2 text-right tabular-nums">
                <Figure value={formatCount(r.count, lang)} href={r.href} label={`${r.label}：${view(r.label)}`} />
              </td>
              <td className="p-2 text-right tabular-nums whitespace-nowrap">
                <Figure
                  value={formatFen(r.contractAmountFen, lang)}
                  href={r.href}
                  label={`${r.label} ${t("bureau:colAmount")} ${formatFen(r.contractAmountFen, lang)}：${view(r.label)}`}
                />
              </td>
              <td className="p-2 text-right tabular-nums whitespace-nowrap">
                <Figure
                  value={formatFen(r.techTransactionAmountFen, lang)}
                  href={r.href}
                  label={`${r.label} ${t("bureau:colTech")} ${formatFen(r.techTransactionAmountFen, lang)}：${view(r.label)}`}
                />
              </td>
              <td className="p-2 text-right tabular-nums">
                {formatPercent(totals.contractAmountFen ? r.contractAmountFen / totals.contractAmountFen : null, lang)}
              </td>
              {showTargets ? (
                <td className="p-2 text-right tabular-nums whitespace-nowrap">
                  {r.targetAmountFen ? formatFen(r.targetAmountFen, lang) : "—"}
                </td>
              ) : null}
              {showTargets ? (
                <td className="p-2 text-right tabular-nums">{formatPercent(r.progress ?? null, lang)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-400 font-semibold">
            <th scope="row" className="p-2 text-left">
              {t("bureau:totalRow")}
            </th>
            <td className="p-2 text-right tabular-nums">
              <Figure value={formatCount(totals.count, lang)} href={totalHref} label={view(t("bureau:totalRow"))} />
            </td>
            <td className="p-2 text-right tabular-nums whitespace-nowrap">
              {formatFen(totals.contractAmountFen, lang)}
            </td>
            <td className="p-2 text-right tabular-nums whitespace-nowrap">
              {formatFen(totals.techTransactionAmountFen, lang)}
            </td>
            <td className="p-2 text-right tabular-nums">{totals.count ? formatPercent(1, lang) : "—"}</td>
            {showTargets ? <td className="p-2" /> : null}
            {showTargets ? <td className="p-2" /> : null}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

/**
 * A chart of a breakdown. The chart is a picture for sighted users (role="img" with a label that
 * points to the table); the table next to it carries the same figures and the links.
 */
export function BreakdownChart({
  rows,
  kind,
  title,
  tableId,
}: {
  rows: StatRow[];
  kind: "bar" | "hbar" | "pie" | "month";
  title: string;
  tableId: string;
}) {
  const { t, i18n } = useTranslation("contracts");
  const lang = i18n.language;
  const mounted = useMounted();
  const navigate = useNavigate();
  const data = rows.map((r) => ({ ...r, wan: toWan(r.contractAmountFen), techWan: toWan(r.techTransactionAmountFen) }));
  const go = (index: number) => {
    const href = rows[index]?.href;
    if (href) navigate(href);
  };
  const height = kind === "hbar" ? Math.max(220, rows.length * 28 + 40) : 260;
  const amountName = `${t("bureau:colAmount")}${inParens(t("common.unitWan"), i18n.language)}`;
  const techName = `${t("bureau:colTech")}${inParens(t("common.unitWan"), i18n.language)}`;
  const tooltip = (
    <Tooltip
      formatter={(value, name) => [
        typeof value === "number" ? formatFen(Math.round(value * 1_000_000), lang) : String(value),
        String(name),
      ]}
    />
  );
  let chart: ReactNode = null;
  if (mounted && rows.length) {
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
          <Tooltip
            formatter={(value, name) =>
              name === t("bureau:colCount")
                ? [String(value), String(name)]
                : [
                    typeof value === "number" ? formatFen(Math.round(value * 1_000_000), lang) : String(value),
                    String(name),
                  ]
            }
          />
          <Legend />
          <Bar
            yAxisId="amount"
            dataKey="wan"
            name={amountName}
            fill={CHART_COLOURS[0]}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          />
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
          <Bar
            dataKey="wan"
            name={amountName}
            fill={CHART_COLOURS[0]}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          />
          <Bar
            dataKey="techWan"
            name={techName}
            fill={CHART_COLOURS[2]}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          />
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
          <Bar
            dataKey="wan"
            name={amountName}
            fill={CHART_COLOURS[0]}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          />
          <Bar
            dataKey="techWan"
            name={techName}
            fill={CHART_COLOURS[2]}
            onClick={(_, index) => go(index)}
            cursor={rows[0]?.href ? "pointer" : undefined}
            isAnimationActive={false}
          />
        </BarChart>
      );
    }
  }
  return (
    <div
      role="img"
      aria-label={t("bureau:chartOf", { title })}
      aria-describedby={tableId}
      style={{ height }}
      className="w-full"
    >
      {chart ? (
        <ResponsiveContainer width="100%" height="100%">
          {chart as React.ReactElement}
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

export function FigureCard({
  label,
  value,
  sub,
  href,
  linkLabel,
  testId,
  raw,
}: {
  label: string;
  value: string;
  sub?: ReactNode;
  href?: string;
  linkLabel?: string;
  testId?: string;
  /** the exact figure (count or fen), for tests and scripts reading the page */
  raw?: number;
}) {
  return (
    <div className="card" data-testid={testId} data-value={raw}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900">
        {href ? (
          <Link
            to={href}
            aria-label={linkLabel ? `${label} ${value}：${linkLabel}` : undefined}
            className="text-slate-900"
          >
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
      {sub ? <div className="mt-1 text-sm text-slate-700">{sub}</div> : null}
    </div>
  );
}

/** The target progress as a bar with its value in text (role="progressbar", capped at 100% width). */
export function ProgressBar({ ratio, label }: { ratio: number | null; label: string }) {
  const { t, i18n } = useTranslation("contracts");
  const pct = ratio === null ? 0 : Math.max(0, ratio);
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct * 1000) / 10}
        aria-valuetext={t("bureau:progressValue", { pct: formatPercent(ratio, i18n.language) })}
        className="h-4 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${pct >= 1 ? "bg-green-700" : "bg-brand-700"}`}
          style={{ width: `${Math.min(100, pct * 100)}%` }}
        />
      </div>
      <p className="mt-1 text-sm font-medium">
        {t("bureau:progressValue", { pct: formatPercent(ratio, i18n.language) })}
      </p>
    </div>
  );
}
