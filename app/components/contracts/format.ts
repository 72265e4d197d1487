// Display helpers of the offers, contracts and statistics pages: dates in Asia/Shanghai, the
// bilingual messages of the server ("中文 / English") in the reader's language, money input.
import { MAX_FEN } from "../../domain/money.ts";

export const TIME_ZONE = "Asia/Shanghai";

function toDate(value: Date | string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // "YYYY-MM-DD" is a calendar day (how @db.Date columns travel): keep it as it is written.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00+08:00`);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-03-05 (calendar day in Shanghai). */
export function formatDay(value: Date | string | null | undefined): string {
  const d = toDate(value);
  if (!d) return "";
  // en-CA formats as YYYY-MM-DD in every runtime.
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** A calendar date stored as UTC midnight (@db.Date): its own day, whatever the time zone. */
export function formatDateOnly(value: Date | string | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string") return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
}

/** 2026-03-05 14:20 (Shanghai). */
export function formatDateTime(value: Date | string | null | undefined): string {
  const d = toDate(value);
  if (!d) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** 2026年3月5日 / March 5, 2026 — for the certificate. */
export function formatLongDay(value: Date | string | null | undefined, locale: string): string {
  const d = toDate(value);
  if (!d) return "";
  return new Intl.DateTimeFormat(locale.startsWith("en") ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(d);
}

/** The server's messages are "中文 / English": show the reader's half. */
export function pickMessage(message: string | null | undefined, locale: string): string {
  if (!message) return "";
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return locale.startsWith("en") ? message.slice(at + 3) : message.slice(0, at);
}

export function formatPercent(ratio: number | null | undefined, locale: string, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return new Intl.NumberFormat(locale.startsWith("en") ? "en" : "zh-CN", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "auto",
  }).format(ratio);
}

export function formatCount(n: number, locale: string) {
  return new Intl.NumberFormat(locale.startsWith("en") ? "en" : "zh-CN").format(n);
}

// ——— money typed by people: 元 or 万元, converted to integer fen without floating point ———

export const MONEY_UNITS = ["wan", "yuan"] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];
const UNIT_DECIMALS: Record<MoneyUnit, number> = { yuan: 2, wan: 6 };

export type MoneyParse =
  | { ok: true; fen: number }
  | { ok: false; error: "required" | "format" | "fraction" | "tooLarge" };

/** "12.5" 万元 → 125000000 fen. Commas, spaces and full-width digits are tolerated; units are not. */
export function parseMoneyToFen(raw: string | null | undefined, unit: MoneyUnit): MoneyParse {
  const text = (raw ?? "")
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0E/g, ".")
    .replace(/[,\s，]/g, "");
  if (!text) return { ok: false, error: "required" };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: "format" };
  const decimals = UNIT_DECIMALS[unit];
  const frac = m[2] ?? "";
  if (frac.replace(/0+$/, "").length > decimals) return { ok: false, error: "fraction" };
  const fen = BigInt(m[1]!) * 10n ** BigInt(decimals) + BigInt((frac + "0".repeat(decimals)).slice(0, decimals) || "0");
  if (fen > BigInt(MAX_FEN)) return { ok: false, error: "tooLarge" };
  return { ok: true, fen: Number(fen) };
}

/** 125000000 fen → "12.5" in 万元 / "1250000" in 元, for prefilling inputs. */
export function fenToInput(fen: number | bigint | null | undefined, unit: MoneyUnit): string {
  if (fen === null || fen === undefined) return "";
  const value = BigInt(fen);
  const scale = 10n ** BigInt(UNIT_DECIMALS[unit]);
  const whole = value / scale;
  const frac = (value % scale).toString().padStart(UNIT_DECIMALS[unit], "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}

export function isMoneyUnit(value: unknown): value is MoneyUnit {
  return value === "yuan" || value === "wan";
}
