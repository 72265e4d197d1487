// The /api/v1/organizations handlers.
import {
  apiJson,
  errors,
  handleApi,
  optionalApiUser,
  readJson,
  requireApiUser,
  requirePermission,
} from "../api/api.server.ts";
import { requireMethod } from "../api/http.server.ts";
import { ORG_KINDS } from "../domain/catalog.ts";
import { isKnownRegion } from "../domain/regions.ts";
import { REGION_GROUPS } from "../listings/query.ts";
import {
  assertMayEditOrganization,
  createOrganization,
  getOrganization,
  organizationJson,
  organizationProfile,
  searchOrganizations,
  updateOrganizationProfile,
  verifyOrganization,
  type OrganizationSearch,
} from "./organizations.server.ts";
import { organizationCreateSchema, organizationProfileSchema } from "./schemas.ts";

type Args = { request: Request; params: Record<string, string | undefined> };

/** Reads ?q=&kind=&regionCode=&verified=&page=&pageSize= ; a 400 names the bad parameter. */
export function parseOrganizationQuery(params: URLSearchParams): OrganizationSearch {
  const fields: Record<string, string> = {};
  const kind = params.get("kind")?.trim() || undefined;
  if (kind && !(ORG_KINDS as readonly string[]).includes(kind)) {
    fields.kind = `未知的机构类型，可选值：${ORG_KINDS.join(", ")} / Unknown kind; allowed: ${ORG_KINDS.join(", ")}`;
  }
  const regionRaw = params.get("regionCode")?.trim() || undefined;
  let regionCode: string[] | undefined;
  if (regionRaw) {
    if (regionRaw in REGION_GROUPS) regionCode = [...REGION_GROUPS[regionRaw as keyof typeof REGION_GROUPS]];
    else if (isKnownRegion(regionRaw)) regionCode = [regionRaw];
    else fields.regionCode = "未知的地区代码 / Unknown regionCode";
  }
  const verifiedRaw = params.get("verified");
  let verified: boolean | undefined;
  if (verifiedRaw === "1" || verifiedRaw === "true") verified = true;
  else if (verifiedRaw === "0" || verifiedRaw === "false") verified = false;
  else if (verifiedRaw) fields.verified = "verified 应为 true 或 false / verified must be true or false";
  const int = (name: string, min: number, max: number, fallback: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      fields[name] = `${name} 应为 ${min}–${max} 之间的整数 / ${name} must be a whole number from ${min} to ${max}`;
      return fallback;
    }
    return n;
  };
  const page = int("page", 1, 1_000_000, 1);
  const pageSize = int("pageSize", 1, 100, 50);
  if (Object.keys(fields).length) {
    const [name, message] = Object.entries(fields)[0]!;
    throw errors.invalid(`查询参数无效：${name} — ${message}`, fields);
  }
  return { q: params.get("q") ?? "", kind, regionCode, verified, page, pageSize };
}

/** GET /api/v1/organizations?q= */
export function organizationsLoader() {
  return ({ request }: Args) =>
    handleApi(async () => {
      const search = parseOrganizationQuery(new URL(request.url).searchParams);
      await optionalApiUser(request); // a bad token is still a 401
      const { rows, total, page, pageSize } = await searchOrganizations(search);
      return apiJson({
        items: rows.map((r) => ({
          ...organizationJson(r),
          publishedResults: r._count.results,
          publishedNeeds: r._count.needs,
        })),
        total,
        page,
        pageSize,
      });
    });
}

/** POST /api/v1/organizations (bureau, admin) → 201, verified. */
export function organizationsAction() {
  return ({ request }: Args) =>
    handleApi(async () => {
      requireMethod(request, "POST");
      const user = await requireApiUser(request);
      requirePermission(user, "create:organization:any");
      const input = await readJson(request, organizationCreateSchema);
      return apiJson(organizationJson(await createOrganization(user, input)), 201);
    });
}

/** GET /api/v1/organizations/:id: the public profile. */
export function organizationLoader() {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      await optionalApiUser(request);
      const profile = await organizationProfile(params.id ?? "", 20);
      return apiJson({
        ...organizationJson(profile.org),
        publishedResults: profile.resultCount,
        publishedNeeds: profile.needCount,
        results: profile.results,
        needs: profile.needs,
      });
    });
}

/** PATCH /api/v1/organizations/:id `{"description"?, "website"?}` (its members, admin). */
export function organizationAction() {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      requireMethod(request, "PATCH");
      const user = await requireApiUser(request);
      await getOrganization(params.id ?? "");
      assertMayEditOrganization(user, params.id ?? "");
      const input = await readJson(request, organizationProfileSchema);
      return apiJson(organizationJson(await updateOrganizationProfile(user, params.id ?? "", input)));
    });
}

/** POST /api/v1/organizations/:id/verify (bureau, admin). */
export function verifyAction() {
  return ({ request, params }: Args) =>
    handleApi(async () => {
      requireMethod(request, "POST");
      const user = await requireApiUser(request);
      requirePermission(user, "verify:organization:any");
      await getOrganization(params.id ?? "");
      return apiJson(organizationJson(await verifyOrganization(user, params.id ?? "")));
    });
}
