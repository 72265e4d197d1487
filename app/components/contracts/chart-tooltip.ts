// What a chart's tooltip says for an amount: the row's exact amount to the fen. The bars and
// sectors are drawn in 万元 (rounded to two decimals, enough for their length); the tooltip is
// where a reader looks up the figure itself, so it reads the row's fen, never the drawn value
// (docs/decisions/0031).
import { formatFenExact } from "../../domain/money.ts";

/** The data keys the charts draw amounts under, and the row's fen each stands for. */
const FEN_OF = { wan: "contractAmountFen", techWan: "techTransactionAmountFen" } as const;

type TooltipItem = { dataKey?: unknown; payload?: unknown };

/**
 * The exact amount of a tooltip line (recharts' formatter `item`: its dataKey and its row), or
 * null when the line is not an amount (e.g. the count line of the monthly chart).
 */
export function exactTooltipAmount(item: TooltipItem | undefined, lang: string): string | null {
  const key = item?.dataKey;
  if (typeof key !== "string" || !(key in FEN_OF)) return null;
  const row = item?.payload as Record<string, unknown> | undefined;
  const fen = row?.[FEN_OF[key as keyof typeof FEN_OF]];
  return typeof fen === "number" || typeof fen === "bigint" ? formatFenExact(fen, lang) : null;
}
