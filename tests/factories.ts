// Small helpers for tests that need rows: real rows through Prisma, real API tokens. Additive:
// other features may add their own helpers below.
import { randomInt } from "node:crypto";
import { createApiToken } from "../app/auth/api-token.server.ts";
import { prisma } from "../app/db/db.server.ts";
import type { OrgKind, Role } from "../app/domain/catalog.ts";
import type { Organization } from "../app/generated/prisma/client.ts";
import { makeCreditCode } from "../app/domain/credit-code.ts";
import { checkDocumentedResponse } from "./api-contract.ts";

let serial = 0;

/** A valid, unique 统一社会信用代码. */
export function uniqueCreditCode(region = "360702") {
  serial += 1;
  const body = String(randomInt(0, 1_000_000)).padStart(6, "0") + String(serial % 100).padStart(2, "0");
  return makeCreditCode("91", region, body);
}

export async function makeOrg(
  opts: { name?: string; kind?: OrgKind; regionCode?: string; verified?: boolean; zone?: string | null } = {},
) {
  serial += 1;
  const regionCode = opts.regionCode ?? "360702";
  return prisma.organization.create({
    data: {
      name: opts.name ?? `测试机构${serial}`,
      kind: opts.kind ?? "university",
      creditCode: uniqueCreditCode(regionCode),
      regionCode,
      zone: opts.zone ?? null,
      verifiedAt: opts.verified === false ? null : new Date(),
    },
  });
}

export async function makeUser(role: Role, organizationId: string | null = null) {
  serial += 1;
  return prisma.user.create({
    data: {
      email: `${role}${serial}-${randomInt(0, 1e9)}@test.local`,
      name: `${role} ${serial}`,
      role,
      organizationId,
    },
  });
}

/** A user with an API token; researcher/company/broker users get an organization of their own. */
export async function makeCaller(
  role: Role,
  opts: { org?: Organization | null; verified?: boolean; orgKind?: OrgKind } = {},
) {
  let org: Organization | null | undefined = opts.org;
  if (org === undefined) {
    org = ["researcher", "company", "broker"].includes(role)
      ? await makeOrg({
          verified: opts.verified ?? true,
          kind: opts.orgKind ?? (role === "company" ? "enterprise" : "university"),
        })
      : null;
  }
  const user = await makeUser(role, org?.id ?? null);
  const { token } = await createApiToken(user.id, "test");
  return { user, token, org, auth: { Authorization: `Bearer ${token}` } };
}

/** A Request for calling a route's loader/action directly. */
export function apiRequest(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["Content-Type"] ??= "application/json";
  return new Request(`http://localhost${path}`, { method, headers, body });
}

type Handler = (args: { request: Request; params: Record<string, string | undefined>; context: unknown }) => unknown;

/**
 * Calls a loader or action and returns status and parsed JSON body. An /api/v1 response is checked
 * against the OpenAPI document (tests/api-contract.ts): undocumented routes, statuses and shapes fail.
 */
export async function call(handler: Handler, request: Request, params: Record<string, string> = {}) {
  const response = (await handler({ request, params, context: {} })) as Response;
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body: any =
    text && /json/.test(response.headers.get("Content-Type") ?? "json") ? JSON.parse(text) : text || null;
  checkDocumentedResponse(request, response.status, body);
  return { status: response.status, body };
}

/** A published result with the fewest fields a result has, for tests about listing and searching it. */
export function publishedResult(
  organizationId: string,
  title: string,
  more: { summary?: string; contactPhone?: string } = {},
) {
  return prisma.result.create({
    data: {
      organizationId,
      title,
      summary: more.summary ?? "x",
      keywords: [],
      field: "other",
      maturity: "lab",
      transferModes: [],
      status: "published",
      publishedAt: new Date(),
      ...(more.contactPhone === undefined ? {} : { contactPhone: more.contactPhone }),
    },
  });
}
