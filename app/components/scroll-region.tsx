// A wide table's frame on narrow screens: the table scrolls sideways inside it instead of
// widening the page. It is a named, focusable region so keyboard users can scroll it too
// (axe's scrollable-region-focusable rule; `relative` keeps visually hidden labels inside it; docs/decisions/0025-review-queue-and-phones.md).
import type { ReactNode } from "react";

export function ScrollRegion({
  label,
  children,
  className = "",
}: {
  /** what the table shows, in the reader's language (the region's accessible name) */
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative max-w-full overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}

/** A table's header row: one column header per entry (null leaves the column out), spaced alike. */
export function ColumnHeads({ columns }: { columns: ReadonlyArray<ReactNode | null> }) {
  const shown = columns.filter((c) => c !== null);
  return (
    <thead>
      <tr className="border-b border-slate-200 text-slate-600">
        {shown.map((c, i) => (
          <th key={i} scope="col" className={i < shown.length - 1 ? "py-2 pr-3" : "py-2"}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A figures-table column: plain, or `numeric` (right-aligned over its figures). */
export type FigureColumn = ReactNode | { label: ReactNode; numeric: true };

/**
 * The header row of the shaded figures tables (contracts, statistics, targets, sub-centres,
 * offers): one column header per entry, null leaves the column out.
 */
export function FigureHeads({
  columns,
  nowrap = false,
}: {
  columns: ReadonlyArray<FigureColumn | null>;
  nowrap?: boolean;
}) {
  return (
    <thead className={nowrap ? "bg-slate-100 text-left whitespace-nowrap" : "bg-slate-100 text-left"}>
      <tr>
        {columns
          .filter((c) => c !== null)
          .map((c, i) =>
            isNumeric(c) ? (
              <th key={i} scope="col" className="p-2 text-right">
                {c.label}
              </th>
            ) : (
              <th key={i} scope="col" className="p-2">
                {c}
              </th>
            ),
          )}
      </tr>
    </thead>
  );
}

function isNumeric(c: FigureColumn): c is { label: ReactNode; numeric: true } {
  return typeof c === "object" && c !== null && "numeric" in c;
}
