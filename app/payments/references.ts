// Payment reference codes a person types into a bank transfer's memo (附言) and staff type back
// when they match a bank statement: short, upper case, no look-alike characters (0/O, 1/I/L, U),
// grouped by four. Random, not derived from ids, so a reference reveals nothing; the column that
// stores it is unique, so a reference is unique per purpose (a collision — 1 in 6.5·10¹¹ — fails
// the insert, and the caller draws again).
import { randomInt } from "node:crypto";
import type { PaymentPurpose } from "./adapter.ts";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX: Record<PaymentPurpose, string> = { deposit: "BZJ", contract_payment: "HT" };

export function newPaymentReference(purpose: PaymentPurpose) {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${PREFIX[purpose]}-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The form staff may type it in: lower case, spaces, no dashes, a full-width dash. */
export function normalizeReference(input: string) {
  const compact = input.toUpperCase().replace(/[\s\-－—_]/g, "");
  const match = /^(BZJ|HT)([0-9A-Z]{8})$/.exec(compact);
  return match ? `${match[1]}-${match[2]!.slice(0, 4)}-${match[2]!.slice(4)}` : input.trim();
}
