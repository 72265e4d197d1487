// Listing lists for the API and the pages: who may see which statuses (the scope), then the
// search engine (search/index.server.ts) for the ids in order, then the rows.
import { ApiError, errors } from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { prisma } from "../db/db.server.ts";
import type { ListingStatus } from "../domain/catalog.ts";
import { searchListings, type SearchResponse } from "../../search/index.server.ts";
import type { ListingQuery } from "./query.ts";
import { needInclude, resultInclude } from "./serialize.server.ts";
import type { Actor, ListingKind } from "./workflow.server.ts";

export type Scope = { statuses: ListingStatus[]; organizationId?: string };

/**
 * Published only, unless the caller owns (`mine=1`, or `status=` for their organization's
 * listings) or reviews (bureau/admin may ask for any status across organizations).
 */
export function listScope(viewer: Actor | null, query: Pick<ListingQuery, "mine" | "status" | "organizationId">): Scope {
  const asked = query.status;
  const onlyPublished = asked.length === 0 || asked.every((s) => s === "published");
  const reviewer = can(viewer, "read:listing:any");

  if (query.mine) {
    if (!viewer) throw errors.unauthorized();
    if (!viewer.organizationId) {
      throw errors.forbidden("您的账户尚未关联机构 / Your account belongs to no organization");
    }
    if (query.organizationId && query.organizationId !== viewer.organizationId) {
      throw new ApiError(400, "invalid_input", "mine=1 与 organizationId 冲突 / mine=1 conflicts with organizationId", {
        organizationId: "mine=1 时只能是本机构 / must be your own organization with mine=1",
      });
    }
    return {
      statuses: asked.length ? asked : ["draft", "pending_review", "published", "rejected", "withdrawn"],
      organizationId: viewer.organizationId,
    };
  }
  if (onlyPublished) return { statuses: ["published"], organizationId: query.organizationId };
  if (reviewer) return { statuses: asked, organizationId: query.organizationId };
  if (!viewer) throw errors.unauthorized();
  if (!viewer.organizationId || (query.organizationId && query.organizationId !== viewer.organizationId)) {
    throw errors.forbidden("只能查看本机构未发布的条目 / You can only list unpublished listings of your own organization");
  }
  return { statuses: asked, organizationId: viewer.organizationId };
}

export async function searchScoped(kind: ListingKind, query: ListingQuery, scope: Scope, opts: { facets?: boolean } = {}) {
  const res: SearchResponse = await searchListings({
    kind,
    q: query.q || undefined,
    filters: {
      field: query.field.length ? query.field : undefined,
      maturity: kind === "result" && query.maturity.length ? query.maturity : undefined,
      regionCode: query.regionCode.length ? query.regionCode : undefined,
      transferMode: query.transferMode.length ? query.transferMode : undefined,
      orgKind: query.orgKind.length ? query.orgKind : undefined,
      priceMinFen: query.priceMinFen,
      priceMaxFen: query.priceMaxFen,
      organizationId: scope.organizationId,
    },
    statuses: scope.statuses,
    sort: query.sort,
    page: query.page,
    pageSize: query.pageSize,
    facets: opts.facets,
  });
  return res;
}

function inOrder<T extends { id: string }>(ids: string[], rows: T[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => !!r);
}

export async function listResults(query: ListingQuery, scope: Scope, opts: { facets?: boolean } = {}) {
  const res = await searchScoped("result", query, scope, opts);
  const rows = res.ids.length
    ? await prisma.result.findMany({ where: { id: { in: res.ids }, status: { in: scope.statuses } }, include: resultInclude })
    : [];
  return { rows: inOrder(res.ids, rows), total: res.total, highlights: res.highlights, facets: res.facets, tookMs: res.tookMs };
}

export async function listNeeds(query: ListingQuery, scope: Scope, opts: { facets?: boolean } = {}) {
  const res = await searchScoped("need", query, scope, opts);
  const rows = res.ids.length ? await prisma.need.findMany({ where: { id: { in: res.ids }, status: { in: scope.statuses } }, include: needInclude }) : [];
  return { rows: inOrder(res.ids, rows), total: res.total, highlights: res.highlights, facets: res.facets, tookMs: res.tookMs };
}
