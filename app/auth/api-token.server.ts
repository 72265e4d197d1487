import { hash, randomBytes } from "node:crypto";
import { prisma } from "../db/db.server.ts";
import type { SessionUser } from "./session.server.ts";

export function hashToken(token: string) {
  // the one-shot digest: no Hash object per call (every bid and API call hashes its token)
  return hash("sha256", token, "hex");
}

/** Creates a token for the user; the plain token is returned once and only its hash is kept. */
export async function createApiToken(userId: string, name: string) {
  const token = `gztm_${randomBytes(24).toString("base64url")}`;
  const record = await prisma.apiToken.create({
    data: { userId, name: name.slice(0, 100), tokenHash: hashToken(token), prefix: token.slice(0, 9) },
  });
  return { token, record };
}

type TokenRow = {
  tokenId: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  id: string;
  email: string;
  name: string;
  role: SessionUser["role"];
  locale: string;
  localeChosen: boolean;
  organizationId: string | null;
  orgName: string | null;
  orgKind: string | null;
  orgRegionCode: string | null;
  orgVerifiedAt: Date | null;
};

/**
 * The user of a bearer token (the same fields as `userSelect`). Every API call asks this, so it is
 * one joined query: Prisma's nested select would be three queries plus its query compilation,
 * the largest cost of a small API call (docs/decisions/0029-hot-api-path.md).
 */
export async function userForToken(token: string): Promise<SessionUser | null> {
  const [row] = await prisma.$queryRaw<TokenRow[]>`
    SELECT t.id AS "tokenId", t."revokedAt", t."lastUsedAt", u.id, u.email, u.name, u.role::text AS role,
           u.locale, u."localeChosen", u."organizationId", o.name AS "orgName", o.kind::text AS "orgKind",
           o."regionCode" AS "orgRegionCode", o."verifiedAt" AS "orgVerifiedAt"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" LEFT JOIN "Organization" o ON o.id = u."organizationId"
    WHERE t."tokenHash" = ${hashToken(token)}`;
  if (!row || row.revokedAt) return null;
  // Writing on every request would make reads cost a write; a minute's precision is enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.localeChosen ? row.locale : null,
    organizationId: row.organizationId,
    organization:
      row.organizationId && row.orgName !== null
        ? {
            id: row.organizationId,
            name: row.orgName,
            kind: row.orgKind!,
            regionCode: row.orgRegionCode!,
            verifiedAt: row.orgVerifiedAt,
          }
        : null,
  };
}
