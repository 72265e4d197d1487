// The /api/v1/results and /api/v1/needs handlers. Results and needs share one contract, so the
// route files are one line each and call these.
import {
  apiJson,
  errors,
  handleApi,
  optionalApiUser,
  readJson,
  requireApiUser,
  requirePermission,
} from "../api/api.server.ts";
import { can } from "../auth/permissions.ts";
import { requireMethod } from "../api/http.server.ts";
import { textResponse } from "../api/response-text.ts";
import { cached } from "../../search/cache.server.ts";
import { memoryStamp, stillAt } from "../../search/memory-sync.server.ts";
import { deleteListing } from "./delete.server.ts";
import { listItemsJson } from "./list-json.server.ts";
import { listScope, stillListed, type Scope } from "./list.server.ts";
import { createNeed, getNeedFor, reviewNeed, submitNeed, updateNeed, withdrawNeed } from "./needs.server.ts";
import { parseListingQuery, type ListingQuery } from "./query.ts";
import {
  createResult,
  getResultFor,
  reviewResult,
  submitResult,
  updateResult,
  withdrawResult,
} from "./results.server.ts";
import {
  needCreateSchema,
  needUpdateSchema,
  resultCreateSchema,
  resultUpdateSchema,
  reviewSchema,
  withdrawSchema,
} from "./schemas.ts";
import { needJson, resultJson } from "./serialize.server.ts";
import { assertCanCreate, type ListingKind } from "./workflow.server.ts";

type Args = { request: Request; params: Record<string, string | undefined> };

export function invalidQuery(fields: Record<string, string>) {
  const [name, message] = Object.entries(fields)[0]!;
  return errors.invalid(`查询参数无效：${name} — ${message}`, fields);
}

/**
 * GET /api/v1/{results|needs}. The whole response is kept in the search cache
 * (search/cache.server.ts: cleared by NOTIFY whenever a listing, its search document or its
 * organization changes), keyed by the query and the caller's scope — the body depends on nothing
 * else. A cached page is served only once it is known to be current, even in the instant before
 * the notification arrives: a page of published listings when the in-process index, checked
 * after the request arrived, has applied no change since the page was computed (so nothing it
 * shows changed); any other page when its listings still hold the scope's statuses. A withdrawn
 * listing never comes back from the cache (docs/decisions/0026, "Tenth").
 */
export function collectionLoader(kind: ListingKind) {
  return ({ request }: Args) =>
    handleApi(async () => {
      const parsed = parseListingQuery(new URL(request.url).searchParams, "fen");
      if (!parsed.ok) throw invalidQuery(parsed.fields);
      const viewer = await optionalApiUser(request);
      const query = parsed.query;
      const scope = listScope(viewer, query);
      const key = JSON.stringify([
        "api-list",
        kind,
        canonicalQuery(query),
        [...scope.statuses].sort(),
        scope.organizationId ?? null,
      ]);
      // Published listings only: the in-process index's stamp taken before the answer is computed
      // tells whether anything it could show changed since (stillAt); other scopes re-check statuses.
      const stamped = scope.statuses.length === 1 && scope.statuses[0] === "published";
      const { value } = await cached(
        key,
        async () => {
          const stamp = stamped ? memoryStamp() : null;
          return { ...(await listBody(kind, query, scope)), stamp };
        },
        (page) => (page.stamp ? stillAt(page.stamp) : stillListed(kind, page.ids, scope.statuses)),
      );
      return textResponse(value.body, { headers: { "Content-Type": "application/json; charset=utf-8" } });
    });
}

function canonicalQuery(query: ListingQuery) {
  const sorted = (v: string[]) => [...v].sort();
  return {
    ...query,
    field: sorted(query.field),
    maturity: sorted(query.maturity),
    regionCode: sorted(query.regionCode),
    transferMode: sorted(query.transferMode),
    orgKind: sorted(query.orgKind),
    status: sorted(query.status),
  };
}

async function listBody(kind: ListingKind, query: ListingQuery, scope: Scope) {
  const list = await listItemsJson(kind, query, scope);
  // as the UTF-8 bytes the socket is sent (kept so in the cache: see response-text.ts)
  const body = Buffer.from(
    `{"items":[${list.items.join(",")}],` +
      `"total":${list.total},"totalExact":${list.totalExact},"page":${query.page},"pageSize":${query.pageSize}}`,
  );
  return { body, ids: list.ids };
}

/** POST /api/v1/{results|needs} */
export function collectionAction(kind: ListingKind) {
  return ({ request }: Args) =>
    handleApi(async () => {
      requireMethod(request, "POST");
      const user = await requireApiUser(request);
      assertCanCreate(kind, user);
      if (kind === "result") {
        const input = await readJson(request, resultCreateSchema);
        return apiJson(resultJson(await createResult(user, input)), 201);
      }
      const input = await readJson(request, needCreateSchema);
      return apiJson(needJson(await createNeed(user, input)), 201);
    });
}

/** GET /api/v1/{results|needs}/:id */
export function itemLoader(kind: ListingKind) {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      const viewer = await optionalApiUser(request);
      const id = params.id ?? "";
      if (kind === "result") return apiJson(resultJson(await getResultFor(viewer, id)));
      return apiJson(needJson(await getNeedFor(viewer, id)));
    });
}

/** PATCH /api/v1/{results|needs}/:id */
export function itemAction(kind: ListingKind) {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      requireMethod(request, "PATCH", "DELETE");
      const user = await requireApiUser(request);
      const id = params.id ?? "";
      if (request.method.toUpperCase() === "DELETE") {
        await deleteListing(kind, id, user);
        return apiJson({ id, deleted: true });
      }
      if (kind === "result") {
        const input = await readJson(request, resultUpdateSchema);
        return apiJson(resultJson(await updateResult(user, id, input)));
      }
      const input = await readJson(request, needUpdateSchema);
      return apiJson(needJson(await updateNeed(user, id, input)));
    });
}

/** POST /api/v1/{results|needs}/:id/{review|withdraw|submit} */
export function transitionAction(kind: ListingKind, what: "review" | "withdraw" | "submit") {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      requireMethod(request, "POST");
      const user = await requireApiUser(request);
      const id = params.id ?? "";
      if (what === "review") {
        // sub-centre staff may review where the bureau delegated it (checked on the listing)
        if (!can(user, "work:subcentre:own")) requirePermission(user, "review:listing:any");
        const input = await readJson(request, reviewSchema);
        return kind === "result"
          ? apiJson(resultJson(await reviewResult(user, id, input)))
          : apiJson(needJson(await reviewNeed(user, id, input)));
      }
      if (what === "withdraw") {
        const input = await readJson(request, withdrawSchema);
        return kind === "result"
          ? apiJson(resultJson(await withdrawResult(user, id, input.reason)))
          : apiJson(needJson(await withdrawNeed(user, id, input.reason)));
      }
      await readJson(request, withdrawSchema.pick({}));
      return kind === "result"
        ? apiJson(resultJson(await submitResult(user, id)))
        : apiJson(needJson(await submitNeed(user, id)));
    });
}
