// TRUST_PROXY: which reverse proxies' X-Forwarded-For/-Proto/-Host Express believes (the client
// address for rate limits and login throttling, https for cookies). Express's semantics:
// "false" (default: trust nobody), "true" (trust every hop: only when the app is reachable through
// the proxy alone), a hop count, or a comma list of addresses, subnets and the names loopback,
// linklocal, uniquelocal.
import { isIP } from "node:net";

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

export type TrustProxy = boolean | number | string[];

function isSubnet(value: string) {
  const [address = "", bits, ...rest] = value.split("/");
  if (rest.length) return false;
  const version = isIP(address);
  if (!version) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/** The parsed setting, or an error message naming what is wrong. */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { error: string } {
  const v = (raw ?? "").trim();
  if (v === "" || v === "false" || v === "0") return { value: false };
  if (v === "true") return { value: true };
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? { value: Number(v) } : { error: "a hop count is at most 10" };
  const items = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !NAMES.has(s) && !isSubnet(s));
  if (bad.length || !items.length) {
    return { error: `not an address, subnet or loopback/linklocal/uniquelocal: ${bad.join(", ") || v}` };
  }
  return { value: items };
}
