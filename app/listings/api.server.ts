// The /api/v1/results and /api/v1/needs handlers. Results and needs share one contract, so the
// route files are one line each and call these.
import {
  apiJson,
  errors,
  handleApi,
  methodNotAllowed,
  optionalApiUser,
  readJson,
  requireApiUser,
  requirePermission,
} from "../api/api.server.ts";
import { listNeeds, listResults, listScope } from "./list.server.ts";
import { createNeed, getNeedFor, reviewNeed, submitNeed, updateNeed, withdrawNeed } from "./needs.server.ts";
import { parseListingQuery } from "./query.ts";
import { createResult, getResultFor, reviewResult, submitResult, updateResult, withdrawResult } from "./results.server.ts";
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

/** GET /api/v1/{results|needs} */
export function collectionLoader(kind: ListingKind) {
  return ({ request }: Args) =>
    handleApi(async () => {
      const parsed = parseListingQuery(new URL(request.url).searchParams, "fen");
      if (!parsed.ok) throw invalidQuery(parsed.fields);
      const viewer = await optionalApiUser(request);
      const query = parsed.query;
      const scope = listScope(viewer, query);
      const withHighlight = <T extends { id: string }>(item: T, highlights: Record<string, unknown>) =>
        query.q ? { ...item, highlight: highlights[item.id] ?? {} } : item;
      if (kind === "result") {
        const list = await listResults(query, scope);
        return apiJson({
          items: list.rows.map((r) => withHighlight(resultJson(r), list.highlights)),
          total: list.total,
          page: query.page,
          pageSize: query.pageSize,
        });
      }
      const list = await listNeeds(query, scope);
      return apiJson({
        items: list.rows.map((n) => withHighlight(needJson(n), list.highlights)),
        total: list.total,
        page: query.page,
        pageSize: query.pageSize,
      });
    });
}

/** POST /api/v1/{results|needs} */
export function collectionAction(kind: ListingKind) {
  return ({ request }: Args) =>
    handleApi(async () => {
      if (request.method !== "POST") throw methodNotAllowed();
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
      if (request.method !== "PATCH") throw methodNotAllowed();
      const user = await requireApiUser(request);
      const id = params.id ?? "";
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
      if (request.method !== "POST") throw methodNotAllowed();
      const user = await requireApiUser(request);
      const id = params.id ?? "";
      if (what === "review") {
        requirePermission(user, "review:listing:any");
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

/** GET on a POST-only endpoint. */
export function postOnlyLoader() {
  return () => handleApi(async () => {
    throw methodNotAllowed();
  });
}
