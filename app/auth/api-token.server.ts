import { createHash, randomBytes } from "node:crypto";
import { prisma } from "../db/db.server.ts";
import { userSelect, type SessionUser } from "./session.server.ts";

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token for the user; the plain token is returned once and only its hash is kept. */
export async function createApiToken(userId: string, name: string) {
  const token = `gztm_${randomBytes(24).toString("base64url")}`;
  const record = await prisma.apiToken.create({
    data: { userId, name: name.slice(0, 100), tokenHash: hashToken(token), prefix: token.slice(0, 9) },
  });
  return { token, record };
}

export async function userForToken(token: string): Promise<SessionUser | null> {
  const record = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: userSelect } },
  });
  if (!record || record.revokedAt) return null;
  // Writing on every request would make reads cost a write; a minute's precision is enough.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return record.user as SessionUser;
}
