// Login throttling in the spirit of OWASP ASVS 2.2 (docs/decisions/0010-login-throttling.md):
// failures count per account AND source — the device (a signed cookie from an earlier successful
// login to this account) or else the client's network — and each source waits longer after
// every failure. An attacker's failures therefore never lock the owner out on another network or
// on a device the owner has logged in from before. Credential stuffing across many accounts is
// stopped by a per-address limit and, under a site-wide wave of failures, by refusing sources
// that are not known devices.
import { createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { createCookie } from "react-router";
import { prisma } from "../db/db.server.ts";
import { getEnv } from "../env.server.ts";

/** Failures a source may make before it has to wait. */
export const FREE_FAILURES = 5;
/** The first wait; it doubles with every further failure, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 60 * 60_000;
/** Failed logins one address may make (over all accounts) in ADDRESS_WINDOW_MS. */
export const ADDRESS_FAILURE_LIMIT = 30;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
/** Site-wide failures per minute above which only known devices may try. */
export const GLOBAL_FAILURES_PER_MINUTE = 300;

export type LoginSource = {
  /** the throttling bucket of this account's attempts */
  key: string;
  /** the client's address, for the per-address limit (null when unknown, e.g. in the CLI) */
  ip: string | null;
  /** a device this account logged in from before */
  knownDevice: boolean;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// ------------------------------------------------------------------ the device cookie

const DEVICE_DAYS = 365;
/** Accounts remembered per device (a shared office computer). */
const DEVICE_ACCOUNTS = 5;

type DeviceValue = { n: string; a: string[] };

export const deviceCookie = createCookie("gz_device", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().NODE_ENV === "production" && getEnv().INSECURE_COOKIES !== "1",
  maxAge: DEVICE_DAYS * 24 * 3600,
  get secrets() {
    return [getEnv().SESSION_SECRET ?? "dev-only-session-secret-change-me"];
  },
});

/** The account as the cookie names it: a hash, so the cookie does not carry the email. */
function accountTag(email: string) {
  return createHash("sha256").update(`device-account:${email}`).digest("base64url").slice(0, 16);
}

async function readDevice(request: Request): Promise<DeviceValue | null> {
  const value = (await deviceCookie.parse(request.headers.get("Cookie"))) as unknown;
  if (!value || typeof value !== "object") return null;
  const { n, a } = value as Partial<DeviceValue>;
  if (typeof n !== "string" || !Array.isArray(a) || !a.every((x) => typeof x === "string")) return null;
  return { n, a };
}

/** The Set-Cookie value that remembers this device for the account that just logged in. */
export async function rememberDevice(request: Request, email: string) {
  const current = await readDevice(request);
  const tag = accountTag(email);
  const accounts = [tag, ...(current?.a ?? []).filter((t) => t !== tag)].slice(0, DEVICE_ACCOUNTS);
  return deviceCookie.serialize({
    n: current?.n ?? randomBytes(12).toString("base64url"),
    a: accounts,
  } satisfies DeviceValue);
}

// ------------------------------------------------------------------ sources

/** The network an address belongs to: IPv4 /24, IPv6 /64 (one household, office or host). */
export function networkOf(ip: string | null): string {
  if (!ip) return "unknown";
  const v4 = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  if (isIP(ip) === 6) {
    const [head = "", tail = ""] = ip.split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${groups
      .slice(0, 4)
      .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
      .join(":")}::/64`;
  }
  return "unknown";
}

/** Where this attempt on `email` comes from. */
export async function loginSource(request: Request, email: string, ip: string | null): Promise<LoginSource> {
  const device = await readDevice(request);
  if (device && device.a.includes(accountTag(email))) return { key: `device:${device.n}`, ip, knownDevice: true };
  return { key: `net:${networkOf(ip)}`, ip, knownDevice: false };
}

/** A signed-in session changing its password is a source of its own. */
export function sessionSource(sessionId: string | null): LoginSource {
  return { key: `session:${sessionId ?? "none"}`, ip: null, knownDevice: true };
}

// ------------------------------------------------------------------ decisions

/** The wait after `failures` consecutive failures of one source. */
export function delayAfter(failures: number) {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

const retry = (ms: number): ThrottleDecision => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
});

/** May this source try a password for `email` now? Checked before the password is. */
export async function checkLoginThrottle(
  email: string,
  source: LoginSource,
  now = new Date(),
): Promise<ThrottleDecision> {
  if (!source.knownDevice) {
    if (source.ip) {
      const since = new Date(now.getTime() - ADDRESS_WINDOW_MS);
      const fromAddress = await prisma.loginAttempt.findMany({
        where: { ip: source.ip, success: false, createdAt: { gte: since } },
        select: { createdAt: true },
        orderBy: { createdAt: "asc" },
        take: ADDRESS_FAILURE_LIMIT,
      });
      if (fromAddress.length >= ADDRESS_FAILURE_LIMIT) {
        return retry(fromAddress[0]!.createdAt.getTime() + ADDRESS_WINDOW_MS - now.getTime());
      }
    }
    const lastMinute = await prisma.loginAttempt.count({
      where: { success: false, createdAt: { gte: new Date(now.getTime() - 60_000) } },
    });
    if (lastMinute >= GLOBAL_FAILURES_PER_MINUTE) return retry(60_000);
  }
  // this source's failures since its last success on the account (or a password reset)
  const since = new Date(now.getTime() - FAILURE_MEMORY_MS);
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: since }, OR: [{ source: source.key }, { source: null }] },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const failures = await prisma.loginAttempt.findMany({
    where: { email, source: source.key, success: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    take: 64,
  });
  const wait = delayAfter(failures.length);
  if (wait === 0) return { allowed: true };
  const readyAt = failures[0]!.createdAt.getTime() + wait;
  return readyAt > now.getTime() ? retry(readyAt - now.getTime()) : { allowed: true };
}

export async function recordLoginAttempt(email: string, success: boolean, source: LoginSource | null) {
  await prisma.loginAttempt.create({
    data: { email, success, ip: source?.ip?.slice(0, 64) ?? null, source: source?.key.slice(0, 120) ?? null },
  });
}
