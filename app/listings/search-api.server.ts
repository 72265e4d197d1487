// Listing search and matchmaking API handlers (the route files in app/routes are one line each):
//   GET /api/v1/needs/:id/matches?limit=10    → {"items":[{"result":Result,"score":number,"reasons":[string]}]}
//   GET /api/v1/results/:id/matches?limit=10  → {"items":[{"need":Need,"score":number,"reasons":[string]}]}
//   GET /api/v1/search/suggest?q=&limit=8     → {"items":[{"text","kind","id"?}]}
import { apiJson, errors, handleApi, optionalApiUser } from "../api/api.server.ts";
import { prisma } from "../db/db.server.ts";
import { getNeedFor } from "./needs.server.ts";
import { getResultFor } from "./results.server.ts";
import {
  needInclude,
  needJson,
  resultInclude,
  resultJson,
  type NeedJson,
  type ResultJson,
} from "./serialize.server.ts";
import { suggest } from "../../search/index.server.ts";
import { findMatchesBounded as findMatches, type ListingKind } from "../../search/matching.server.ts";

type Args = { request: Request; params: Record<string, string | undefined> };

/** An optional integer query parameter within bounds; a 400 naming the parameter otherwise. */
export function intParam(
  url: URL,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
) {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw errors.invalid(
      `查询参数无效：${name} — 须为 ${min}–${max} 的整数 / must be an integer from ${min} to ${max}`,
      {
        [name]: `须为 ${min}–${max} 的整数 / must be an integer from ${min} to ${max}`,
      },
    );
  }
  return Number(raw);
}

export type ResultMatchItem = { result: ResultJson; score: number; reasons: string[] };
export type NeedMatchItem = { need: NeedJson; score: number; reasons: string[] };

/** Matches of a listing with the matched listings loaded and serialised (published only, in order). */
export async function matchItemsForNeed(needId: string, limit = 10): Promise<ResultMatchItem[]> {
  const matches = await findMatches("need", needId, { limit });
  if (!matches.length) return [];
  const rows = await prisma.result.findMany({
    where: { id: { in: matches.map((m) => m.id) }, status: "published" },
    include: resultInclude,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const row = byId.get(m.id);
    return row ? [{ result: resultJson(row), score: m.score, reasons: m.reasons }] : [];
  });
}

export async function matchItemsForResult(resultId: string, limit = 10): Promise<NeedMatchItem[]> {
  const matches = await findMatches("result", resultId, { limit });
  if (!matches.length) return [];
  const rows = await prisma.need.findMany({
    where: { id: { in: matches.map((m) => m.id) }, status: "published" },
    include: needInclude,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const row = byId.get(m.id);
    return row ? [{ need: needJson(row), score: m.score, reasons: m.reasons }] : [];
  });
}

/** GET /api/v1/{needs|results}/:id/matches — the source listing must be visible to the caller. */
export function matchesLoader(kind: ListingKind) {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      const url = new URL(request.url);
      const limit = intParam(url, "limit", { min: 1, max: 50, fallback: 10 });
      const viewer = await optionalApiUser(request);
      const id = params.id ?? "";
      if (kind === "need") {
        await getNeedFor(viewer, id);
        return apiJson({ items: await matchItemsForNeed(id, limit) });
      }
      await getResultFor(viewer, id);
      return apiJson({ items: await matchItemsForResult(id, limit) });
    });
}

export const SUGGEST_MAX_LENGTH = 100;

/** GET /api/v1/search/suggest?q=&limit= */
export function suggestLoader() {
  return ({ request }: Args) =>
    handleApi(async () => {
      const url = new URL(request.url);
      const limit = intParam(url, "limit", { min: 1, max: 20, fallback: 8 });
      const q = url.searchParams.get("q") ?? "";
      if (q.length > SUGGEST_MAX_LENGTH) {
        throw errors.invalid(
          `查询参数无效：q — 最多 ${SUGGEST_MAX_LENGTH} 个字符 / at most ${SUGGEST_MAX_LENGTH} characters`,
          {
            q: `最多 ${SUGGEST_MAX_LENGTH} 个字符 / at most ${SUGGEST_MAX_LENGTH} characters`,
          },
        );
      }
      const items = q.trim() ? await suggest(q, limit) : [];
      return apiJson({ items }, { headers: { "Cache-Control": "public, max-age=30" } });
    });
}
