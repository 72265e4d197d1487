// The statistics pieces shared by the bureau dashboard and the public market-statistics page: a
// breakdown table (the text alternative of every chart, each figure a link when `href` is given),
// charts drawn with recharts in the browser only (loaded on demand from ./chart-drawing.tsx),
// figure cards and the target progress bar.
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../link.tsx";
import { formatFen, formatFenExact } from "../../domain/money.ts";
import { formatCount, formatPercent } from "./format.ts";
import { FigureHeads, ScrollRegion } from "../scroll-region.tsx";

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
        <FigureHeads
          columns={[
            t("bureau:colKey"),
            { label: t("bureau:colCount"), numeric: true },
            { label: t("bureau:colAmount"), numeric: true },
            { label: t("bureau:colTech"), numeric: true },
            { label: t("bureau:colShare"), numeric: true },
            showTargets ? { label: t("bureau:colTarget"), numeric: true } : null,
            showTargets ? { label: t("bureau:colProgress"), numeric: true } : null,
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                {r.label}
              </th>
              <td className="p-2 text-right tabular-nums">
                <Figure
                  value={formatCount(r.count, lang)}
                  href={r.href}
                  label={`${r.label}${t("listings:list.colon")}${view(r.label)}`}
                />
              </td>
              <td className="p-2 text-right tabular-nums whitespace-nowrap">
                <Figure
                  value={formatFenExact(r.contractAmountFen, lang)}
                  href={r.href}
                  label={`${r.label} ${t("bureau:colAmount")} ${formatFenExact(r.contractAmountFen, lang)}${t("listings:list.colon")}${view(r.label)}`}
                />
              </td>
              <td className="p-2 text-right tabular-nums whitespace-nowrap">
                <Figure
                  value={formatFenExact(r.techTransactionAmountFen, lang)}
                  href={r.href}
                  label={`${r.label} ${t("bureau:colTech")} ${formatFenExact(r.techTransactionAmountFen, lang)}${t("listings:list.colon")}${view(r.label)}`}
                />
              </td>
              <td className="p-2 text-right tabular-nums">
                {formatPercent(totals.contractAmountFen ? r.contractAmountFen / totals.contractAmountFen : null, lang)}
              </td>
              {showTargets ? (
                <td className="p-2 text-right tabular-nums whitespace-nowrap">
                  {r.targetAmountFen ? formatFenExact(r.targetAmountFen, lang) : "—"}
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
              {formatFenExact(totals.contractAmountFen, lang)}
            </td>
            <td className="p-2 text-right tabular-nums whitespace-nowrap">
              {formatFenExact(totals.techTransactionAmountFen, lang)}
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

export type ChartKind = "bar" | "hbar" | "pie" | "month";

// recharts is loaded only where a chart is drawn (decision 0030)
const ChartDrawing = lazy(() => import("./chart-drawing.tsx").then((m) => ({ default: m.ChartDrawing })));

/** true once the element is on screen (or near it); charts further down load when scrolled to */
function useOnScreen(ref: RefObject<HTMLElement | null>) {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === "undefined") return setSeen(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

/**
 * A chart of a breakdown. The chart is a picture for sighted users (role="img" with a label that
 * points to the table); the table next to it carries the same figures and the links. The server
 * renders the box at its final height and the drawing fills it in the browser, so nothing moves.
 */
export function BreakdownChart({
  rows,
  kind,
  title,
  tableId,
}: {
  rows: StatRow[];
  kind: ChartKind;
  title: string;
  tableId: string;
}) {
  const { t } = useTranslation("contracts");
  const box = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(box);
  const height = kind === "hbar" ? Math.max(220, rows.length * 28 + 40) : 260;
  return (
    <div
      ref={box}
      role="img"
      aria-label={t("bureau:chartOf", { title })}
      aria-describedby={tableId}
      style={{ height }}
      className="w-full"
    >
      {onScreen && rows.length ? (
        <Suspense fallback={null}>
          <ChartDrawing rows={rows} kind={kind} />
        </Suspense>
      ) : null}
    </div>
  );
}

/**
 * A headline figure. Money (`fen`) is shown exact — to the fen, in the link's accessible name too —
 * with the rounded 万/亿 (or M) figure only as a smaller secondary label: a rounded amount in a
 * name or a document of record reads as the amount (docs/decisions/0031).
 */
export function FigureCard({
  label,
  value,
  fen,
  sub,
  href,
  linkLabel,
  testId,
  raw,
}: {
  label: string;
  /** the figure as text (counts); money passes `fen` instead */
  value?: string;
  fen?: number | bigint;
  sub?: ReactNode;
  href?: string;
  linkLabel?: string;
  testId?: string;
  /** the exact figure (count or fen), for tests and scripts reading the page */
  raw?: number | bigint;
}) {
  const { t, i18n } = useTranslation();
  const shown = fen === undefined ? (value ?? "") : formatFenExact(fen, i18n.language);
  // the abbreviated figure only where it abbreviates something (from 1万元 / ¥10,000 up)
  const approx = fen !== undefined && (fen >= 1_000_000 || fen <= -1_000_000) ? formatFen(fen, i18n.language) : null;
  const data = raw ?? fen;
  return (
    <div className="card" data-testid={testId} data-value={data === undefined ? undefined : String(data)}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900 [overflow-wrap:anywhere]">
        {href ? (
          <Link
            to={href}
            aria-label={linkLabel ? `${label} ${shown}${t("listings:list.colon")}${linkLabel}` : undefined}
            className="text-slate-900"
          >
            {shown}
          </Link>
        ) : (
          shown
        )}
      </p>
      {approx ? (
        <p className="text-sm text-slate-600" data-testid={testId ? `${testId}-approx` : undefined}>
          {t("bureau:approx", { value: approx })}
        </p>
      ) : null}
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
