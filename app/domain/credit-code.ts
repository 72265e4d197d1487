// 统一社会信用代码 (GB 32100-2015) with the embedded organization code (GB 11714) check.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // 31 characters: no I, O, S, V, Z
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = "length" | "characters" | "organization_code" | "checksum";

function orgCodeValue(ch: string) {
  // GB 11714 body characters are digits or capital letters; letters count from A = 10.
  if (/[0-9]/.test(ch)) return Number(ch);
  return ch.charCodeAt(0) - 55;
}

export function organizationCodeCheck(body8: string): string {
  const sum = [...body8].reduce((s, ch, i) => s + orgCodeValue(ch) * ORG_WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** null when valid, otherwise what is wrong. Input is upper-cased and trimmed first. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return "length";
  if (![...code].every((ch) => ALPHABET.includes(ch))) return "characters";
  const org = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || organizationCodeCheck(org.slice(0, 8)) !== org[8]) {
    return "organization_code";
  }
  if (creditCodeCheck(code.slice(0, 17)) !== code[17]) return "checksum";
  return null;
}

export function isValidCreditCode(raw: string) {
  return creditCodeProblem(raw) === null;
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: "统一社会信用代码应为18位 / The unified social credit code must have 18 characters",
  characters:
    "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）/ Only digits and capital letters except I, O, S, V, Z",
  organization_code:
    "统一社会信用代码中的组织机构代码校验位不正确 / The embedded organization code check digit is wrong",
  checksum: "统一社会信用代码校验位不正确 / The check character is wrong",
};

/**
 * Builds a valid code from its parts (used by demo data and tests): registration authority and
 * kind (e.g. "91" company, "12" public institution), six-digit region, an 8-character
 * organization code body.
 */
export function makeCreditCode(prefix2: string, region6: string, orgBody8: string) {
  const org = orgBody8 + organizationCodeCheck(orgBody8);
  const first17 = prefix2 + region6 + org;
  return first17 + creditCodeCheck(first17);
}
