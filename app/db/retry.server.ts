// Bounded retries of a whole transaction on PostgreSQL's "try again" errors: 40001 (serialization
// failure) and 40P01 (deadlock detected), and on Prisma's P2028 (not started in time, or timed out).
// The loser is rolled back entirely, so running the same work again is safe; the hot transactions (registration, amendment, cancellation, listing
// review) also take their locks in one order, so a retry is the rare exception.
import { setTimeout as sleep } from "node:timers/promises";

const RETRYABLE = new Set(["40001", "40P01"]);
const MESSAGE = /deadlock detected|could not serialize access|40P01|40001/i;

/** True for a deadlock or serialization failure, however Prisma or the driver wrapped it. */
export function isRetryableTransactionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as {
    code?: unknown;
    meta?: { code?: unknown; message?: unknown };
    cause?: unknown;
    message?: unknown;
    originalCode?: unknown;
  };
  if (typeof e.code === "string" && (RETRYABLE.has(e.code) || e.code === "P2034")) return true;
  // P2028: the interactive transaction could not start within maxWait (every pooled connection
  // busy under a burst) or ran past its timeout; Prisma rolled it back whole, so running it again
  // is as safe as after a deadlock
  if (e.code === "P2028") return true;
  if (typeof e.originalCode === "string" && RETRYABLE.has(e.originalCode)) return true;
  if (e.meta && typeof e.meta.code === "string" && RETRYABLE.has(e.meta.code)) return true;
  if (typeof e.message === "string" && MESSAGE.test(e.message)) return true;
  if (e.meta && typeof e.meta.message === "string" && MESSAGE.test(e.meta.message)) return true;
  return isRetryableTransactionError(e.cause, depth + 1);
}

export const TRANSACTION_ATTEMPTS = 5;

/** Runs `fn` (a whole transaction) again on a deadlock or serialization failure, up to `attempts` times. */
export async function withTransactionRetry<T>(fn: () => Promise<T>, attempts = TRANSACTION_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      // a short random pause so the two losers do not collide again in step
      await sleep(10 * attempt + Math.floor(Math.random() * 20 * attempt));
    }
  }
}
