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
